"""Calendar and watch exports, read back by independent parsers (vobject, fitdecode)."""

from __future__ import annotations

import io
import json
import os
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from miler.cli.files import write_export, write_exports
from miler.domain.plan_view import PlanView
from miler.errors import ExportError, InvalidInputError
from miler.services import exports
from tests.conftest import ROOT


def export_calendar(doc: Any, path: Path, **options: Any) -> Path:
    """What ``miler plan --ics`` does: the service's content, written by the CLI."""
    return write_export(path, exports.calendar(PlanView.from_doc(doc), **options))


def export_workouts(doc: Any, directory: Path, now: datetime) -> list[Path]:
    return write_exports(directory, exports.workouts(PlanView.from_doc(doc), now=now), "--fit")


SAMPLE = json.loads((ROOT / "tests" / "data" / "plan-sample.json").read_text())
NOW = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)


def sessions(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for week in doc["weeks"] for s in week["sessions"]]


def read_ics(path: Path) -> list[Any]:
    import vobject

    calendar = vobject.readOne(path.read_text())
    return list(calendar.vevent_list)


def test_one_all_day_event_per_session_with_uids_naming_the_athlete(tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    export_calendar(SAMPLE, first, now=NOW)
    export_calendar(SAMPLE, second, now=datetime(2027, 1, 1, tzinfo=UTC))
    events = read_ics(first)
    expected = {(f"Sample-{s['date']}-{s['kind']}@miler", date.fromisoformat(s["date"]))
                for s in sessions(SAMPLE)}
    assert {(e.uid.value, e.dtstart.value) for e in events} == expected
    assert len(events) == len(sessions(SAMPLE))
    assert [e.uid.value for e in read_ics(second)] == [e.uid.value for e in events]
    assert {e.sequence.value for e in events} == {"0"}  # not a saved plan


def by_summary(events: list[Any], start: str) -> Any:
    return next(e for e in events if e.summary.value.startswith(start))


def test_description_has_paces_per_mile_and_lap_and_the_why(tmp_path: Path) -> None:
    export_calendar(SAMPLE, tmp_path / "plan.ics", now=NOW)
    speed = by_summary(read_ics(tmp_path / "plan.ics"), "6 x 400 m")
    text = speed.description.value
    # 6:00/mi is 1:29.5 per 400 m lap (360 x 400 / 1609.344 = 89.48 s)
    assert "6 x:" in text
    assert "400 m at 6:00–6:30/mi (1:29.5–1:36.9/lap)" in text
    assert "Why: Short repeats faster than goal pace" in text


def test_timed_events_carry_the_zone(tmp_path: Path) -> None:
    export_calendar(SAMPLE, tmp_path / "plan.ics", now=NOW, start=time(6, 30),
                    tz="Europe/London")
    assert "BEGIN:VTIMEZONE" in (tmp_path / "plan.ics").read_text()
    events = read_ics(tmp_path / "plan.ics")
    race = by_summary(events, "Race")
    rest = by_summary(events, "Rest")
    assert rest.dtstart.value == date(2026, 11, 30)  # a rest day stays all-day
    start = race.dtstart.value
    assert (start.hour, start.minute, start.utcoffset().total_seconds()) == (6, 30, 0)
    assert (race.dtend.value - start).total_seconds() == 2400


def fit_messages(path: Path) -> list[tuple[str, dict[str, Any]]]:
    import fitdecode

    out = []
    with fitdecode.FitReader(io.BytesIO(path.read_bytes()),
                             check_crc=fitdecode.CrcCheck.ENABLED) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                out.append((frame.name, {f.name: f.value for f in frame.fields
                                         if f.value is not None}))
    return out


def test_one_fit_workout_per_run_and_strength_session(tmp_path: Path) -> None:
    files = export_workouts(SAMPLE, tmp_path / "NewFiles", now=NOW)
    assert [p.name for p in files] == [
        "2026-12-01-tue-6x400m-at-6-00-6-30.fit", "2026-12-02-wed-strength-legs-and-core.fit",
        "2026-12-03-thu-easy-3-mi.fit", "2026-12-06-sun-race-mile-in-7-00.fit"]
    for path in files:
        messages = fit_messages(path)
        (file_id,) = [m for name, m in messages if name == "file_id"]
        (workout,) = [m for name, m in messages if name == "workout"]
        steps = [m for name, m in messages if name == "workout_step"]
        assert file_id["type"] == "workout"
        assert workout["num_valid_steps"] == len(steps)
        assert [s["message_index"] for s in steps] == list(range(len(steps)))


def test_repeats_targets_and_durations_round_trip(tmp_path: Path) -> None:
    files = export_workouts(SAMPLE, tmp_path, now=NOW)
    steps = [m for name, m in fit_messages(files[0]) if name == "workout_step"]
    warmup, work, recovery, repeat, cooldown = steps
    assert (warmup["duration_type"], warmup["duration_time"]) == ("time", 900)
    assert (work["duration_type"], work["duration_distance"]) == ("distance", 400)
    # 6:30/mi is the low bound: 1609.344 / 390 = 4.127 m/s; 6:00/mi = 4.470 m/s
    assert work["custom_target_speed_low"] == pytest.approx(1609.344 / 390, abs=0.001)
    assert work["custom_target_speed_high"] == pytest.approx(1609.344 / 360, abs=0.001)
    assert (recovery["intensity"], recovery["duration_time"]) == ("recovery", 90)
    assert recovery["target_type"] == "open"  # recover by feel: no pace alarm
    assert repeat["duration_type"] == "repeat_until_steps_cmplt"
    assert (repeat["duration_step"], repeat["repeat_steps"]) == (1, 6)
    assert (cooldown["duration_type"], cooldown["duration_distance"]) == ("distance", 1100)


def test_strength_steps_are_exercises_with_rests(tmp_path: Path) -> None:
    files = export_workouts(SAMPLE, tmp_path, now=NOW)
    messages = fit_messages(files[1])
    (workout,) = [m for name, m in messages if name == "workout"]
    steps = [m for name, m in messages if name == "workout_step"]
    assert (workout["sport"], workout["sub_sport"]) == ("training", "strength_training")
    assert workout["wkt_name"] == "Wed 02 Dec · Strength legs and core"
    squats, rest, repeat = steps[:3]
    assert (squats["wkt_step_name"], squats["duration_type"], squats["duration_reps"]) == (
        "Squats", "reps", 10)
    assert squats["exercise_category"] == "squat"
    assert (rest["wkt_step_name"], rest["intensity"], rest["duration_time"]) == (
        "Rest 60 s", "rest", 60)
    assert (repeat["duration_step"], repeat["repeat_steps"]) == (0, 3)


def test_serials_are_stable_and_distinct(tmp_path: Path) -> None:
    a = export_workouts(SAMPLE, tmp_path / "a", now=NOW)
    b = export_workouts(SAMPLE, tmp_path / "b", now=NOW)
    serial = [dict(fit_messages(p))["file_id"]["serial_number"] for p in a]
    assert serial == [dict(fit_messages(p))["file_id"]["serial_number"] for p in b]
    assert len(set(serial)) == len(serial)


def test_bad_paths_are_clear_and_leave_nothing(tmp_path: Path) -> None:
    afile = tmp_path / "file.txt"
    afile.write_text("keep me")
    with pytest.raises(InvalidInputError, match="--fit must be a directory, not a file"):
        export_workouts(SAMPLE, afile, now=NOW)
    assert afile.read_text() == "keep me"
    with pytest.raises(ExportError, match="is a directory; give a file name"):
        export_calendar(SAMPLE, tmp_path, now=NOW)
    with pytest.raises(ExportError, match=r"folder '.*missing' does not exist"):
        export_calendar(SAMPLE, tmp_path / "missing" / "plan.ics", now=NOW)
    with pytest.raises(InvalidInputError, match="--tz must be an IANA time zone"):
        export_calendar(SAMPLE, tmp_path / "p.ics", now=NOW, start=time(6), tz="Mars/Olympus")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


def test_unwritable_directory(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    # root writes through file modes; /proc refuses new files even to root
    target = Path("/proc") if os.geteuid() == 0 else locked
    with pytest.raises(ExportError, match="cannot write here"):
        export_calendar(SAMPLE, target / "plan.ics", now=NOW)
    assert list(locked.iterdir()) == []


def real_plan() -> dict[str, Any]:
    from miler.domain.athlete import Athlete
    from miler.domain.planner import generate_plan

    runner = Athlete(weekly_miles=20, test_mile_s=465)
    return generate_plan(runner, start=date(2026, 11, 30), goal_mile_s=420).to_doc()


def test_a_generated_plan_exports_every_session(tmp_path: Path) -> None:
    doc = real_plan()
    export_calendar(doc, tmp_path / "plan.ics", now=NOW)
    assert len(read_ics(tmp_path / "plan.ics")) == len(sessions(doc))
    files = export_workouts(doc, tmp_path / "fit", now=NOW)
    assert len({p.name for p in files}) == len(files)
    for path in files:
        steps = [m for name, m in fit_messages(path) if name == "workout_step"]
        assert steps


@given(st.text(alphabet=st.sampled_from("ab .,;:("), max_size=80),
       st.integers(min_value=10, max_value=60))
def test_short_names_fit_and_are_the_name_or_its_beginning(name: str, limit: int) -> None:
    from miler.adapters.exports.fit_workout import short_name

    short = short_name(name, limit)
    assert len(short) <= limit
    assert name.startswith(short)
    assert short == name or len(name) > limit
