"""``progress``: planned against done, speed sessions against their targets, best mile and
age grade over time, and the fitness estimate week by week (``domain.fitness``, with its
80 % interval) beside the test miles and time trials actually run.

Every part of it depends on the athlete's data only (the weeks run from the first run to the
newest, not to today), so it is kept in the database under the data version it was worked
out at (``kept_summaries``): a repeat view, in any process, reads one row instead of every
activity. Every use case that changes what it is worked out from keeps it as it ends, inside
its own transaction (:func:`keep_progress_in`: the data and its progress commit together, or
neither), so the next view reads it. A view that finds none standing (a backup restored, a
bulk import's files stored, another miler's row) works it out in one read-only transaction
and keeps it in a second, small one, which keeps nothing if the data changed in between."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from miler.domain.adapting import is_mile
from miler.domain.baseline import RECENT_WEEKS
from miler.domain.progress import (
    PlannedRun,
    PlanWeek,
    Run,
    WeekProgress,
    best_mile_by_month,
    days_to_redo,
    month_of,
    needed_by,
    plan_weeks,
    progress_days,
    weekly_progress,
)
from miler.domain.progress_marks import results_by_week
from miler.domain.reps import Rep, RepsSummary, rep_report, reps_summary
from miler.domain.sports import RUN_SPORTS
from miler.domain.workouts import is_hard
from miler.errors import NotFoundError
from miler.services.ports import (
    KeptState,
    KeptSummary,
    Repository,
    RunsAdded,
    Storage,
    StoredActivity,
    StoredPlan,
    StoredResult,
    StoredSession,
)

__all__ = ["FitnessWeek", "Progress", "keep_progress", "keep_progress_in", "progress"]

_KIND = "progress"  # its kind among an athlete's kept summaries


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
    with store.transaction() as repo:
        name, state = _kept_state(repo, name)
        found = _gathered(repo, name, state)
    if isinstance(found, Progress):
        return found
    worked, kept = _worked_out(name, found)
    with store.transaction() as repo:
        repo.keep_summary(name, _KIND, kept)
    return worked


def keep_progress_in(repo: Repository, name: str) -> None:
    """Keep ``name``'s progress for their data as it stands inside the caller's transaction,
    as a write use case ends: stamped with the data version its writes moved to, committed
    with them or not at all. It is built on the progress kept before the writes (only what
    they changed is worked out again); nothing is done when that one still stands."""
    found = _gathered(repo, name, repo.kept_state(name, _KIND))
    if not isinstance(found, Progress):
        repo.keep_summary(name, _KIND, _worked_out(name, found)[1])


def _gathered(repo: Repository, name: str, state: KeptState) -> Progress | _Data:
    """The kept progress when it stands (made under the current data version by this
    miler), else the data to work it out from, built on what is kept when it can be."""
    from miler import __version__

    kept = state.kept
    if kept is not None and (kept.data_version, kept.made_by) == (state.version.version,
                                                                  __version__):
        return Progress.from_doc(kept.doc)
    return _read(repo, name, state, kept if kept is not None and kept.made_by == __version__
                 else None)


def _worked_out(name: str, data: _Data) -> tuple[Progress, KeptSummary]:
    """Progress worked out from ``data``, and the summary to keep of it: its document with
    the runs stamp, the runs' span and the plan it read (what the next one builds on)."""
    from miler import __version__

    found = _work_out(name, data)
    span = None if data.span is None else [day.isoformat() for day in data.span]
    return found, KeptSummary(data.version, __version__, {
        **found.to_doc(), _RUNS: data.runs_stamp, _SPAN: span,
        _PLAN: None if data.plan is None else data.plan.to_doc()})


def _kept_state(repo: Repository, name: str | None) -> tuple[str, KeptState]:
    """The athlete's id and their kept state: a stored id is read at once (one statement,
    a round trip on PostgreSQL); anything else is first resolved as a shell's ``--athlete``
    is (``the_athlete_in``: the only athlete, the case of a name stored as typed)."""
    from miler.domain.names import is_id

    if name and is_id(name):
        try:
            return name, repo.kept_state(name, _KIND)
        except NotFoundError:  # a read that found no row: the transaction goes on
            pass
    from miler.services.coaching import the_athlete_in

    name = the_athlete_in(repo, name)
    return name, repo.kept_state(name, _KIND)


