"""What was run against what was planned: matching runs to sessions, weekly
planned-versus-done, and the best mile over time (how each speed session went is
``domain/reps.py``).

Pure: it reads the plan as typed values (:mod:`miler.domain.plan_view`) and runs from the
``miler.activity/1`` document, and returns frozen results. Storage and the CLI do the rest.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

from miler.domain.baseline import RECENT_WEEKS
from miler.domain.plan_view import PlanView, SessionView
from miler.domain.reps import rep_report
from miler.domain.workouts import AnyStep, Measure, Repeat, StepKind, is_run

__all__ = [
    "PlanWeek",
    "PlannedRun",
    "Run",
    "WeekProgress",
    "best_mile_by_month",
    "days_to_redo",
    "match_runs",
    "month_of",
    "needed_by",
    "plan_weeks",
    "progress_days",
    "weekly_progress",
]


#: The fitness estimate over time covers at most this many weeks (the newest ones).
PROGRESS_WEEKS: Final = 52
# A run matches a planned session when its distance is within this factor either way.
_DISTANCE_FACTOR: Final = 2.5


@dataclass(frozen=True, slots=True)
class Run:
    """A run as the watch or the runner's log has it."""

    key: str  # stable: the activity id or file hash
    day: date
    distance_m: float
    elapsed_s: float | None
    laps: tuple[tuple[float, float], ...] = ()  # (distance m, elapsed s)
    best_mile_s: float | None = None

    @classmethod
    def from_doc(cls, key: str, day: date, doc: Mapping[str, Any]) -> Run:
        laps = tuple((float(lap["distance_m"]), float(lap["elapsed_s"]))
                     for lap in doc.get("laps", []) if lap.get("elapsed_s"))
        mile = doc.get("best_efforts", {}).get("mile")
        return cls(key, day, float(doc["distance_m"]), doc.get("elapsed_s"), laps,
                   float(mile["elapsed_s"]) if mile else None)


@dataclass(frozen=True, slots=True)
class PlannedRun:
    """A planned running session with its work reps: (distance m, fast, slow s/mile)."""

    session_id: str
    day: date
    kind: str
    hard: bool
    distance_m: float | None
    reps: tuple[tuple[float, float, float], ...] = ()

    @classmethod
    def from_session(cls, session: SessionView, day: date | None = None) -> PlannedRun:
        """``session`` on ``day`` (where it was moved to; None: its planned date)."""
        return cls(session.id, day or session.date, str(session.kind), session.is_hard,
                   session.planned_distance_m, tuple(_work_reps(session.steps, 1)))

    @classmethod
    def from_doc(cls, session: Mapping[str, Any]) -> PlannedRun:
        return cls.from_session(SessionView.from_doc(session))


def _work_reps(steps: Iterable[AnyStep], times: int) -> Iterable[tuple[float, float, float]]:
    for step in steps:
        if isinstance(step, Repeat):
            yield from _work_reps(step.steps, times * step.times)
        elif step.kind is StepKind.WORK and step.distance_m and step.pace is not None \
                and _by_distance(step.measure, step.duration_s):
            fast, slow = step.pace.fast_s_per_mile, step.pace.slow_s_per_mile
            for _ in range(times):
                yield (float(step.distance_m), float(fast), float(slow))


def _by_distance(measure: Measure | None, duration_s: float | None) -> bool:
    """A rep set by distance (a lap of the track), not by time: its ``measure`` says so;
    without one, a step with no duration."""
    return measure is Measure.DISTANCE if measure is not None else not duration_s


def _reps_found(run: Run, planned: PlannedRun) -> int:
    return sum(r.pace_s_per_mile is not None for r in rep_report(run.laps, planned.reps))


def _plausible(run: Run, planned: PlannedRun) -> bool:
    if planned.distance_m is None or planned.distance_m <= 0:
        return True
    ratio = run.distance_m / planned.distance_m
    return 1 / _DISTANCE_FACTOR <= ratio <= _DISTANCE_FACTOR


