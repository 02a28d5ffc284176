"""The runner's starting point read from their history: weekly miles and a current mile.

Pure: the history arrives as plain values (each run's day, best mile and recognised test
mile; the weekly distances), and ``today`` is a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

__all__ = ["Baseline", "HistoryRun", "baseline", "recent_fastest"]

#: Weekly miles are the mean of the last this many weeks (seed 000's "miles a week now").
VOLUME_WEEKS: Final = 4
#: A mile older than this many weeks no longer says what the runner can do now.
RECENT_WEEKS: Final = 12


@dataclass(frozen=True, slots=True)
class HistoryRun:
    day: date | None
    best_mile_s: float | None
    mile_test_s: float | None = None


@dataclass(frozen=True, slots=True)
class Baseline:
    weekly_miles: float
    mile_s: float | None
    source: str  # "test mile", "best mile in a run" or "none"


def recent_fastest(values: Iterable[tuple[date | None, float | None]], today: date,
                   weeks: int = RECENT_WEEKS) -> float | None:
    """The smallest time of the last ``weeks`` weeks before ``today``, if any."""
    first = today.toordinal() - 7 * weeks
    recent = [t for day, t in values if t is not None and day is not None
              and day.toordinal() > first]
    return min(recent) if recent else None


def baseline(runs: Sequence[HistoryRun], weekly_miles: Sequence[float],
             today: date) -> Baseline:
    """Recent recognised test miles first (the seeds' test), else the best mile inside a
    recent run; weekly miles are the mean of the last weeks."""
    last = list(weekly_miles)[-VOLUME_WEEKS:]
    miles = sum(last) / len(last) if last else 0.0
    test = recent_fastest(((r.day, r.mile_test_s) for r in runs), today)
    if test is not None:
        return Baseline(miles, test, "test mile")
    best = recent_fastest(((r.day, r.best_mile_s) for r in runs), today)
    return Baseline(miles, best, "best mile in a run" if best is not None else "none")