def keep_progress(store: Storage, name: str) -> None:
    """:func:`keep_progress_in` in a transaction of its own."""
    with store.transaction() as repo:
        keep_progress_in(repo, name)


#: Under these keys a kept progress names the runs and results it was worked out from, and
#: the first and last day of the runs (None: no run): while they stand, its fitness estimate
#: (the costly part) and best miles are taken from it after other writes; after runs or
#: results are added, those of the weeks and months they cannot change. Under ``_PLAN`` it
#: keeps what it read of the plan (``_Plan``): while that plan is the current one, the plan
#: is not read again.
_RUNS = "runs_stamp"
_SPAN = "runs_span"
_PLAN = "plan_weeks"


_Reps = tuple[tuple[float, float, float], ...]  # PlannedRun.reps


@dataclass(frozen=True, slots=True)
class _Plan:
    """What progress reads of the current plan: its weeks, every session's id, and the
    reps of those that have some (a run done for one and scored before reps were is judged
    against them)."""

    version: int
    weeks: tuple[PlanWeek, ...]
    ids: frozenset[str]
    reps: dict[str, _Reps]

    @classmethod
    def of(cls, stored: StoredPlan) -> _Plan:
        sessions = stored.plan.sessions
        reps = {s.id: PlannedRun.from_session(s).reps for s in sessions}
        return cls(stored.version, plan_weeks(stored.plan), frozenset(s.id for s in sessions),
                   {k: v for k, v in reps.items() if v})

    @classmethod
    def kept(cls, doc: dict[str, Any], version: int | None) -> _Plan | None:
        """The plan kept in a progress ``doc``, if it is the current one (``version``); None
        too for one kept in another shape (by a build of this version before it had one)."""
        kept = doc.get(_PLAN)
        if not isinstance(kept, dict) or version is None or kept.get("version") != version:
            return None
        try:
            return cls(version, tuple(PlanWeek(i, date.fromisoformat(start), planned,
                                               tuple(runs))
                                      for i, start, planned, runs in kept["weeks"]),
                       frozenset(kept["ids"]),
                       {k: tuple((d, fast, slow) for d, fast, slow in v)
                        for k, v in kept["reps"].items()})
        except (KeyError, TypeError, ValueError):
            return None

    def to_doc(self) -> dict[str, Any]:
        return {"version": self.version, "ids": sorted(self.ids),
                "weeks": [[w.index, w.start.isoformat(), w.planned_m, list(w.runs)]
                          for w in self.weeks],
                "reps": {k: [list(r) for r in v] for k, v in self.reps.items()}}


@dataclass(frozen=True, slots=True)
class _Data:
    """What progress is worked out from: the athlete's data at one version. ``runs`` are
    read from the activities' columns: every run, or only those from the first day worth
    reading when a kept progress is built on (``best`` and ``fitness`` are then done).
    ``linked`` holds the runs done for hard sessions, with their documents (their reps)."""

    version: str  # the data version it was read at
    profile: dict[str, Any]
    plan: _Plan | None
    sessions: list[StoredSession]
    runs: list[Run]
    linked: dict[str, tuple[Run, dict[str, Any]]]
    results: list[StoredResult]
    runs_stamp: str
    span: tuple[date, date] | None  # the first and the last run's day
    fitness: tuple[FitnessWeek, ...]
    best: tuple[tuple[str, float, date], ...] | None


@dataclass(frozen=True, slots=True)
class _Before:
    """A kept progress worth building on, with what was stored since it was worked out."""

    progress: Progress
    span: tuple[date, date] | None
    added: RunsAdded

    @classmethod
    def of(cls, repo: Repository, name: str, kept: KeptSummary | None,
           stamp: str) -> _Before | None:
        """None when there is nothing to build on: no kept progress of this miler's, one
        without the keys, or runs and results removed since (only ever added, else)."""
        if kept is None or _RUNS not in kept.doc or _SPAN not in kept.doc:
            return None
        since = kept.doc[_RUNS]
        if not isinstance(since, str):
            return None
        added = RunsAdded((), ()) if since == stamp else repo.runs_added(name, since, stamp)
        if added is None:
            return None
        span = kept.doc[_SPAN]
        return cls(Progress.from_doc(kept.doc), None if span is None else (
            date.fromisoformat(span[0]), date.fromisoformat(span[1])), added)


