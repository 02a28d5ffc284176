"""``miler race`` output: laps and checkpoints with cues, warm-up, cool-down and advice."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from miler.cli.render import console
from miler.domain.race import RacePlan, RaceStep, Strategy, Venue
from miler.domain.units import format_clock, format_goal


def _clock(seconds: float) -> str:
    return format_clock(seconds, 2)


def _heading(plan: RacePlan) -> str:
    where = "on a track" if plan.venue is Venue.TRACK else "on the road"
    shape = "even pace" if plan.strategy is Strategy.EVEN else "the seeds' lap shape"
    return f"Race day: a {format_goal(plan.goal_s)} mile {where}, {shape}"


def _table(title: str, *columns: str) -> Any:
    from rich import box
    from rich.table import Table

    grid = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", pad_edge=False)
    for name in columns:
        grid.add_column(name, justify="left" if name in ("cue", "mark") else "right",
                        overflow="fold")
    return grid


def _laps(plan: RacePlan) -> Any:
    # The cues are long sentences: they follow the table, one a line, rather than wrap in it.
    track = plan.venue is Venue.TRACK
    grid = _table("Laps" if track else "Quarter miles",
                  "lap" if track else "quarter", "distance", "split", "time", "per mile")
    for lap in plan.laps:
        grid.add_row(str(lap.number), f"{lap.distance_m:.3f} m", _clock(lap.split_s),
                     _clock(lap.elapsed_s), _clock(lap.pace.s_per_mile))
    return grid


def _lap_cues(plan: RacePlan) -> Any:
    name = "Lap" if plan.venue is Venue.TRACK else "Quarter"
    return _list((f"{name} {lap.number}:", lap.cue) for lap in plan.laps)


def _list(rows: Iterable[tuple[str, str]]) -> Any:
    """Marker and text, the text wrapping under itself rather than under the marker."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1), pad_edge=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for marker, text in rows:
        grid.add_row(marker, text)
    return grid


def _checkpoints(plan: RacePlan) -> Any:
    grid = _table("Checkpoints", "mark", "at", "time", "split", "cue")
    for point in plan.checkpoints:
        grid.add_row(point.label, f"{point.at_m:.3f} m", _clock(point.elapsed_s),
                     _clock(point.split_s), point.cue)
    return grid


def _steps(steps: tuple[RaceStep, ...]) -> Any:
    return _list((f"{k}.", step.text) for k, step in enumerate(steps, 1))


def _footnote(plan: RacePlan) -> str:
    where = ("The mile starts 9.344 m behind the 1600 m start, so lap 1 is 409.344 m."
             if plan.venue is Venue.TRACK else "Splits every quarter mile (402.336 m).")
    return f"Times rounded half up to hundredths.\n{where}"


def race_view(plan: RacePlan) -> None:
    out = console()
    out.print(_heading(plan))
    out.print(f"Target: on goal pace or a couple of seconds faster "
              f"(stretch {format_goal(plan.stretch_goal_s)}).")
    out.print()
    out.print("Warm-up")
    out.print(_steps(plan.warmup))
    out.print()
    out.print(_laps(plan))
    out.print(_lap_cues(plan))
    out.print()
    out.print(_checkpoints(plan))
    out.print("Cool-down")
    out.print(_steps(plan.cooldown))
    out.print()
    out.print("Race morning")
    out.print(_list(("-", line) for line in plan.advice))
    out.print()
    out.print(_footnote(plan))


def band_note(path: Path, stderr: bool = False) -> None:
    console(stderr=stderr).print(
        f"Pace band written to {path}: 200 x 25 mm, print at 100% and cut along the dashed "
        "line.")
