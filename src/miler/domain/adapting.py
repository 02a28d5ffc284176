"""When what was run changes the plan: which results count as a mile, what kind of result a
run is, and whether new runs re-set the paces (a re-plan).

Pure: plain values in, plain values out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from miler.domain.baseline import RECENT_WEEKS
from miler.domain.units import METERS_PER_MILE, format_clock

__all__ = ["NewMile", "Replan", "is_mile", "replan_trigger", "result_kind"]

#: A logged distance within this of a mile is a mile (1600 m is not: 9.344 m short).
_MILE_TOLERANCE_M: Final = 5.0
#: A mile inside a run re-sets the paces only when it beats the plan's basis by this much.
_FASTER_BY_S: Final = 1.0


def is_mile(distance_m: float) -> bool:
    return abs(distance_m - METERS_PER_MILE) < _MILE_TOLERANCE_M


def result_kind(session_kind: str | None) -> str:
    """A recorded mile completing a time trial or race is one; any other is a test mile."""
    return session_kind if session_kind in {"time_trial", "race"} else "test_mile"


@dataclass(frozen=True, slots=True)
class NewMile:
    """A mile from a newly stored run: its time, its day, and whether it was a result (a
    recognised test mile, time trial or race) rather than a fast mile inside a run."""

    mile_s: float
    day: date
    is_result: bool


@dataclass(frozen=True, slots=True)
class Replan:
    mile_s: float
    reason: str


def replan_trigger(basis_s: float | None, miles: Iterable[NewMile], *,
                   today: date | None = None, since: date | None = None) -> Replan | None:
    """Re-plan from the fastest new result, else from a mile faster than ``basis_s`` (the
    fitness the plan's paces come from); None when nothing changes the paces.

    Only recent miles count: none older than ``RECENT_WEEKS`` before ``today`` (an old
    history imported today says nothing about now), and none from before ``since`` (the day
    the plan's current basis was set: an older result never re-paces it)."""
    oldest = max(d for d in (since, today and today - timedelta(weeks=RECENT_WEEKS))
                 if d is not None) if (since or today) else None
    found = [m for m in miles if oldest is None or m.day >= oldest]
    results = [m for m in found if m.is_result]
    faster = [m for m in found if basis_s is None or m.mile_s < basis_s - _FASTER_BY_S]
    best = min(results or faster, default=None, key=lambda m: m.mile_s)
    if best is None:
        return None
    what = "time trial" if results else "a faster mile inside a run"
    return Replan(best.mile_s, f"{what}: {format_clock(best.mile_s, 1)} on "
                               f"{best.day.isoformat()} re-sets the paces")
