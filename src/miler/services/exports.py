"""Write a plan where the runner lives: a calendar file and a folder of watch workouts."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time
from pathlib import Path
from typing import Any

from miler.adapters.exports.atomic import write_atomic
from miler.errors import InvalidInputError

__all__ = ["export_calendar", "export_document", "export_workouts", "race_of"]


def export_calendar(doc: Mapping[str, Any], path: Path, *, now: datetime,
                    start: time | None = None, tz: str | None = None) -> Path:
    """Write the plan ``doc`` to ``path`` as an iCalendar file."""
    from miler.adapters.exports.ics import plan_calendar

    write_atomic(path, plan_calendar(doc, stamp=now, start=start, tz=tz))
    return path


def export_workouts(doc: Mapping[str, Any], directory: Path, *, now: datetime) -> list[Path]:
    """One FIT workout per run and strength session in ``directory`` (made if missing)."""
    from miler.adapters.exports.fit_workout import (
        WORKOUT_KINDS,
        session_workout,
        workout_file_name,
    )

    if directory.exists() and not directory.is_dir():
        raise InvalidInputError("--fit", "must be a directory, not a file", str(directory))
    sessions = [s for week in doc["weeks"] for s in week["sessions"]
                if s["kind"] in WORKOUT_KINDS]
    files = [(directory / workout_file_name(s), session_workout(s, now)) for s in sessions]
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInputError("--fit", f"must be a directory we can create ({exc.strerror})",
                                str(directory)) from None
    for path, data in files:
        write_atomic(path, data)
    return [path for path, _ in files]


def race_of(doc: Mapping[str, Any]) -> Any:
    """The race-day plan of a plan document: track, the seed's lap shape."""
    from miler.domain.race import plan_race

    return plan_race(float(doc["goal"]["mile_s"]))


def export_document(doc: Mapping[str, Any], path: Path) -> Path:
    """The printable plan, HTML or PDF by the file's suffix, race day and band at the end."""
    from miler.adapters.exports.document import plan_html, plan_pdf
    from miler.adapters.exports.pace_band import band_svg

    race = race_of(doc)
    suffix = path.suffix.lower()
    if suffix in {".html", ".htm"}:
        data = plan_html(doc, race.to_doc(), band_svg(race)).encode()
    elif suffix == ".pdf":
        data = plan_pdf(doc, race.to_doc(), race)
    else:
        raise InvalidInputError("FILE", "must end in .html or .pdf", str(path))
    write_atomic(path, data)
    return path
