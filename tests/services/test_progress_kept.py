"""Progress kept in the database under the data version it was worked out at (issue 22): a
repeat view reads it back equal to what working it out gives, any write makes it worked out
afresh, and a summary for data that changed in between is never kept."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import miler
from miler.adapters.storage.repository import Store
from miler.domain.progress import WeekProgress
from miler.domain.reps import Rep, RepsSummary
from miler.domain.workouts import is_hard
from miler.errors import NotFoundError
from miler.services.ports import KeptSummary
from miler.services.progress import FitnessWeek, Progress, keep_progress, progress
from miler.services.training import import_files
from tests.services.fakes import FakeStorage
from tests.services.test_rep_scores import _athlete
from tests.services.test_training import FIT, NOW

_days = st.dates(date(2000, 1, 1), date(2099, 12, 31))
_seconds = st.floats(1.0, 1e5, allow_nan=False)
_maybe = st.none() | _seconds
_count = st.integers(0, 500)
_progress = st.builds(
    Progress,
    athlete=st.text(min_size=1, max_size=30),
    weeks=st.lists(st.builds(WeekProgress, _count, _days, _seconds, _seconds, _count, _count),
                   max_size=4).map(tuple),
    speed_sessions=st.lists(st.tuples(
        _days.map(date.isoformat), st.text(max_size=20),
        st.lists(st.builds(Rep, _count, _seconds, _seconds, _seconds, _maybe),
                 max_size=3).map(tuple)), max_size=3).map(tuple),
    best_miles=st.lists(st.tuples(st.text(max_size=7), _seconds, _days), max_size=3).map(tuple),
    age_grades=st.lists(st.tuples(_days, _seconds, st.floats(0, 120)), max_size=3).map(tuple),
    age=st.none() | st.integers(5, 100),
    sex=st.none() | st.sampled_from(["female", "male"]),
    fitness=st.lists(st.builds(FitnessWeek, _days, _maybe, _maybe, _maybe),
                     max_size=4).map(tuple),
    results=st.lists(st.tuples(_days, st.sampled_from(["test_mile", "race"]), _seconds),
                     max_size=3).map(tuple),
    reps=st.none() | st.builds(RepsSummary, _count, _count, _count, _count, _count, _maybe),
)


@given(_progress)
def test_a_kept_progress_reads_back_equal(found: Progress) -> None:
    import json

    assert Progress.from_doc(json.loads(json.dumps(found.to_doc()))) == found


def _kept(store: Store) -> KeptSummary | None:
    with store.transaction() as repo:
        return repo.kept_summary("Ada", "progress")


def test_a_repeat_view_reads_the_kept_progress_equal_to_working_it_out(store: Store) -> None:
    _athlete(store)
    import_files(store, "Ada", [FIT], now=NOW)
    with store.transaction() as repo:
        repo.update_athlete("Ada", profile={"weekly_miles": 20, "age": 45, "sex": "female"})
        repo.add_result("Ada", date(2021, 6, 12), "time_trial", 1609.344, 385.0)
    assert _kept(store) is None
    first = progress(store, "Ada")  # worked out, then kept
    kept = _kept(store)
    assert kept is not None
    assert kept.made_by == miler.__version__
    assert first.speed_sessions
    assert first.age_grades
    assert first.results
    assert first.reps
    # the kept document is what is read back: change it and the view changes
    with store.transaction() as repo:
        assert repo.keep_summary("Ada", "progress", KeptSummary(
            kept.data_version, kept.made_by, {**kept.doc, "sex": "kept"}))
    assert progress(store, "Ada") == Progress.from_doc({**first.to_doc(), "sex": "kept"})
    with store.transaction() as repo:
        assert repo.keep_summary("Ada", "progress", kept)
    assert progress(store, "Ada") == first


def test_any_write_makes_progress_worked_out_afresh(store: Store) -> None:
    _athlete(store)
    import_files(store, "Ada", [FIT], now=NOW)
    before = progress(store, "Ada")
    with store.transaction() as repo:
        repo.add_result("Ada", date(2021, 6, 12), "race", 1609.344, 380.0)
    after = progress(store, "Ada")
    assert after.results == ((date(2021, 6, 12), "race", 380.0),)
    assert before.results == ()
    kept = _kept(store)
    assert kept is not None
    assert Progress.from_doc(kept.doc) == after


def test_another_miler_version_works_it_out_again(store: Store,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _athlete(store)
    keep_progress(store, "Ada")
    monkeypatch.setattr(miler, "__version__", "0.0.0-other")
    progress(store, "Ada")
    kept = _kept(store)
    assert kept is not None
    assert kept.made_by == "0.0.0-other"


def test_a_summary_for_data_that_changed_since_is_not_kept(store: Store) -> None:
    _athlete(store)
    with store.transaction() as repo:
        old = repo.data_version("Ada").version
        repo.add_result("Ada", date(2021, 6, 12), "race", 1609.344, 380.0)
    with store.transaction() as repo:
        assert not repo.keep_summary("Ada", "progress", KeptSummary(old, "x", {"stale": True}))
    assert _kept(store) is None
    with store.transaction() as repo, pytest.raises(NotFoundError, match="Bea"):
        repo.keep_summary("Bea", "progress", KeptSummary(old, "x", {}))


def test_a_view_by_an_id_and_by_a_name_as_typed_read_the_same(store: Store) -> None:
    """``Ada`` (an older miler's name as typed) is found by the case fallback; the id of a
    stored athlete is read at once: both give the one athlete's progress."""
    _athlete(store)
    assert progress(store, "ada") == progress(store, "Ada")
    with pytest.raises(NotFoundError):
        progress(store, "bea")


def test_a_repeat_view_is_one_read_and_a_first_view_keeps_it() -> None:
    store = FakeStorage()
    with store.transaction() as repo:
        repo.add_athlete("Ada", {"weekly_miles": 20}, NOW)
    before = store.transactions
    first = progress(store, "Ada")
    assert store.transactions - before == 2  # read, then keep
    again = progress(store, "Ada")
    assert store.transactions - before == 3  # one read
    assert again == first


def test_reading_progress_loads_no_numpy() -> None:
    # ~110 ms of `miler progress`: numpy loads only with what finds reps or efforts in a run
    import subprocess
    import sys

    code = "import sys, miler.services.progress; print('numpy' in sys.modules)"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout
    assert shown.strip() == "False"


def test_a_restore_over_kept_progress_keeps_none_of_it(store: Store, tmp_path: Path) -> None:
    from miler.services.backup import backup, restore

    _athlete(store)
    backup(store, tmp_path / "before.json")  # nothing kept yet, and kept rows never are
    import_files(store, "Ada", [FIT], now=NOW)
    keep_progress(store, "Ada")
    assert _kept(store) is not None
    restore(store, tmp_path / "before.json", replace=True, data_dir=tmp_path)
    assert _kept(store) is None  # gone with the athlete it was for
    assert progress(store, "Ada").speed_sessions == ()  # the restored data: no run


def _worked_out_from_scratch(store: Store, monkeypatch: pytest.MonkeyPatch) -> Progress:
    """Progress with nothing kept to lean on (a kept summary of another miler is not read)."""
    import uuid

    with monkeypatch.context() as patch:  # another miler each time
        patch.setattr(miler, "__version__", f"0.0.0-{uuid.uuid4().hex}")
        return progress(store, "Ada")


def test_after_a_session_is_marked_the_kept_fitness_stands_and_the_rest_is_worked_out(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    _athlete(store)
    (run,) = import_files(store, "Ada", [FIT], now=NOW).stored
    with store.transaction() as repo:  # a hard session done by a run scored before reps were
        (stored,) = repo.activities("Ada")
        old = repo.add_activity("Ada", day=stored.day, now=NOW, kind="speed",
                                doc={k: v for k, v in stored.doc.items() if k != "rep_scores"})
        hard = next(s for s in repo.sessions("Ada") if s.session_id != run.session_id
                    and is_hard(s.kind, s.intensity))
        repo.mark_session("Ada", hard.session_id, "done", activity_id=old.id)
        repo.add_result("Ada", date(2021, 6, 12), "time_trial", 1609.344, 385.0)
    keep_progress(store, "Ada")
    kept = _kept(store)
    assert kept is not None
    # kept fitness that differs from what working it out gives shows which one is read
    ((day, *_),) = kept.doc["fitness"]
    marker = [[day, 400.0, 390.0, 410.0]]
    with store.transaction() as repo:
        assert repo.keep_summary("Ada", "progress", KeptSummary(
            kept.data_version, kept.made_by, {**kept.doc, "fitness": marker}))
        easy = next(s for s in repo.sessions("Ada") if s.status != "done"
                    and s.kind == "easy")
        repo.mark_session("Ada", easy.session_id, "done")  # the runs stand
    marked = progress(store, "Ada")
    assert marked.fitness == (FitnessWeek(date.fromisoformat(day), 400.0, 390.0, 410.0),)
    scratch = _worked_out_from_scratch(store, monkeypatch)
    assert scratch.fitness != marked.fitness
    assert replace(marked, fitness=scratch.fitness) == scratch  # the rest is all worked out
    assert len(marked.speed_sessions) == 2  # one from its scores, one from its laps
    assert marked.weeks != Progress.from_doc(kept.doc).weeks  # the easy run counted


def test_a_run_or_result_added_works_out_the_weeks_without_a_kept_estimate(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    _athlete(store)
    import_files(store, "Ada", [FIT], now=NOW)
    for write in (lambda repo: repo.add_result("Ada", date(2021, 6, 12), "race", 1609.344,
                                               380.0),
                  lambda repo: repo.add_activity("Ada", day=date(2021, 6, 14), now=NOW,
                                                 doc={"sport": "running",
                                                      "distance_m": 5000.0,
                                                      "elapsed_s": 1500.0})):
        keep_progress(store, "Ada")
        kept = _kept(store)
        assert kept is not None
        with store.transaction() as repo:
            assert repo.keep_summary("Ada", "progress", KeptSummary(
                kept.data_version, kept.made_by, {**kept.doc, "fitness": []}))
            write(repo)
        assert progress(store, "Ada") == _worked_out_from_scratch(store, monkeypatch)
        assert progress(store, "Ada").fitness != ()


def test_the_runs_stamp_changes_with_every_run_and_result(store: Store) -> None:
    _athlete(store)
    stamps = set()
    with store.transaction() as repo:
        stamps.add(repo.runs_stamp("Ada"))
        repo.mark_session("Ada", repo.sessions("Ada")[0].session_id, "done")
        stamps.add(repo.runs_stamp("Ada"))
        assert len(stamps) == 1  # a session marked leaves the runs as they were
        for day in (12, 13):
            repo.add_result("Ada", date(2021, 6, day), "race", 1609.344, 380.0)
            stamps.add(repo.runs_stamp("Ada"))
            repo.add_activity("Ada", day=date(2021, 6, day), now=NOW,
                              doc={"sport": "running", "distance_m": 5000.0})
            stamps.add(repo.runs_stamp("Ada"))
    assert len(stamps) == 5


def test_activities_without_documents_are_the_same_columns(store: Store) -> None:
    _athlete(store)
    import_files(store, "Ada", [FIT], now=NOW)
    with store.transaction() as repo:
        (full,) = repo.activities("Ada")
        (bare,) = repo.activities("Ada", docs=False)
        assert repo.activities("Ada", ids=[full.id + 1]) == []
        assert repo.activities("Ada", ids=[full.id]) == [full]
    assert full.doc
    assert bare.doc == {}
    assert replace(bare, doc=full.doc) == full


def test_the_fitness_is_the_same_read_a_page_of_documents_at_a_time(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import miler.services.progress as module

    _athlete(store)
    import_files(store, "Ada", [FIT], now=NOW)
    with store.transaction() as repo:
        (run,) = repo.activities("Ada")
        for weeks in range(1, 6):  # the same hard run on other days
            repo.add_activity("Ada", day=date.fromordinal(run.day.toordinal() - 7 * weeks),
                              doc=run.doc, now=NOW)
    whole = _worked_out_from_scratch(store, monkeypatch)
    asked: list[int] = []
    original = Store.transaction

    def spying(self: Store):  # type: ignore[no-untyped-def]
        return _Spy(original(self), asked)

    monkeypatch.setattr(module, "_PAGE", 2)
    monkeypatch.setattr(Store, "transaction", spying)
    paged = _worked_out_from_scratch(store, monkeypatch)
    assert paged == whole
    assert [mile for mile in (w.mile_s for w in whole.fitness) if mile]  # something to see
    assert asked == [2, 2, 2, 1]  # six documents two at a time, then the hard session's run


class _Spy:
    """A transaction whose repository notes how many documents each read by id asks for."""

    def __init__(self, inner: object, asked: list[int]) -> None:
        self._inner, self._asked = inner, asked

    def __enter__(self) -> object:
        repo = self._inner.__enter__()  # type: ignore[attr-defined]
        activities, asked = repo.activities, self._asked

        def counted(name: str, *args: object, **kwargs: object) -> object:
            ids = kwargs.get("ids")
            if ids is not None and kwargs.get("docs", True):
                asked.append(len(ids))  # type: ignore[arg-type]
            return activities(name, *args, **kwargs)

        repo.activities = counted
        return repo

    def __exit__(self, *exc: object) -> object:
        return self._inner.__exit__(*exc)  # type: ignore[attr-defined]
