"""Distances and durations: one canonical unit each inside (metres, seconds).

Parsing accepts what runners type (``7:00``, ``7:00.5``, ``1:02:03``, ``420``; ``1mi``,
``1 mile``, ``1600m``, ``1.5km``, ``5k``); formatting rounds half up at the precision the
caller names, and says so in the docstring of each formatter.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Final

from miler.domain.figures import METERS_PER_MILE, format_clock, round_half_up
from miler.errors import InvalidInputError

__all__ = [
    "GPS_EPOCH",
    "MAX_INPUT_CHARS",
    "METERS_PER_KM",
    "METERS_PER_MILE",
    "TRACK_LAP_M",
    "Distance",
    "Duration",
    "Venue",
    "check_date",
    "format_clock",
    "format_goal",
    "round_half_up",
    "with_article",
]

METERS_PER_KM: Final = 1000.0
# IAAF/World Athletics standard outdoor track, lane 1 (Rule 14 of the Technical Rules).
TRACK_LAP_M: Final = 400.0

class Venue(StrEnum):
    """Where a mile is run: on a 400 m track (4 laps + 9.344 m) or on the road."""

    TRACK = "track"
    ROAD = "road"

    @classmethod
    def parse(cls, text: str, field: str = "venue") -> Venue:
        try:
            return cls(text.strip().lower())
        except (ValueError, AttributeError):
            raise InvalidInputError(field, "must be track or road", text) from None


def format_goal(seconds: float) -> str:
    """A goal time as a runner types it: ``7:00``, or ``6:59.50`` when it has hundredths."""
    return format_clock(seconds, 0 if seconds == int(seconds) else 2)


def with_article(clock: str) -> str:
    """A spoken time with its article: "an 8:00", "an 11:30", "an 18:05", "a 7:45"."""
    head = clock.split(":")[0]
    return f"an {clock}" if head in ("8", "11", "18") or head.startswith("8") else f"a {clock}"


# ASCII digits only: full-width or Arabic-Indic digits are not taken as a time without a word.
_CLOCK = re.compile(r"^(?:(?P<h>\d+):(?=\d+:))?(?:(?P<m>\d+):)?(?P<s>\d+(?:\.\d+)?)$", re.ASCII)
#: A time or distance typed longer than this is a mistake (or an attack on int()).
MAX_INPUT_CHARS: Final = 20
#: Dates a runner can mean: from the GPS epoch to ten years ahead.
GPS_EPOCH: Final = date(1980, 1, 6)
_YEARS_AHEAD: Final = 10


def check_date(day: date, field: str, today: date) -> date:
    """``day`` if it lies from the GPS epoch to ten years after ``today``, else a clear error."""
    last = today.replace(year=today.year + _YEARS_AHEAD, day=min(today.day, 28))
    if not GPS_EPOCH <= day <= last:
        raise InvalidInputError(field, f"must be from {GPS_EPOCH} to {last}", day.isoformat())
    return day


def _short(text: object, field: str) -> None:
    if isinstance(text, str) and len(text.strip()) > MAX_INPUT_CHARS:
        raise InvalidInputError(field, f"must be at most {MAX_INPUT_CHARS} characters",
                                text.strip()[:MAX_INPUT_CHARS] + "...")


@dataclass(frozen=True, slots=True, order=True)
class Duration:
    """A length of time in seconds (never negative, never NaN)."""

    seconds: float

    def __post_init__(self) -> None:
        if not math.isfinite(self.seconds) or self.seconds < 0:
            raise InvalidInputError("duration", "must be a finite, non-negative number of seconds",
                                    self.seconds)

    @classmethod
    def parse(cls, text: str, field: str = "time") -> Duration:
        """Parse ``7:00``, ``7:00.5``, ``1:02:03`` or ``420`` (seconds)."""
        _short(text, field)
        raw = text.strip() if isinstance(text, str) else text
        if not isinstance(raw, str) or not raw:
            raise InvalidInputError(field, "must look like M:SS, H:MM:SS or seconds", text)
        if raw.startswith("-"):
            raise InvalidInputError(field, "must be positive", text)
        match = _CLOCK.match(raw)
        if not match:
            raise InvalidInputError(field, "must look like M:SS, H:MM:SS or seconds", text)
        hours = int(match["h"] or 0)
        minutes = int(match["m"] or 0)
        seconds = float(match["s"])
        if match["m"] is not None and seconds >= 60:
            raise InvalidInputError(field, "seconds must be under 60 in M:SS", text)
        if match["h"] is not None and minutes >= 60:
            raise InvalidInputError(field, "minutes must be under 60 in H:MM:SS", text)
        return cls(hours * 3600 + minutes * 60 + seconds)

    def format(self, decimals: int = 0) -> str:
        """Clock form, rounded half up to ``decimals`` places."""
        return format_clock(self.seconds, decimals)

    def __str__(self) -> str:
        return self.format(2 if self.seconds != int(self.seconds) else 0)


_UNITS: Final[dict[str, float]] = {
    "m": 1.0, "meter": 1.0, "meters": 1.0, "metre": 1.0, "metres": 1.0,
    "k": METERS_PER_KM, "km": METERS_PER_KM, "kms": METERS_PER_KM, "kilometer": METERS_PER_KM,
    "kilometers": METERS_PER_KM, "kilometre": METERS_PER_KM, "kilometres": METERS_PER_KM,
    "mi": METERS_PER_MILE, "mile": METERS_PER_MILE, "miles": METERS_PER_MILE,
}
_DISTANCE = re.compile(r"^(?P<n>\d+(?:\.\d+)?|\.\d+)\s*(?P<u>[a-z]+)$", re.ASCII)


@dataclass(frozen=True, slots=True, order=True)
class Distance:
    """A distance in metres (never negative, never NaN)."""

    meters: float

    def __post_init__(self) -> None:
        if not math.isfinite(self.meters) or self.meters < 0:
            raise InvalidInputError("distance", "must be a finite, non-negative number of metres",
                                    self.meters)

    @classmethod
    def parse(cls, text: str, field: str = "distance") -> Distance:
        """Parse ``1mi``, ``1 mile``, ``1600m``, ``1.5km``, ``5k``, ``400m``; a unit is needed."""
        _short(text, field)
        raw = text.strip().lower() if isinstance(text, str) else ""
        if raw.startswith("-"):
            raise InvalidInputError(field, "must be positive", text)
        match = _DISTANCE.match(raw)
        if not match or match["u"] not in _UNITS:
            raise InvalidInputError(field, "must be a number with a unit (m, km, k, mi, mile)",
                                    text)
        return cls(float(match["n"]) * _UNITS[match["u"]])

    @classmethod
    def miles(cls, n: float) -> Distance:
        return cls(n * METERS_PER_MILE)

    @classmethod
    def km(cls, n: float) -> Distance:
        return cls(n * METERS_PER_KM)

    @property
    def in_miles(self) -> float:
        return self.meters / METERS_PER_MILE

    @property
    def in_km(self) -> float:
        return self.meters / METERS_PER_KM

    def format(self, unit: str = "m", decimals: int = 0) -> str:
        """``1609m``, ``1.61km`` or ``1.00mi``, rounded half up to ``decimals`` places."""
        if unit not in ("m", "km", "mi"):
            raise InvalidInputError("unit", "must be one of m, km, mi", unit)
        value = self.meters / _UNITS[unit]
        return f"{round_half_up(value, decimals):.{decimals}f}{unit}"

    def __str__(self) -> str:
        return self.format("m", 3 if self.meters != int(self.meters) else 0)
