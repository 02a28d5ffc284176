"""When what was run changes the plan: which results count as a mile, what kind of result a
run is, and whether new runs re-set the paces (a re-plan).

What re-sets the paces, first found wins, and only what is recent (``RECENT_WEEKS``) and
run since the plan's basis was set: a recorded result (test mile, time trial, race); else
the fitness estimate from the hard running of the last ``RECENT_WEEKS`` (``domain.fitness``)
when its whole 80 % interval is faster than the plan's basis and no result was recorded in
those weeks (a recorded time trial wins over an estimate); else a mile inside a run faster
than the basis.

Pure: plain values in, plain values out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from miler.domain.baseline import RECENT_WEEKS
from miler.domain.units import METERS_PER_MILE, format_clock

__all__ = ["EstimatedMile", "NewMile", "Replan", "is_mile", "replan_trigger", "result_kind"]

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
class EstimatedMile:
    """The fitness estimate today (``domain.fitness.Estimate`` as the re-planner reads it):
    the mile, its 80 % interval and the day of the newest effort it used."""

    mile_s: float
    low_s: float
    high_s: float
    newest: date
    today: date


@dataclass(frozen=True, slots=True)
class Replan:
    mile_s: float
    reason: str


def replan_trigger(basis_s: float | None, miles: Iterable[NewMile], *,
                   today: date | None = None, since: date | None = None,
                   estimate: EstimatedMile | None = None,
                   recorded: Iterable[date] = ()) -> Replan | None:
    """Re-plan from the fastest new result, else from the fitness ``estimate`` when it is
    surely faster than ``basis_s`` (the fitness the plan's paces come from), else from a
    mile faster than ``basis_s``; None when nothing changes the paces.

    Only recent miles count: none older than ``RECENT_WEEKS`` before ``today`` (an old
    history imported today says nothing about now), and none from before ``since`` (the day
    the plan's current basis was set: an older result never re-paces it). The estimate
    counts only when its newest effort is that recent too, and when none of the results
    ``recorded`` (their days) is: a recorded result wins over an estimate."""
    oldest = max(d for d in (since, today and today - timedelta(weeks=RECENT_WEEKS))
                 if d is not None) if (since or today) else None
    found = [m for m in miles if oldest is None or m.day >= oldest]
    results = [m for m in found if m.is_result]
    if not results and estimate is not None:
        replan = _from_estimate(basis_s, estimate, recorded, oldest)
        if replan is not None:
            return replan
    faster = [m for m in found if basis_s is None or m.mile_s < basis_s - _FASTER_BY_S]
    best = min(results or faster, default=None, key=lambda m: m.mile_s)
    if best is None:
        return None
    what = "time trial" if results else "a faster mile inside a run"
    return Replan(best.mile_s, f"{what}: {format_clock(best.mile_s, 1)} on "
                               f"{best.day.isoformat()} re-sets the paces")


def _from_estimate(basis_s: float | None, estimate: EstimatedMile,
                   recorded: Iterable[date], oldest: date | None) -> Replan | None:
    """The estimate re-paces only when its slow end beats the basis (the runner is faster
    with about 90 % confidence: the estimator's error is a few per cent, so a centre a
    little faster is no news), its newest effort is recent and run since the plan's basis
    (``oldest``), and no result of its window was recorded."""
    first = estimate.today - timedelta(weeks=RECENT_WEEKS)
    if estimate.newest <= first or (oldest is not None and estimate.newest < oldest):
        return None
    if any(first < day <= estimate.today for day in recorded):
        return None
    if basis_s is not None and estimate.high_s >= basis_s - _FASTER_BY_S:
        return None
    lo, hi = format_clock(estimate.low_s, 0), format_clock(estimate.high_s, 0)
    return Replan(estimate.mile_s,
                  f"fitness estimate: {format_clock(estimate.mile_s, 1)} (80 %: {lo} to {hi}) "
                  f"from the hard running of the {RECENT_WEEKS} weeks to "
                  f"{estimate.today.isoformat()} re-sets the paces")