def match_runs(runs: Sequence[Run], sessions: Sequence[PlannedRun]) -> dict[str, str]:
    """Run key -> session id: each run to at most one running session of its own day.

    A run with laps that look like the session's reps goes to the hard session; otherwise the
    nearest planned distance wins. Each session is matched once.
    """
    taken: set[str] = set()
    matches: dict[str, str] = {}
    for run in sorted(runs, key=lambda r: (r.day, -r.distance_m, r.key)):
        candidates = [s for s in sessions if s.day == run.day and is_run(s.kind)
                      and s.session_id not in taken and _plausible(run, s)]
        if not candidates:
            continue
        best = min(candidates, key=lambda s: (-_reps_found(run, s),
                                              abs((s.distance_m or run.distance_m)
                                                  - run.distance_m)))
        matches[run.key] = best.session_id
        taken.add(best.session_id)
    return matches


@dataclass(frozen=True, slots=True)
class WeekProgress:
    index: int
    start: date
    planned_m: float
    done_m: float
    planned_sessions: int
    done_sessions: int


@dataclass(frozen=True, slots=True)
class PlanWeek:
    """What weekly progress reads of a plan's week: the ids of its running sessions."""

    index: int
    start: date
    planned_m: float
    runs: tuple[str, ...]


def plan_weeks(plan: PlanView) -> tuple[PlanWeek, ...]:
    return tuple(PlanWeek(w.index, w.start_date, float(w.planned_distance_m),
                          tuple(s.id for s in w.sessions if s.is_run)) for w in plan.weeks)


def weekly_progress(plan: PlanView | Sequence[PlanWeek], runs: Sequence[Run],
                    done: Iterable[str]) -> tuple[WeekProgress, ...]:
    """Per plan week: planned and run distance, planned and completed running sessions."""
    done_ids = set(done)
    out = []
    for week in plan_weeks(plan) if isinstance(plan, PlanView) else plan:
        start = week.start
        end = start + timedelta(days=7)
        out.append(WeekProgress(
            index=week.index, start=start, planned_m=week.planned_m,
            done_m=sum(r.distance_m for r in runs if start <= r.day < end),
            planned_sessions=len(week.runs),
            done_sessions=sum(s in done_ids for s in week.runs)))
    return tuple(out)


def best_mile_by_month(runs: Sequence[Run]) -> tuple[tuple[str, float, date], ...]:
    """(YYYY-MM, best mile seconds, the day) for every month with a timed mile."""
    best: dict[str, tuple[float, date]] = {}
    for run in runs:
        if run.best_mile_s is None:
            continue
        month = month_of(run.day)
        if month not in best or run.best_mile_s < best[month][0]:
            best[month] = (run.best_mile_s, run.day)
    return tuple((month, s, day) for month, (s, day) in sorted(best.items()))


def month_of(day: date) -> str:
    """The month a best mile counts for: YYYY-MM."""
    return day.strftime("%Y-%m")


def progress_days(first: date, last: date, weeks: int = PROGRESS_WEEKS) -> list[date]:
    """The days the fitness estimate is shown for, from ``first`` to ``last``: the end
    (Sunday) of every week, then ``last`` itself (the estimate as it stands); at most
    ``weeks`` weeks back from ``last``."""
    if last < first:
        return []
    first = max(first, last - timedelta(weeks=weeks))
    day = first + timedelta(days=6 - first.weekday())
    out = []
    while day < last:
        out.append(day)
        day += timedelta(days=7)
    return [*out, last]


def days_to_redo(days: Sequence[date], kept: Collection[date], changed: Iterable[date],
                 weeks: int = RECENT_WEEKS) -> list[date]:
    """Of ``days`` (in order), those whose fitness estimate must be worked out again after
    runs or results were added on the ``changed`` days: every day not among the ``kept``
    ones, and every day with a change in the ``weeks`` weeks that end on it. The estimate on
    a day reads the runs of those weeks alone (``domain.fitness.estimate_mile``): any other
    day's stands."""
    moved = sorted(set(changed))
    out = []
    for day in days:
        i = bisect_right(moved, day - timedelta(weeks=weeks))  # the first change after
        if day not in kept or (i < len(moved) and moved[i] <= day):
            out.append(day)
    return out


def needed_by(day: date, days: Sequence[date], weeks: int = RECENT_WEEKS) -> bool:
    """Whether a run on ``day`` is among those the estimate on any of ``days`` (in order)
    reads: the ``weeks`` weeks that end on it."""
    i = bisect_left(days, day)  # the first of them on or after the run
    return i < len(days) and days[i] < day + timedelta(weeks=weeks)
