"""Strava's ``activities.csv``: the catalogue at the top of a bulk export.

It names every activity, gives its type, date and distance, and says which file under
``activities/`` holds its samples. Activities entered by hand (and many treadmill runs) have
no file: the catalogue is the only place they exist, so without it weekly volume comes out
too low.

The header repeats names: ``Elapsed Time`` and ``Distance`` appear twice, first in the
units the runner displays (seconds; km or miles), later in base units (seconds; metres). A
column is therefore named by (header text, occurrence): its position is where that
occurrence sits in this file's header, so exports whose columns moved (Strava has added
columns over the years) still read right, and a header missing a needed column is refused
by name. Dates are UTC, written ``Jan 5, 2021, 7:32:10 AM`` (older exports:
``2021-01-05 07:32:10``).

Limits: the file is at most ``MAX_CSV_BYTES`` and ``MAX_ROWS`` activities; a name is cut
to ``MAX_NAME_CHARS`` characters, with control characters removed.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Final

from miler.domain.units import METERS_PER_MILE
from miler.errors import ActivityFileError

__all__ = ["CATALOGUE_NAME", "MAX_CSV_BYTES", "MAX_NAME_CHARS", "MAX_ROWS", "Catalogue",
           "StravaActivity", "file_key", "read_activities_csv", "sport_of"]

CATALOGUE_NAME: Final = "activities.csv"
MAX_CSV_BYTES: Final = 64 * 1024 * 1024  # the zip member cap of walk.py
MAX_ROWS: Final = 100_000  # 10 activities a day for 27 years
MAX_NAME_CHARS: Final = 200

#: (header text, occurrence) -> what it is. Occurrence 0 is the first column of that name.
_ID: Final = ("Activity ID", 0)
_DATE: Final = ("Activity Date", 0)
_NAME: Final = ("Activity Name", 0)
_TYPE: Final = ("Activity Type", 0)
_ELAPSED: Final = ("Elapsed Time", 0)  # seconds
_SHOWN_DISTANCE: Final = ("Distance", 0)  # km or miles, as the runner displays them
_FILE: Final = ("Filename", 0)
_MOVING: Final = ("Moving Time", 0)  # seconds
_METRES: Final = ("Distance", 1)  # metres
_REQUIRED: Final = (_ID, _DATE, _NAME, _TYPE, _SHOWN_DISTANCE, _FILE)

#: Strava activity types to the FIT sport names the rest of miler uses.
_SPORTS: Final = {
    "run": "running", "trail run": "running", "virtual run": "running",
    "walk": "walking", "hike": "hiking", "swim": "swimming",
    "ride": "cycling", "virtual ride": "cycling", "e-bike ride": "cycling",
    "mountain bike ride": "cycling", "gravel ride": "cycling", "handcycle": "cycling",
    "velomobile": "cycling", "triathlon": "multisport", "multisport": "multisport",
}
_DATE_FORMATS: Final = ("%b %d, %Y, %I:%M:%S %p", "%Y-%m-%d %H:%M:%S", "%d %b %Y, %H:%M:%S")
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def sport_of(strava_type: str) -> str:
    """``Run`` -> ``running``; a type miler has no name for -> its own words, lower-case."""
    key = " ".join(strava_type.split()).lower()
    return _SPORTS.get(key, key.replace(" ", "_") or "generic")


def file_key(name: str) -> str:
    """How a file is matched to its catalogue row: its base name, lower-case (a zip member
    ``activities/123.fit.gz``, a folder's ``.../activities/123.fit.gz`` and the row's
    ``activities/123.fit.gz`` all give ``123.fit.gz``)."""
    return PurePosixPath(name.replace("\\", "/").split("!")[-1]).name.lower()


@dataclass(frozen=True, slots=True)
class StravaActivity:
    """One row of ``activities.csv``."""

    activity_id: str
    name: str
    type: str  # Strava's words: Run, Trail Run, Ride, ...
    start_time: datetime  # UTC
    distance_m: float
    elapsed_s: float | None
    moving_s: float | None
    filename: str | None  # None: entered by hand, no file

    @property
    def sport(self) -> str:
        return sport_of(self.type)

    @property
    def manual(self) -> bool:
        return self.filename is None


@dataclass(slots=True)
class Catalogue:
    """Every catalogue of an import, indexed by file."""

    by_file: dict[str, StravaActivity] = field(default_factory=dict)
    manual: list[StravaActivity] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def add(self, rows: list[StravaActivity]) -> None:
        for row in rows:
            if row.filename is None:
                self.manual.append(row)
            else:
                self.by_file[file_key(row.filename)] = row

    def row_of(self, item_name: str) -> StravaActivity | None:
        return self.by_file.get(file_key(item_name))


def read_activities_csv(data: bytes, label: str) -> tuple[list[StravaActivity],
                                                          list[tuple[str, str]]]:
    """The rows of an ``activities.csv``, and (row, why) for each row that cannot be read.
    ActivityFileError when the file as a whole is not one (size, encoding, header)."""
    if len(data) > MAX_CSV_BYTES:
        raise ActivityFileError(label, f"is larger than {MAX_CSV_BYTES >> 20} MiB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ActivityFileError(label, f"is not UTF-8 text (byte {exc.start})") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    columns = _columns(next(reader, []), label)
    rows: list[tuple[StravaActivity, float | None]] = []
    skipped: list[tuple[str, str]] = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(rows) + len(skipped) >= MAX_ROWS:
            raise ActivityFileError(label, f"has more than {MAX_ROWS} activities")
        try:
            rows.append(_row(cells, columns))
        except ValueError as exc:
            skipped.append((f"{label} line {number}", str(exc)))
    return _in_metres(rows), skipped


def _columns(header: list[str], label: str) -> dict[tuple[str, int], int]:
    """(header text, occurrence) -> position, checked: every required column is there."""
    seen: dict[str, int] = {}
    positions: dict[tuple[str, int], int] = {}
    for position, raw in enumerate(header):
        text = raw.strip()
        positions[(text, seen.get(text, 0))] = position
        seen[text] = seen.get(text, 0) + 1
    missing = [name for name, _ in _REQUIRED if (name, 0) not in positions]
    if missing:
        raise ActivityFileError(label, "is not Strava's activities.csv: its header has no "
                                + ", ".join(repr(m) for m in missing) + " column")
    return positions


def _cell(cells: list[str], columns: dict[tuple[str, int], int], key: tuple[str, int]) -> str:
    position = columns.get(key)
    return cells[position].strip() if position is not None and position < len(cells) else ""


def _number(text: str, what: str) -> float | None:
    if not text:
        return None
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        raise ValueError(f"{what} must be a number, got {text[:40]!r}") from None
    if not 0 <= value < 1e9:
        raise ValueError(f"{what} must be from 0 to 1e9, got {text[:40]!r}")
    return value


def _when(text: str) -> datetime:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    raise ValueError(f"Activity Date must look like 'Jan 5, 2021, 7:32:10 AM', "
                     f"got {text[:40]!r}")


def _row(cells: list[str], columns: dict[tuple[str, int], int]
         ) -> tuple[StravaActivity, float | None]:
    """The row, its distance in metres when the file gives it (else 0), and the distance as
    shown (km or miles)."""
    name = _CONTROL.sub("", _cell(cells, columns, _NAME))[:MAX_NAME_CHARS].strip()
    metres = _number(_cell(cells, columns, _METRES), "Distance (metres)")
    shown = _number(_cell(cells, columns, _SHOWN_DISTANCE), "Distance")
    elapsed = _number(_cell(cells, columns, _ELAPSED), "Elapsed Time")
    moving = _number(_cell(cells, columns, _MOVING), "Moving Time")
    row = StravaActivity(_cell(cells, columns, _ID)[:40], name or "(unnamed)",
                         _CONTROL.sub("", _cell(cells, columns, _TYPE))[:40] or "Workout",
                         _when(_cell(cells, columns, _DATE)), metres or 0.0, elapsed, moving,
                         _cell(cells, columns, _FILE) or None)
    return row, shown


def _in_metres(rows: list[tuple[StravaActivity, float | None]]) -> list[StravaActivity]:
    """Rows without the metres column get their shown distance in metres, in the export's
    unit: the one the rows with both show (shown / metres is 1/1000 for km, 1/1609.344 for
    miles); km when no row has both."""
    from dataclasses import replace

    both = [(r.distance_m, shown) for r, shown in rows if r.distance_m > 0 and shown]
    unit = 1000.0
    if both:
        metres, shown = both[0]
        unit = min((1000.0, METERS_PER_MILE), key=lambda u: abs(metres / u - shown))
    return [replace(r, distance_m=(shown or 0.0) * unit) if r.distance_m == 0 else r
            for r, shown in rows]
