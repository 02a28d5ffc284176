"""intervals.icu plain-text workouts, read back by a small parser of the grammar intervals.icu
publishes for its workout builder (forum.intervals.icu, "Workout Builder Syntax Quick
Guide"): a step per line (``- [cue] [duration|distance] [M:SS-M:SS/unit Pace] [press
lap]``), ``m`` minutes and ``mtr`` metres, repeat headers ending ``Nx`` with a blank line
around the block and no nesting. Every run of generated plans round-trips: its steps, their
amounts and their pace ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from miler.adapters.exports.intervals_icu import duration_text, outing_text
from miler.domain.plan_view import PlanView
from miler.domain.units import METERS_PER_KM, METERS_PER_MILE
from miler.domain.watch import End, WatchRepeat, WatchStep, outings, watch_steps

_HEAD = re.compile(r"\d{4}-\d\d-\d\d (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d [A-Z][a-z]{2} · .+")
_REPEAT = re.compile(r"(?P<label>[A-Z][A-Za-z ]*?) (?P<times>\d+)x")
_STEP = re.compile(
    r"- (?:(?P<cue>[A-Za-z][A-Za-z '-]*?) ?)?"
    r"(?:(?P<time>(?:\d+m)?(?:\d+s)?)|(?P<dist>\d+(?:\.\d+)?)(?P<unit>mtr|mi|km))?"
    r"(?: (?P<fast>\d+:\d\d)-(?P<slow>\d+:\d\d)/(?P<per>mi|km) Pace)?(?P<lap> press lap)?")


@dataclass
class Parsed:
    cue: str
    seconds: float | None
    meters: float | None
    pace: tuple[float, float] | None  # s per mile
    lap: bool


def _clock(text: str) -> float:
    minutes, seconds = text.split(":")
    return 60 * int(minutes) + int(seconds)


def parse_step(line: str) -> Parsed:
    match = _STEP.fullmatch(line)
    assert match, f"not a step: {line!r}"
    time, dist = match["time"] or None, match["dist"]
    seconds = None
    if time:
        m = re.fullmatch(r"(?:(\d+)m)?(?:(\d+)s)?", time)
        assert m
        seconds = 60 * int(m[1] or 0) + int(m[2] or 0)
        assert seconds > 0
    meters = None
    if dist:
        scale = {"mtr": 1.0, "mi": METERS_PER_MILE, "km": METERS_PER_KM}[match["unit"]]
        meters = float(dist) * scale
        assert match["unit"] != "mtr" or meters < 1000  # metres only under a kilometre
    pace = None
    if match["fast"]:
        per = METERS_PER_MILE / METERS_PER_KM if match["per"] == "km" else 1.0
        pace = (_clock(match["fast"]) * per, _clock(match["slow"]) * per)
        assert pace[0] < pace[1]
    lap = bool(match["lap"])
    assert seconds or meters or lap, f"a step needs a duration, a distance or press lap: {line}"
    assert not match["cue"] or not re.search(r"\d", match["cue"])
    return Parsed(match["cue"] or "", seconds, meters, pace, lap)


def parse(text: str) -> tuple[str, list[Parsed | tuple[int, list[Parsed]]]]:
    """The workout's heading and its items: steps, and (times, steps) repeat blocks."""
    lines = text.rstrip("\n").split("\n")
    head, blank, *body = lines
    assert _HEAD.fullmatch(head), head
    assert blank == ""
    items: list[Parsed | tuple[int, list[Parsed]]] = []
    block: tuple[int, list[Parsed]] | None = None
    for i, line in enumerate(body):
        if not line:
            block = None
            continue
        header = _REPEAT.fullmatch(line)
        if header:
            assert block is None, "repeats do not nest"
            assert i == 0 or body[i - 1] == "", "a blank line before a repeat block"
            block = (int(header["times"]), [])
            items.append(block)
        elif block is not None:
            block[1].append(parse_step(line))
            assert i + 1 == len(body) or body[i + 1] == "" or body[i + 1].startswith("- ")
        else:
            items.append(parse_step(line))
    for item in items:
        if isinstance(item, tuple):
            assert item[0] > 1, "a repeat has a count"
            assert item[1], "a repeat has steps"
    return head, items


def _check(parsed: Parsed, step: WatchStep, units: str) -> None:
    if step.end is End.TIME:
        assert parsed.seconds == round(step.amount or 0)
    elif step.amount and step.end in (End.DISTANCE, End.LAP):
        assert parsed.meters is not None
        unit = 1.0 if step.amount < 1000 else (METERS_PER_KM if units == "km"
                                               else METERS_PER_MILE)
        # metres to the metre; miles and kilometres to two decimals
        assert abs(parsed.meters - step.amount) <= max(0.5, 0.005 * unit) + 1e-6
    assert parsed.lap == (step.end is End.LAP)
    if step.pace is None:
        assert parsed.pace is None
    else:
        assert parsed.pace is not None
        per = METERS_PER_KM / METERS_PER_MILE if units == "km" else 1.0
        slack = 1.0 / per + 1e-6  # written in whole seconds per mile or per km, outwards
        assert step.pace[0] - slack <= parsed.pace[0] <= step.pace[0] + 1e-6
        assert step.pace[1] - 1e-6 <= parsed.pace[1] <= step.pace[1] + slack


