"""Pace: time per distance, kept as seconds per metre inside.

Shown per mile, per km, per 400 m lap, per 200 m and per 100 m. Two display precisions:
the pace table shows hundredths (``4:20.98/km``, ``1:44.39`` per 400 m); plans show whole
seconds per mile and tenths per lap. Both round half up.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Final

from miler.domain.units import (
    METERS_PER_KM,
    METERS_PER_MILE,
    TRACK_LAP_M,
    Distance,
    Duration,
    format_clock,
)
from miler.errors import InvalidInputError

__all__ = ["PACE_UNITS", "Pace", "PaceTable", "pace_table"]

#: Display units of a pace, in metres.
PACE_UNITS: Final[dict[str, float]] = {
    "mi": METERS_PER_MILE,
    "km": METERS_PER_KM,
    "400m": TRACK_LAP_M,
    "200m": 200.0,
    "100m": 100.0,
}
_SUFFIX: Final[dict[str, str]] = {
    "mi": "mi", "mile": "mi", "km": "km", "k": "km", "400m": "400m", "lap": "400m",
    "200m": "200m", "100m": "100m",
}
_PACE_RULE: Final = "must look like M:SS or M:SS/mi, M:SS/km, M:SS/400m"
_PACE = re.compile(r"^(?P<t>[^/]+?)\s*(?:/\s*(?P<u>[a-z0-9]+))?$")


@dataclass(frozen=True, slots=True, order=True)
class Pace:
    """Seconds per metre; always finite and positive."""

    s_per_m: float

    def __post_init__(self) -> None:
        if not math.isfinite(self.s_per_m) or self.s_per_m <= 0:
            raise InvalidInputError("pace", "must be a positive, finite time per distance",
                                    self.s_per_m)

    @classmethod
    def parse(cls, text: str, field: str = "pace") -> Pace:
        """Parse ``7:00`` (per mile), ``7:00/mi``, ``4:21/km``, ``1:45/400m`` or ``1:45/lap``."""
        raw = text.strip().lower() if isinstance(text, str) else ""
        match = _PACE.match(raw)
        if not match or (match["u"] is not None and match["u"] not in _SUFFIX):
            raise InvalidInputError(field, _PACE_RULE, text)
        per = PACE_UNITS[_SUFFIX[match["u"] or "mi"]]
        try:
            time = Duration.parse(match["t"], field=field)
        except InvalidInputError as exc:
            if exc.rule.startswith("must look like"):
                raise InvalidInputError(field, _PACE_RULE, text) from None
            raise InvalidInputError(field, exc.rule, text) from None
        if time.seconds <= 0:
            raise InvalidInputError(field, "must be more than zero", text)
        return cls(time.seconds / per)

    @classmethod
    def per_mile(cls, seconds: float) -> Pace:
        return cls(seconds / METERS_PER_MILE)

    @classmethod
    def from_time(cls, time: Duration | float, distance: Distance | float) -> Pace:
        seconds = time.seconds if isinstance(time, Duration) else time
        meters = distance.meters if isinstance(distance, Distance) else distance
        if meters <= 0:
            raise InvalidInputError("distance", "must be more than zero", meters)
        return cls(seconds / meters)

    @property
    def mps(self) -> float:
        """Speed in metres per second."""
        return 1.0 / self.s_per_m

    @property
    def s_per_mile(self) -> float:
        return self.s_per_m * METERS_PER_MILE

    @property
    def s_per_km(self) -> float:
        return self.s_per_m * METERS_PER_KM

    def time_for(self, distance: Distance | float) -> Duration:
        meters = distance.meters if isinstance(distance, Distance) else distance
        return Duration(self.s_per_m * meters)

    def seconds_per(self, unit: str) -> float:
        """Seconds per display unit: ``mi``, ``km``, ``400m``, ``200m`` or ``100m``."""
        if unit not in PACE_UNITS:
            raise InvalidInputError("unit", f"must be one of {', '.join(PACE_UNITS)}", unit)
        return self.s_per_m * PACE_UNITS[unit]

    def format(self, unit: str = "mi", decimals: int = 0, suffix: bool = True) -> str:
        """``7:00/mi``, ``4:20.98/km``, ``1:44.4/400m``; rounded half up to ``decimals``."""
        clock = format_clock(self.seconds_per(unit), decimals)
        return f"{clock}/{unit}" if suffix else clock

    def __str__(self) -> str:
        return self.format("mi", 0)


@dataclass(frozen=True, slots=True)
class PaceTable:
    """A goal mile pace shown every way a runner meets it, plus the track's lap trap.

    ``naive_lap_s`` is the lap split people work out as mile time / 4 (rounded to whole
    seconds, as seed 000's "1:45 per lap" for 7:00); four laps at it cover only 1600 m, and
    the 9.344 m left over make ``naive_mile_s`` slower than the goal.
    """

    goal: Pace
    time_1600m_s: float
    naive_lap_s: float
    naive_mile_s: float

    def seconds_per(self, unit: str) -> float:
        return self.goal.seconds_per(unit)

    @property
    def naive_shortfall_s(self) -> float:
        """How much slower than the goal four naive laps plus 9.344 m come out."""
        return self.naive_mile_s - self.goal.s_per_mile


def pace_table(goal_mile: Duration) -> PaceTable:
    """The pace table for a mile run in ``goal_mile``."""
    if goal_mile.seconds <= 0:
        raise InvalidInputError("goal", "must be more than zero", goal_mile.seconds)
    goal = Pace.per_mile(goal_mile.seconds)
    lap = float(math.floor(goal_mile.seconds / 4 + 0.5))
    extra_m = METERS_PER_MILE - 4 * TRACK_LAP_M
    return PaceTable(
        goal=goal,
        time_1600m_s=goal.s_per_m * 4 * TRACK_LAP_M,
        naive_lap_s=lap,
        naive_mile_s=4 * lap + lap * extra_m / TRACK_LAP_M,
    )
