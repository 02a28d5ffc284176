"""``progress``: planned against done, speed sessions against their targets, best mile and
age grade over time, and the fitness estimate week by week (``domain.fitness``, with its
80 % interval) beside the test miles and time trials actually run.

Every part of it depends on the athlete's data only (the weeks run from the first run to the
newest, not to today), so it is kept in the database under the data version it was worked
out at (``kept_summaries``): a repeat view, in any process, reads one row instead of every
activity. A view after a change works it out in one read-only transaction and keeps it in a
second, small one, which keeps nothing if the data changed in between; an import keeps it
as it ends (:func:`keep_progress`), so the first view after one is a kept one too."""

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
from miler.domain.progress_marks import results_by_week
from miler.domain.reps import Rep, RepsSummary, rep_report, reps_summary
from miler.domain.workouts import is_hard
from miler.services.ports import (
    KeptSummary,
    Repository,
    Storage,
    StoredActivity,
    StoredAthlete,
    StoredPlan,
    StoredResult,
    StoredSession,
)

__all__ = ["FitnessWeek", "Progress", "keep_progress", "progress"]

_KIND = "progress"  # its kind among an athlete's kept summaries
_RUNNING = frozenset({"running", "multisport"})  # what counts as a run


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
        rows = results_by_week([(w.day, w.mile_s is not None) for w in self.fitness],
                               self.results)
        return [(day, None if i is None else self.fitness[i], ran) for day, i, ran in rows]

    def to_doc(self) -> dict[str, Any]:
        """As plain JSON values (how it is kept); :meth:`from_doc` gives it back equal."""
        reps = self.reps
        return {
            "athlete": self.athlete, "age": self.age, "sex": self.sex,
            "weeks": [[w.index, w.start.isoformat(), w.planned_m, w.done_m,
                       w.planned_sessions, w.done_sessions] for w in self.weeks],
            "speed_sessions": [[day, title, [[r.number, r.distance_m, r.target_fast_s_per_mile,
                                              r.target_slow_s_per_mile, r.pace_s_per_mile]
                                             for r in reps_]]
                               for day, title, reps_ in self.speed_sessions],
            "best_miles": [[month, mile, day.isoformat()] for month, mile, day in self.best_miles],
            "age_grades": [[day.isoformat(), mile, pct] for day, mile, pct in self.age_grades],
            "fitness": [[w.day.isoformat(), w.mile_s, w.low_s, w.high_s] for w in self.fitness],
            "results": [[day.isoformat(), kind, time_s] for day, kind, time_s in self.results],
            "reps": None if reps is None else [
                reps.planned, reps.run, reps.on_target, reps.too_slow, reps.too_fast,
                reps.mean_error_s_per_400m],
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Progress:
        day = date.fromisoformat
        return cls(
            doc["athlete"],
            tuple(WeekProgress(i, day(start), planned, done, n_planned, n_done)
                  for i, start, planned, done, n_planned, n_done in doc["weeks"]),
            tuple((when, title, tuple(Rep(*rep) for rep in reps))
                  for when, title, reps in doc["speed_sessions"]),
            tuple((month, mile, day(when)) for month, mile, when in doc["best_miles"]),
            tuple((day(when), mile, pct) for when, mile, pct in doc["age_grades"]),
            doc["age"], doc["sex"],
            tuple(FitnessWeek(day(when), mile, low, high)
                  for when, mile, low, high in doc["fitness"]),
            tuple((day(when), kind, time_s) for when, kind, time_s in doc["results"]),
            reps=None if doc["reps"] is None else RepsSummary(*doc["reps"]))


def progress(store: Storage, name: str | None) -> Progress:
    """``name``'s (None: the only athlete's) progress: the kept one while the data stands."""
    from miler import __version__
    from miler.services.coaching import the_athlete_in

    with store.transaction() as repo:
        name = the_athlete_in(repo, name)
        version = repo.data_version(name).version
        kept = repo.kept_summary(name, _KIND)
        if kept is not None and (kept.data_version, kept.made_by) == (version, __version__):
            return Progress.from_doc(kept.doc)
        data = _read(repo, name, kept if kept is not None and kept.made_by == __version__
                     else None)
    found = _work_out(name, data)
    with store.transaction() as repo:
        repo.keep_summary(name, _KIND, KeptSummary(
            version, __version__, {**found.to_doc(), _RUNS: data.runs_stamp}))
    return found


def keep_progress(store: Storage, name: str) -> None:
    """Have ``name``'s progress kept for their data as it stands (as an import ends), so
    the next view reads it instead of working it out."""
    progress(store, name)


#: Under this key a kept progress names the runs and results it was worked out from: while
#: they stand, its fitness estimate (the costly part) and best miles are taken from it after
#: other writes.
_RUNS = "runs_stamp"


@dataclass(frozen=True, slots=True)
class _Data:
    """What progress is worked out from: the athlete's data at one version. ``runs`` are
    read from the activities' columns: every run, or only those of the plan's weeks while
    the runs stand (``best`` and ``fitness`` are then the kept ones). ``linked`` holds the
    runs done for hard sessions, with their documents (their reps)."""

    athlete: StoredAthlete
    plan: StoredPlan | None
    sessions: list[StoredSession]
    runs: list[Run]
    linked: dict[str, tuple[Run, dict[str, Any]]]
    results: list[StoredResult]
    runs_stamp: str
    fitness: tuple[FitnessWeek, ...]
    best: tuple[tuple[str, float, date], ...] | None


def _read(repo: Repository, name: str, kept: KeptSummary | None) -> _Data:
    """``name``'s data for working progress out. A session marked, moved or re-planned,
    or a profile changed, leaves the runs and results as they were: the fitness estimate and
    the best miles kept for them stand, and only the runs of the plan's weeks are read.
    Else the fitness is worked out from the documents of the runs it looks at, read a page
    at a time. Other documents are read only for the few runs done for hard sessions."""
    stamp = repo.runs_stamp(name)
    sessions = repo.sessions(name)
    plan = repo.current_plan(name)
    results = repo.results(name)
    standing = (Progress.from_doc(kept.doc)
                if kept is not None and kept.doc.get(_RUNS) == stamp else None)
    if standing is None:
        activities = repo.activities(name, docs=False)
        fitness, best = _fitness(repo, name, activities, results), None
    else:  # the weeks count only the runs from the plan's first day
        first = plan.plan.weeks[0].start_date if plan and plan.plan.weeks else None
        activities = repo.activities(name, first, docs=False) if first else []
        fitness, best = standing.fitness, standing.best_miles
    hard = {s.activity_id for s in sessions
            if s.activity_id is not None and is_hard(s.kind, s.intensity)}
    linked = {str(a.id): (Run.from_doc(str(a.id), a.day, a.doc), a.doc)
              for a in (repo.activities(name, ids=hard) if hard else ())
              if a.sport in _RUNNING}
    runs = [Run(str(a.id), a.day, a.distance_m, a.elapsed_s, best_mile_s=a.best_mile_s)
            for a in activities if a.sport in _RUNNING]
    return _Data(repo.athlete(name), plan, sessions, runs, linked, results, stamp, fitness,
                 best)


def _work_out(name: str, data: _Data) -> Progress:
    athlete, plan, sessions, runs, results = (
        data.athlete, data.plan, data.sessions, data.runs, data.results)
    done = [s.session_id for s in sessions if s.status == "done"]
    weeks = weekly_progress(plan.plan, runs, done) if plan else ()
    planned_by_id = {s.id: s for s in plan.plan.sessions} if plan else {}
    speed = []
    for s in sessions:
        linked = data.linked.get(str(s.activity_id))
        if linked is not None and is_hard(s.kind, s.intensity) \
                and s.session_id in planned_by_id:
            run, doc = linked
            scored = doc.get("rep_scores")
            if scored:  # scored at import, from the reps found (domain/reps.py)
                speed.append((s.day.isoformat(), s.title,
                              tuple(Rep.from_score(r) for r in scored)))
                continue
            planned = PlannedRun.from_session(planned_by_id[s.session_id])
            if planned.reps:  # imported before rep scoring: the laps
                speed.append((s.day.isoformat(), s.title, rep_report(run.laps, planned.reps)))
    best = data.best
    if best is None:
        timed = [Run(f"result-{i}", r.day, 0.0, r.time_s, best_mile_s=r.time_s)
                 for i, r in enumerate(results) if is_mile(r.distance_m)]
        best = best_mile_by_month([*runs, *timed])
    every = [rep for _, _, reps in speed for rep in reps]
    return Progress(name, weeks, tuple(speed), best, _age_grades(athlete, best),
                    athlete.profile.get("age"), athlete.profile.get("sex"),
                    data.fitness,
                    tuple((r.day, r.kind, r.time_s) for r in results if is_mile(r.distance_m)),
                    reps=reps_summary(every) if every else None)


#: Documents read at a time to work the fitness out: a long history's take memory.
_PAGE = 250


def _fitness(repo: Repository, name: str, activities: Sequence[StoredActivity],
             results: Sequence[StoredResult]) -> tuple[FitnessWeek, ...]:
    """The estimate at the end of every week from the first run to the newest (the last
    ``PROGRESS_WEEKS``), and on the newest run's day."""
    from miler.domain.baseline import RECENT_WEEKS
    from miler.domain.fitness import weekly_estimates
    from miler.services.fitness import stored_runs

    ran = [a for a in activities if a.sport in _RUNNING]
    if not ran:
        return ()
    days = progress_days(ran[0].day, ran[-1].day)
    since = days[0] - timedelta(weeks=RECENT_WEEKS)
    recent = [a.id for a in ran if a.day > since]
    runs = []
    for i in range(0, len(recent), _PAGE):  # as plain values, page by page
        runs += stored_runs(repo.activities(name, ids=recent[i:i + _PAGE]), results)
    out = []
    for day, found in weekly_estimates(runs, days):
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
