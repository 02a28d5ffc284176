"""``progress``: planned against done, speed sessions against their targets, best mile and
age grade over time, and the fitness estimate week by week (``domain.fitness``, with its
80 % interval) beside the test miles and time trials actually run. One read-only
transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from miler.domain.adapting import is_mile
from miler.domain.progress import (
    PlannedRun,
    Run,
    WeekProgress,
    best_mile_by_month,
    progress_days,
    weekly_progress,
)
from miler.domain.reps import Rep, RepsSummary, rep_report, reps_summary
from miler.domain.workouts import is_hard
from miler.services.ports import Storage, StoredActivity, StoredAthlete, StoredResult

__all__ = ["FitnessWeek", "Progress", "progress"]


@dataclass(frozen=True, slots=True)
class FitnessWeek:
    """The mile estimate as it stood on ``day`` with its 80 % interval; None where the 12
    weeks before held too little hard running."""

    day: date
    mile_s: float | None
    low_s: float | None = None
    high_s: float | None = None


@dataclass(frozen=True, slots=True)
class Progress:
    athlete: str
    weeks: tuple[WeekProgress, ...]
    speed_sessions: tuple[tuple[str, str, tuple[Any, ...]], ...]  # (date, title, reps)
    best_miles: tuple[tuple[str, float, date], ...]
    age_grades: tuple[tuple[date, float, float], ...]  # (day, mile s, percent)
    age: int | None = None
    sex: str | None = None
    fitness: tuple[FitnessWeek, ...] = ()
    results: tuple[tuple[date, str, float], ...] = ()  # mile results: (day, kind, seconds)
    reps: RepsSummary | None = None  # reps against targets over the block

    def fitness_rows(self) -> list[tuple[date, FitnessWeek | None,
                                         tuple[tuple[date, str, float], ...]]]:
        """The estimate week by week beside the mile results run that week (a result
        outside the weeks shown gets a row of its own); weeks with neither are left out."""
        rows: list[tuple[date, FitnessWeek | None, tuple[tuple[date, str, float], ...]]] = []
        left = sorted(self.results)
        before = date.min
        for week in self.fitness:
            ran = tuple(r for r in left if before < r[0] <= week.day)
            left = [r for r in left if r not in ran]
            before = week.day
            if week.mile_s is not None or ran:
                rows.append((week.day, week, ran))
        rows += [(r[0], None, (r,)) for r in left]
        return sorted(rows, key=lambda row: row[0])


def progress(store: Storage, name: str | None) -> Progress:
    """``name``'s (None: the only athlete's) progress."""
    from miler.services.coaching import the_athlete_in

    with store.transaction() as repo:
        name = the_athlete_in(repo, name)
        athlete = repo.athlete(name)
        plan = repo.current_plan(name)
        sessions = repo.sessions(name)
        activities = repo.activities(name)
        results = repo.results(name)
    runs = [Run.from_doc(str(a.id), a.day, a.doc) for a in activities
            if a.sport in {"running", "multisport"}]
    done = [s.session_id for s in sessions if s.status == "done"]
    weeks = weekly_progress(plan.plan, runs, done) if plan else ()
    planned_by_id = {s.id: s for s in plan.plan.sessions} if plan else {}
    by_run = {r.key: r for r in runs}
    docs = {str(a.id): a.doc for a in activities}
    speed = []
    for s in sessions:
        run = by_run.get(str(s.activity_id))
        if run is not None and is_hard(s.kind, s.intensity) and s.session_id in planned_by_id:
            scored = docs[run.key].get("rep_scores")
            if scored:  # scored at import, from the reps found (domain/reps.py)
                speed.append((s.day.isoformat(), s.title,
                              tuple(Rep.from_score(r) for r in scored)))
                continue
            planned = PlannedRun.from_session(planned_by_id[s.session_id])
            if planned.reps:  # imported before rep scoring: the laps
                speed.append((s.day.isoformat(), s.title, rep_report(run.laps, planned.reps)))
    timed = [Run(f"result-{i}", r.day, 0.0, r.time_s, best_mile_s=r.time_s)
             for i, r in enumerate(results) if is_mile(r.distance_m)]
    best = best_mile_by_month([*runs, *timed])
    every = [rep for _, _, reps in speed for rep in reps]
    return Progress(name, weeks, tuple(speed), best, _age_grades(athlete, best),
                    athlete.profile.get("age"), athlete.profile.get("sex"),
                    _fitness(activities, results),
                    tuple((r.day, r.kind, r.time_s) for r in results if is_mile(r.distance_m)),
                    reps=reps_summary(every) if every else None)


def _fitness(activities: Sequence[StoredActivity],
             results: Sequence[StoredResult]) -> tuple[FitnessWeek, ...]:
    """The estimate at the end of every week from the first run to the newest (the last
    ``PROGRESS_WEEKS``), and on the newest run's day."""
    from miler.domain.baseline import RECENT_WEEKS
    from miler.services.fitness import fitness_weekly

    ran = [a.day for a in activities if a.sport in {"running", "multisport"}]
    if not ran:
        return ()
    days = progress_days(min(ran), max(ran))
    since = days[0] - timedelta(weeks=RECENT_WEEKS)
    recent = [a for a in activities if a.day > since]
    out = []
    for day, found in fitness_weekly(recent, results, days):
        if found is None:
            out.append(FitnessWeek(day, None))
        else:
            out.append(FitnessWeek(day, found.mile_s, *found.interval_80))
    return tuple(out)


def _age_grades(athlete: StoredAthlete,
                best: tuple[tuple[str, float, date], ...]) -> tuple[tuple[date, float, float], ...]:
    from miler.data import age_table
    from miler.domain.age_grading import Sex, age_grade
    from miler.domain.units import Venue

    age, sex = athlete.profile.get("age"), athlete.profile.get("sex")
    if age is None or sex is None:
        return ()
    table = age_table(Venue.ROAD, Sex(sex))
    return tuple((day, mile, age_grade(mile, age, table).percent) for _, mile, day in best)
