"""``progress``: planned against done, speed sessions against their targets, best mile and
age grade over time. One read-only transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from miler.domain.adapting import is_mile
from miler.domain.progress import (
    PlannedRun,
    Run,
    WeekProgress,
    best_mile_by_month,
    rep_report,
    weekly_progress,
)
from miler.domain.workouts import is_hard
from miler.services.ports import Storage, StoredAthlete

__all__ = ["Progress", "progress"]


@dataclass(frozen=True, slots=True)
class Progress:
    athlete: str
    weeks: tuple[WeekProgress, ...]
    speed_sessions: tuple[tuple[str, str, tuple[Any, ...]], ...]  # (date, title, reps)
    best_miles: tuple[tuple[str, float, date], ...]
    age_grades: tuple[tuple[date, float, float], ...]  # (day, mile s, percent)
    age: int | None = None
    sex: str | None = None


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
    speed = []
    for s in sessions:
        run = by_run.get(str(s.activity_id))
        if run is not None and is_hard(s.kind, s.intensity) and s.session_id in planned_by_id:
            planned = PlannedRun.from_session(planned_by_id[s.session_id])
            if planned.reps:
                speed.append((s.day.isoformat(), s.title, rep_report(run, planned)))
    timed = [Run(f"result-{i}", r.day, 0.0, r.time_s, best_mile_s=r.time_s)
             for i, r in enumerate(results) if is_mile(r.distance_m)]
    best = best_mile_by_month([*runs, *timed])
    return Progress(name, weeks, tuple(speed), best, _age_grades(athlete, best),
                    athlete.profile.get("age"), athlete.profile.get("sex"))


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
