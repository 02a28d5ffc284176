"""Progress after runs or results are added, built on the kept one (issue 22): the fitness
estimates of the weeks the added rows cannot change and the best miles of the months they
do not fall in are kept; the rest is worked out again from the documents it needs. The
answer must be the one working it all out from scratch gives, to the last bit of every
float, wherever the added rows fall."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from miler.adapters.storage.repository import Store
from miler.domain.fitness_runs import Candidate
from miler.services.ports import KeptSummary, Repository, RunsAdded
from miler.services.progress import Progress, progress
from tests.services.fakes import FakeRepository, FakeStorage

NOW = datetime(2026, 7, 1, 8, tzinfo=UTC)
MILE = 1609.344


@dataclass(frozen=True)
class _Row:
    """A run (``doc`` set) or a result to store."""

    day: date
    doc: dict[str, Any] | None = None
    kind: str | None = None
    distance_m: float = MILE
    time_s: float = 400.0

    def add(self, repo: Repository) -> None:
        if self.doc is None:
            repo.add_result("Ada", self.day, self.kind or "race", self.distance_m, self.time_s)
        else:
            repo.add_activity("Ada", day=self.day, doc=self.doc, now=NOW, kind=self.kind)


def _doc(sport: str, speed: float, efforts: list[Candidate], mile_s: float | None) -> dict[
        str, Any]:
    """An activity document as the fitness estimate and progress read it."""
    return {"sport": sport, "distance_m": 8000.0, "elapsed_s": 8000.0 / speed,
            "moving_s": 8000.0 / speed,
            "best_efforts": {"mile": {"elapsed_s": mile_s}} if mile_s else {},
            "fitness": {"moving_speed_m_s": speed, "efforts": [c.to_doc() for c in efforts]}}


def _effort() -> st.SearchStrategy[Candidate]:
    return st.builds(
        lambda d, v, start, steady, drop, fast: Candidate(d, d / v, start, drop, steady, fast),
        st.sampled_from([800.0, 1000.0, MILE, 3000.0, 5000.0]), st.floats(3.0, 5.6),
        st.floats(0.0, 3000.0), st.none() | st.floats(0.7, 1.0),
        st.none() | st.floats(0.0, 60.0), st.none() | st.floats(0.0, 200.0))


def _row(days: st.SearchStrategy[date]) -> st.SearchStrategy[_Row]:
    run = st.builds(
        lambda day, sport, speed, efforts, mile_s, kind: _Row(
            day, _doc(sport, speed, efforts, mile_s), kind),
        days, st.sampled_from(["running", "running", "running", "multisport", "cycling"]),
        st.floats(2.8, 3.6), st.lists(_effort(), max_size=3),
        st.none() | st.floats(240.0, 420.0).map(round),  # ties between months' bests
        st.sampled_from([None, "easy", "race", "time_trial"]))
    result = st.builds(_Row, days, st.none(), st.sampled_from(["test_mile", "race"]),
                       st.sampled_from([MILE, 5000.0]), st.floats(240.0, 420.0).map(round))
    return run | run | result


_SUNDAY = date(2025, 1, 5)
#: Any day, or one about a Sunday (a week's end): a run twelve weeks and a day before
#: another's Sunday is the first its estimate reads.
_HISTORY = st.dates(date(2025, 1, 1), date(2026, 6, 30)) | st.builds(
    lambda weeks, days: _SUNDAY + timedelta(weeks=weeks, days=days), st.integers(0, 77),
    st.sampled_from([-1, 0, 1]))


@st.composite
def _added(draw: st.DrawFn, history: list[_Row]) -> list[_Row]:
    """Rows added at any day: in the history's span, on a day that has a run, on a week's
    boundary around it, before its first run, far in the past or far in the future."""
    days = sorted(r.day for r in history) or [date(2026, 6, 1)]
    first, last = days[0], days[-1]
    sunday = last + timedelta(days=6 - last.weekday())
    edges = [first - timedelta(days=1), first - timedelta(weeks=70), last + timedelta(days=1),
             sunday, sunday + timedelta(days=1), last + timedelta(weeks=12),
             last + timedelta(weeks=12, days=1), last + timedelta(weeks=53),
             date(1990, 1, 7), date(2090, 12, 31)]
    when = st.sampled_from(days) | st.sampled_from(edges) | _HISTORY
    return draw(st.lists(_row(when), min_size=1, max_size=4))


@lru_cache
def _plan(start: date) -> dict[str, Any]:
    from miler.domain.athlete import Athlete
    from miler.domain.planner import generate_plan

    return generate_plan(Athlete(20.0, 420.0), start).to_doc()


def _athlete(store: FakeStorage | Store, plan: date | None, rows: list[_Row]) -> None:
    with store.transaction() as repo:
        repo.add_athlete("Ada", {"weekly_miles": 20, "age": 40, "sex": "female"}, NOW)
        if plan is not None:
            repo.save_plan("Ada", {}, _plan(plan), "first plan", NOW)
        for row in rows:
            row.add(repo)


def _kept(store: FakeStorage | Store) -> KeptSummary:
    with store.transaction() as repo:
        kept = repo.kept_summary("Ada", "progress")
    assert kept is not None
    return kept


class _Storage(FakeStorage):
    """The fake without its copy of the state a transaction (nothing here fails midway):
    thousands of progresses are worked out below."""

    @contextmanager
    def transaction(self) -> Iterator[FakeRepository]:
        yield FakeRepository(self.state)


def _from_scratch(store: FakeStorage) -> tuple[Progress, KeptSummary]:
    """Progress of the same data with nothing kept to build on."""
    fresh = _Storage()
    fresh.state = replace(store.state, kept={})  # the rest is only read
    return progress(fresh, "Ada"), _kept(fresh)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(_row(_HISTORY), max_size=40), st.none() | _HISTORY, st.data())
def test_progress_after_rows_added_equals_working_it_out_from_scratch(
        history: list[_Row], plan: date | None, data: st.DataObject) -> None:
    store = _Storage()
    _athlete(store, plan, history)
    progress(store, "Ada")
    for _ in range(data.draw(st.integers(1, 3), label="rounds")):
        added = data.draw(_added(history))
        with store.transaction() as repo:
            for row in added:
                row.add(repo)
            _other_write(repo, data)
        history += added
        built = progress(store, "Ada")
        scratch, kept = _from_scratch(store)
        assert built.to_doc() == scratch.to_doc()
        assert _kept(store).doc == kept.doc  # the stamp and the runs' span too


def _other_write(repo: Repository, data: st.DataObject) -> None:
    """Maybe a session marked done with a run (a hard one: its run's reps, from the laps),
    or a new plan."""
    write = data.draw(st.sampled_from(["none", "mark", "plan"]), label="write")
    sessions, runs = repo.sessions("Ada"), repo.activities("Ada", docs=False)
    if write == "mark" and sessions and runs:
        session = data.draw(st.sampled_from(sessions), label="session")
        run = data.draw(st.sampled_from(runs), label="run")
        repo.mark_session("Ada", session.session_id, "done", activity_id=run.id)
    elif write == "plan":
        repo.save_plan("Ada", {}, _plan(data.draw(_HISTORY, label="plan")), "again", NOW)


# Which path was taken: documents read, estimates worked out.

def _weekly(days: int, last: date) -> list[_Row]:
    """A hard run every ``days`` days for 60 weeks to ``last``, each with a mile."""
    n = 60 * 7 // days
    return [_Row(last - timedelta(days=days * i),
                 _doc("running", 3.2, [Candidate(MILE, 330.0 + i % 7, 600.0, None, 0.95),
                                       Candidate(3000.0, 690.0 + i % 5, 300.0, None, 0.95)],
                      330.0 + i % 7)) for i in range(n)]


@dataclass
class _Reads:
    documents: int = 0
    estimated: int = 0
    plans: int = 0


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> _Reads:
    """Counts the documents read and the fitness estimates worked out."""
    import miler.domain.fitness as fitness

    counted = _Reads()
    activities, weekly = FakeRepository.activities, fitness.weekly_estimates
    plan = FakeRepository.current_plan

    def plans(self: FakeRepository, name: str) -> Any:
        counted.plans += 1
        return plan(self, name)

    def read(self: FakeRepository, name: str, *args: Any, **kwargs: Any) -> Any:
        found = activities(self, name, *args, **kwargs)
        if kwargs.get("docs", True):
            counted.documents += len(found)
        return found

    def estimates(runs: Any, days: Any, *args: Any) -> Any:
        counted.estimated += len(days)
        return weekly(runs, days, *args)

    monkeypatch.setattr(FakeRepository, "activities", read)
    monkeypatch.setattr(FakeRepository, "current_plan", plans)
    monkeypatch.setattr(fitness, "weekly_estimates", estimates)
    return counted


LAST = date(2026, 6, 26)  # a Friday


def _counted(store: FakeStorage, reads: _Reads, rows: list[_Row]) -> tuple[Progress, _Reads]:
    with store.transaction() as repo:
        for row in rows:
            row.add(repo)
    reads.documents = reads.estimated = reads.plans = 0
    built = progress(store, "Ada")
    return built, _Reads(reads.documents, reads.estimated, reads.plans)


def test_a_run_logged_after_the_newest_reads_only_its_twelve_weeks(reads: _Reads) -> None:
    history = _weekly(2, LAST)
    store = _Storage()
    _athlete(store, None, history)
    progress(store, "Ada")
    scratch = reads.documents
    logged = _Row(LAST + timedelta(days=1), history[0].doc)
    built, counted = _counted(store, reads, [logged])
    assert counted.estimated == 1  # the day of the new run; the Sundays before stand
    window = [r for r in history if r.day > logged.day - timedelta(weeks=12)]
    assert counted.documents == len(window) + 1 == 43  # its twelve weeks, no more
    assert scratch == len(history) == 210  # the first view: every week's twelve, all 60
    again, _ = _from_scratch(store)
    assert built == again
    assert [w.day for w in built.fitness][-2:] == [LAST + timedelta(days=-5), logged.day]


def test_a_run_far_in_the_past_changes_only_its_month(reads: _Reads) -> None:
    store = _Storage()
    _athlete(store, None, _weekly(3, LAST))
    before = progress(store, "Ada")
    old = _Row(date(2001, 3, 4), _doc("running", 3.0, [], 401.0))
    built, counted = _counted(store, reads, [old])
    assert (counted.documents, counted.estimated) == (0, 0)  # the weeks shown stand
    assert built.best_miles == (("2001-03", 401.0, old.day), *before.best_miles)
    assert built.fitness == before.fitness
    assert built == _from_scratch(store)[0]


def test_a_result_reworks_the_twelve_weeks_from_its_day(reads: _Reads) -> None:
    store = _Storage()
    _athlete(store, None, _weekly(3, LAST))
    before = progress(store, "Ada")
    day = LAST - timedelta(weeks=30)
    built, counted = _counted(store, reads, [_Row(day, kind="time_trial", time_s=322.0)])
    assert counted.estimated == 12  # the Sundays of the twelve weeks from its day
    first, last = day + timedelta(days=2), day + timedelta(days=2, weeks=11)
    ran = [LAST - timedelta(days=d) for d in range(0, 60 * 7, 3)]
    assert counted.documents == len([r for r in ran  # the twelve weeks to each Sunday
                                     if first - timedelta(weeks=12) < r <= last])
    changed = [a.day for a, b in zip(before.fitness, built.fitness, strict=True) if a != b]
    assert changed
    assert all(day <= d < day + timedelta(weeks=12) for d in changed)
    assert built == _from_scratch(store)[0]


def test_a_run_removed_means_working_it_all_out(reads: _Reads) -> None:
    store = _Storage()
    _athlete(store, None, _weekly(2, LAST))
    progress(store, "Ada")
    scratch = reads.documents
    del store.state.activities[5]  # only a backup restored (or an old miler) does that
    built, counted = _counted(store, reads, [_Row(LAST - timedelta(weeks=20),
                                                  _doc("running", 3.0, [], None))])
    assert counted.documents == scratch  # one removed and one added: the counts disagree
    assert built == _from_scratch(store)[0]


def test_a_kept_progress_without_the_runs_span_is_not_built_on(reads: _Reads) -> None:
    store = _Storage()
    _athlete(store, None, _weekly(2, LAST))
    progress(store, "Ada")
    scratch = reads.documents
    kept = _kept(store)
    with store.transaction() as repo:  # as an older miler of the same version kept it
        repo.keep_summary("Ada", "progress", KeptSummary(
            kept.data_version, kept.made_by,
            {k: v for k, v in kept.doc.items() if k != "runs_span"}))
    _, counted = _counted(store, reads, [_Row(LAST + timedelta(days=1), _weekly(2, LAST)[0].doc)])
    assert counted.documents == scratch + 1


def test_the_plan_is_read_again_only_when_it_is_another(reads: _Reads) -> None:
    store = _Storage()
    history = _weekly(2, LAST)
    _athlete(store, LAST - timedelta(weeks=3), history)
    progress(store, "Ada")
    logged = _Row(LAST + timedelta(days=1), history[0].doc)
    built, counted = _counted(store, reads, [logged])
    assert counted.plans == 0  # its weeks are kept with the progress
    assert built == _from_scratch(store)[0]
    assert [w.done_m for w in built.weeks if w.done_m]  # the runs counted
    with store.transaction() as repo:
        repo.save_plan("Ada", {}, _plan(LAST - timedelta(weeks=1)), "again", NOW)
    built, counted = _counted(store, reads, [])
    assert counted.plans == 1
    assert built.weeks[0].start.isoformat() == _plan(LAST - timedelta(weeks=1))["weeks"][0][
        "start_date"]
    with store.transaction() as repo:  # hard sessions done by a run without rep scores
        run = repo.activities("Ada", docs=False)[-1]
        for hard in repo.sessions("Ada"):
            if hard.intensity == "hard":
                repo.mark_session("Ada", hard.session_id, "done", activity_id=run.id)
    built, counted = _counted(store, reads, [])
    assert counted.plans == 0  # the sessions' reps are kept with the plan's weeks
    assert built.speed_sessions  # judged against them
    assert built == _from_scratch(store)[0]


# The database's side: the one read, and what was added between two stamps.

def test_the_kept_state_is_the_three_reads_in_one(store: Store) -> None:
    _athlete(store, date(2026, 5, 4), _weekly(7, LAST)[:3])
    with store.transaction() as repo:
        state = repo.kept_state("Ada", "progress")
        assert state.kept is None
        assert state.version == repo.data_version("Ada")
        assert state.runs_stamp == repo.runs_stamp("Ada")
    progress(store, "Ada")
    with store.transaction() as repo:
        state = repo.kept_state("Ada", "progress")
        assert state.kept == repo.kept_summary("Ada", "progress")
        assert state.runs_stamp == repo.runs_stamp("Ada")
        assert repo.kept_state("Ada", "other").kept is None


def test_the_rows_added_between_two_stamps(store: Store) -> None:
    _athlete(store, None, _weekly(7, LAST)[:3])
    with store.transaction() as repo:
        since = repo.runs_stamp("Ada")
        assert repo.runs_added("Ada", since, since) == RunsAdded((), ())
        _row_at(date(2026, 7, 2)).add(repo)
        _Row(date(2026, 6, 1)).add(repo)
        _row_at(date(2020, 1, 1)).add(repo)
        stamp = repo.runs_stamp("Ada")
        added = repo.runs_added("Ada", since, stamp)
        assert added is not None
        assert [a.day for a in added.activities] == [date(2020, 1, 1), date(2026, 7, 2)]
        assert all(a.doc == {} and a.best_mile_s == 401.0 for a in added.activities)
        assert added.result_days == (date(2026, 6, 1),)
        for bad in ("", "1.2.3", "a.b.c.d", "1.2.3.4.5", "-1.0.0.0"):
            assert repo.runs_added("Ada", bad, stamp) is None
    with store.engine.begin() as db:  # a run goes: the counts no longer add up
        from sqlalchemy import text

        db.execute(text("DELETE FROM activities WHERE day = '2026-07-02'"))
    with store.transaction() as repo:
        _row_at(date(2026, 7, 3)).add(repo)
        assert repo.runs_added("Ada", stamp, repo.runs_stamp("Ada")) is None


def _row_at(day: date) -> _Row:
    return _Row(day, _doc("running", 3.0, [Candidate(MILE, 401.0, 0.0)], 401.0))


def test_in_the_database_too_progress_built_on_the_kept_one_is_the_same(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import uuid

    import miler

    history = _weekly(4, LAST)
    _athlete(store, date(2026, 5, 4), history)
    progress(store, "Ada")
    for rows in ([_Row(LAST + timedelta(days=2), history[0].doc)],
                 [_Row(LAST - timedelta(weeks=3), kind="time_trial", time_s=321.0),
                  _row_at(LAST - timedelta(weeks=40))]):
        with store.transaction() as repo:
            for row in rows:
                row.add(repo)
        built = progress(store, "Ada")
        with monkeypatch.context() as patch:  # another miler: nothing kept to build on
            patch.setattr(miler, "__version__", f"0.0.0-{uuid.uuid4().hex}")
            scratch = progress(store, "Ada")
        assert built.to_doc() == scratch.to_doc()
        assert [w.mile_s for w in built.fitness if w.mile_s]