def round_trip(plan: PlanView) -> int:
    checked = 0
    for outing in outings(plan.sessions):
        if outing.is_strength:
            continue
        head, items = parse(outing_text(outing, plan.units))
        assert head.startswith(outing.main.date.isoformat())
        expected = [i for i in watch_steps(outing)
                    if not (isinstance(i, WatchRepeat) and i.times == 1)]
        flat = [s for i in watch_steps(outing) if isinstance(i, WatchRepeat) and i.times == 1
                for s in i.steps]
        assert not flat
        assert len(items) == len(expected)
        for got, want in zip(items, expected, strict=True):
            if isinstance(want, WatchRepeat):
                assert isinstance(got, tuple)
                assert got[0] == want.times
                for p, s in zip(got[1], want.steps, strict=True):
                    _check(p, s, plan.units)
            else:
                assert isinstance(got, Parsed)
                _check(got, want, plan.units)
            checked += 1
        # and every pace of the sessions it holds is on the page, or wider
        paces = [p.pace for i in items for p in (i[1] if isinstance(i, tuple) else [i])
                 if p.pace is not None]
        for session in outing.sessions:
            for step in _steps(session.steps):
                if step.pace is not None and str(step.kind) != "recovery":
                    fast, slow = step.pace.fast_s_per_mile, step.pace.slow_s_per_mile
                    assert any((f <= fast + 1 and s >= slow - 1) or _lap_of(f, s, fast, slow)
                               for f, s in paces), (session.title, fast, slow)
    return checked


def _lap_of(f: float, s: float, fast: float, slow: float) -> bool:
    """A race lap's target: its pace, 3 % either way (domain/watch.py)."""
    mid = (fast + slow) / 2
    return f <= mid * 0.97 + 1 and s >= mid * 1.03 - 1


def _steps(items: Any) -> list[Any]:
    return [s for i in items for s in (i.steps if hasattr(i, "times") else (i,))]


def generated(units: str = "mi", **runner: Any) -> PlanView:
    from dataclasses import replace

    from miler.domain.athlete import Athlete, Units
    from miler.domain.planner import generate_plan

    athlete = replace(Athlete(**runner), units=Units(units))
    return PlanView.from_doc(generate_plan(athlete, start=date(2026, 11, 30)).to_doc())


@pytest.mark.parametrize(("units", "runner"), [
    ("mi", {"weekly_miles": 20, "test_mile_s": 465}),
    ("km", {"weekly_miles": 45, "test_mile_s": 330}),
    ("mi", {"weekly_miles": 100, "test_mile_s": 290}),
    ("mi", {"weekly_miles": 12}),
])
def test_every_run_of_a_generated_plan_round_trips(units: str, runner: dict[str, Any]) -> None:
    plan = generated(units, **runner)
    assert round_trip(plan) > 100


def test_the_seeds_repeats_read_as_intervals_icu_writes_them() -> None:
    plan = generated(weekly_miles=20, test_mile_s=465)
    texts = {o.main.id: outing_text(o) for o in outings(plan.sessions)
             if not o.is_strength}
    fartlek = texts["2026-12-01-fartlek"]
    assert fartlek.startswith("2026-12-01 Tue 01 Dec · Fartlek 7x80s\n\n")
    assert "\nMain Set 7x\n- Fartlek 1m20s 7:59-8:20/mi Pace\n- jog 1m\n\n" in fartlek
    assert "- 400mtr " in texts["2026-12-04-repeats_400"]
    race = texts["2027-01-24-race"]
    assert "- To the start line press lap\n- Lap 409mtr " in race


@given(st.integers(min_value=1, max_value=20_000))
def test_durations_parse_back(seconds: int) -> None:
    parsed = parse_step(f"- {duration_text(seconds)}")
    assert parsed.seconds == seconds


def test_the_cli_writes_a_folder_or_one_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    runner = ["plan", "--weekly-miles", "20", "--test-mile", "7:45", "--goal", "7:00",
              "--start", "2026-11-30"]
    code, _, err = cli(*runner, "--intervals-icu", str(tmp_path / "icu"))
    assert code == 0
    files = sorted((tmp_path / "icu").iterdir())
    assert "intervals.icu workouts written to" in err
    assert len(files) == len([o for o in outings(generated(
        weekly_miles=20, test_mile_s=465).sessions) if not o.is_strength])
    for path in files:
        parse(path.read_text())
    code, _, _ = cli(*runner, "--intervals-icu", str(tmp_path / "all.txt"))
    assert code == 0
    text = (tmp_path / "all.txt").read_text()
    workouts = re.split(r"\n(?=\d{4}-\d\d-\d\d )", text)
    assert len(workouts) == len(files)
    assert [parse(w + "\n")[0] for w in workouts] == [parse(p.read_text())[0] for p in files]