def _read(repo: Repository, name: str, state: KeptState, kept: KeptSummary | None) -> _Data:
    """``name``'s data for working progress out, built on the kept progress (``kept``) when
    there is one to build on (:func:`_built_on`), else every run's columns and the documents
    of the runs the fitness estimates read. The plan is read only when it is not the one
    kept with the progress; other documents only for the few runs done for hard sessions."""
    sessions = repo.sessions(name)
    plan = None if kept is None else _Plan.kept(kept.doc, state.plan_version)
    if plan is None and state.plan_version is not None:
        plan = _plan(repo, name)
    results = repo.results(name)
    before = _Before.of(repo, name, kept, state.runs_stamp)
    if before is None:
        ran = _running(repo.activities(name, docs=False))
        span = (ran[0].day, ran[-1].day) if ran else None
        days = progress_days(*span) if span else []
        runs, best = _runs(ran), None
        fitness = _fitness(repo, name, ran, results, days, days, {})
    else:
        first = plan.weeks[0].start if plan and plan.weeks else None
        runs, span, fitness, best = _built_on(repo, name, before, first, results)
    hard = {s.activity_id for s in sessions
            if s.activity_id is not None and is_hard(s.kind, s.intensity)}
    linked = {str(a.id): (Run.from_doc(str(a.id), a.day, a.doc), a.doc)
              for a in (repo.activities(name, ids=hard) if hard else ())
              if a.sport in RUN_SPORTS}
    return _Data(state.version.version, state.version.profile, plan, sessions, runs, linked,
                 results, state.runs_stamp, span, fitness, best)


def _built_on(repo: Repository, name: str, before: _Before, first: date | None,
              results: Sequence[StoredResult]) -> tuple[
        list[Run], tuple[date, date] | None, tuple[FitnessWeek, ...],
        tuple[tuple[str, float, date], ...]]:
    """The runs, their span, the fitness and best miles, from a kept progress and the runs
    and results added since. It reads the columns of the runs from the first day that
    matters: the plan's ``first`` (its weeks), the first of the months with a timed run or a
    result added (their best miles), and the first that the estimates to work out again
    (``days_to_redo``) read; then the documents of the runs those estimates read. A write
    that added none (a session marked) reads the plan's weeks' runs alone."""
    added = _running(before.added.activities)
    span = _span(before.span, [a.day for a in added])
    days = progress_days(*span) if span else []
    kept = {w.day: w for w in before.progress.fitness}
    redo = days_to_redo(days, kept, [*(a.day for a in added), *before.added.result_days])
    timed = [*(a.day for a in added if a.best_mile_s is not None), *before.added.result_days]
    window = [redo[0] - timedelta(weeks=RECENT_WEEKS, days=-1)] if redo else []
    starts = [*([first] if first else []), *(d.replace(day=1) for d in timed), *window]
    # the newest few weeks (a run logged): every run from the first that they read to the
    # newest is read, with its document, at once
    at_once = bool(redo) and len(redo) <= _AT_ONCE and redo == days[-len(redo):] \
        and min(starts) == window[0]
    ran = _running(repo.activities(name, min(starts), docs=at_once)) if starts else []
    runs = _runs(ran)
    return (runs, span, _fitness(repo, name, ran, results, days, redo, kept, read=not at_once),
            _best_since(before.progress.best_miles, {month_of(d) for d in timed}, runs,
                        results))


def _plan(repo: Repository, name: str) -> _Plan | None:
    stored = repo.current_plan(name)
    return None if stored is None else _Plan.of(stored)


def _work_out(name: str, data: _Data) -> Progress:
    plan, sessions, runs, results = data.plan, data.sessions, data.runs, data.results
    done = [s.session_id for s in sessions if s.status == "done"]
    weeks = weekly_progress(plan.weeks, runs, done) if plan else ()
    speed = []
    for s in sessions:
        linked = data.linked.get(str(s.activity_id))
        if linked is not None and is_hard(s.kind, s.intensity) \
                and plan is not None and s.session_id in plan.ids:
            run, doc = linked
            scored = doc.get("rep_scores")
            if scored:  # scored at import, from the reps found (domain/reps.py)
                speed.append((s.day.isoformat(), s.title,
                              tuple(Rep.from_score(r) for r in scored)))
                continue
            reps = plan.reps.get(s.session_id)
            if reps:  # imported before rep scoring: the laps
                speed.append((s.day.isoformat(), s.title, rep_report(run.laps, reps)))
    best = data.best
    if best is None:
        best = best_mile_by_month([*runs, *_timed(results)])
    every = [rep for _, _, reps in speed for rep in reps]
    profile = data.profile
    return Progress(name, weeks, tuple(speed), best, _age_grades(profile, best),
                    profile.get("age"), profile.get("sex"), data.fitness,
                    tuple((r.day, r.kind, r.time_s) for r in results if is_mile(r.distance_m)),
                    reps=reps_summary(every) if every else None)


def _running(activities: Iterable[StoredActivity]) -> list[StoredActivity]:
    return [a for a in activities if a.sport in RUN_SPORTS]


def _runs(ran: Iterable[StoredActivity]) -> list[Run]:
    return [Run(str(a.id), a.day, a.distance_m, a.elapsed_s, best_mile_s=a.best_mile_s)
            for a in ran]


def _timed(results: Iterable[StoredResult]) -> list[Run]:
    """The mile results as runs of their best mile."""
    return [Run(f"result-{i}", r.day, 0.0, r.time_s, best_mile_s=r.time_s)
            for i, r in enumerate(results) if is_mile(r.distance_m)]


def _span(span: tuple[date, date] | None, days: Sequence[date]) -> tuple[date, date] | None:
    """The first and last run's day, with runs on ``days`` added."""
    if not days:
        return span
    every = [*days, *(span or ())]
    return min(every), max(every)


def _best_since(best: tuple[tuple[str, float, date], ...], months: set[str], runs: list[Run],
                results: Sequence[StoredResult]) -> tuple[tuple[str, float, date], ...]:
    """The kept best miles by month, with those of ``months`` found again from ``runs``
    (every run of those months among them) and ``results``: a month's best depends on its
    own runs and results alone."""
    if not months:
        return best
    found = best_mile_by_month([r for r in (*runs, *_timed(results))
                                if month_of(r.day) in months])
    return tuple(sorted([*(b for b in best if b[0] not in months), *found]))


#: Documents read at a time to work the fitness out: a long history's take memory.
_PAGE = 250
#: Estimates of the newest weeks, up to this many, read their runs' documents in one go.
_AT_ONCE = 4


def _fitness(repo: Repository, name: str, ran: Sequence[StoredActivity],
             results: Sequence[StoredResult], days: Sequence[date], redo: Sequence[date],
             kept: Mapping[date, FitnessWeek], *, read: bool = True) -> tuple[FitnessWeek, ...]:
    """The estimate on each of ``days`` (``progress_days``: the end of every week from the
    first run to the newest, the last ``PROGRESS_WEEKS``, and the newest run's day): the
    ``kept`` one, or for the days in ``redo`` worked out from the documents of the runs of
    ``ran`` (every one they read is among them) that they read, a page at a time (or those
    ``ran`` holds: without ``read``)."""
    if not redo:  # every estimate kept (a session marked): the estimator is not loaded
        return tuple(kept[day] for day in days)
    from miler.domain.fitness import weekly_estimates
    from miler.services.fitness import stored_runs

    needed = [a for a in ran if needed_by(a.day, redo)]
    runs = [] if read else stored_runs(needed, results)
    for i in range(0, len(needed) if read else 0, _PAGE):  # as plain values, page by page
        ids = [a.id for a in needed[i:i + _PAGE]]
        runs += stored_runs(repo.activities(name, ids=ids), results)
    found = {day: FitnessWeek(day, None) if est is None
             else FitnessWeek(day, est.mile_s, *est.interval_80)
             for day, est in weekly_estimates(runs, redo)}
    return tuple(found[day] if day in found else kept[day] for day in days)


def _age_grades(profile: dict[str, Any],
                best: tuple[tuple[str, float, date], ...]) -> tuple[tuple[date, float, float], ...]:
    from miler.data import age_table
    from miler.domain.age_grading import Sex, age_grade
    from miler.domain.units import Venue

    age, sex = profile.get("age"), profile.get("sex")
    if age is None or sex is None:
        return ()
    table = age_table(Venue.ROAD, Sex(sex))
    return tuple((day, mile, age_grade(mile, age, table).percent) for _, mile, day in best)
