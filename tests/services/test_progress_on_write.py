"""Progress kept at write time (issue 22): every use case that changes what progress is
worked out from keeps it inside its own transaction, stamped with the data version its
writes moved to. The next view reads it, and it is what working progress out from scratch
gives; a write that fails keeps nothing; a view that worked progress out for older data never
keeps it over the one a newer write kept."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import miler
import miler.services.progress as progress_module
from miler.adapters.storage.repository import Store
from miler.domain.athlete import Athlete
from miler.errors import InvalidInputError, MilerError
from miler.services import accounts, coaching, onboarding, training, uploads
from miler.services.ports import KeptSummary, Storage
from miler.services.progress import Progress, keep_progress, progress
from tests.services.fakes import FakeStorage
from tests.services.test_progress_since import _HISTORY, _from_scratch, _Row, _row
from tests.services.test_training import DATA, FIT, NOW

TCX = DATA / "fr410.tcx"
START = date(2021, 5, 31)  # a Monday: the plan's weeks hold the FIT file's day (2021-06-10)


def _kept(store: Storage, name: str) -> KeptSummary:
    """The kept progress, checked to stand: made under the current data version by this
    miler (the next view reads it)."""
    with store.transaction() as repo:
        state = repo.kept_state(name, "progress")
    assert state.kept is not None, "nothing kept"
    assert state.kept.data_version == state.version.version, "kept for older data"
    assert state.kept.made_by == miler.__version__
    return state.kept


def _equals_scratch(store: Store, name: str, monkeypatch: pytest.MonkeyPatch) -> Progress:
    """The kept progress stands and equals progress worked out from scratch (by another
    miler, which reads nothing kept); the kept row is then put back as it was."""
    kept = _kept(store, name)
    with monkeypatch.context() as patch:
        patch.setattr(miler, "__version__", "0.0.0-scratch")
        scratch = progress(store, name)
    assert Progress.from_doc(kept.doc).to_doc() == scratch.to_doc()
    with store.transaction() as repo:
        assert repo.keep_summary(name, "progress", kept)
    return scratch


def _sessions(store: Storage, name: str) -> list[Any]:
    with store.transaction() as repo:
        return repo.sessions(name)


def _runner(weekly: float = 20.0, test: float | None = 465.0) -> Athlete:
    from miler.domain.athlete import Sex

    return Athlete(weekly_miles=weekly, test_mile_s=test, age=45, sex=Sex.FEMALE, name="Ada")


# --- every write use case, on SQLite and PostgreSQL -----------------------------------------


def test_every_write_use_case_keeps_progress_equal_to_working_it_out(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = tmp_path / "export"
    first.mkdir()
    (first / "run.tcx").write_bytes(TCX.read_bytes())

    def mark(status: str) -> None:
        easy = next(s for s in _sessions(store, "ada") if s.kind == "easy")
        coaching.set_session_status(store, None, easy.session_id, status)

    def move() -> None:
        strength = next(s for s in _sessions(store, "ada") if s.kind == "strength")
        coaching.move_session(store, "ada", strength.session_id,
                              strength.day + timedelta(days=1))

    def coach_adds_bea() -> None:
        coach = accounts.first_coach(store, "coach", "hash", NOW)
        accounts.add_athlete_account(store, coach, "bea", "hash", "Bea", NOW)

    writes: list[tuple[str, str, Callable[[], object]]] = [
        ("ada", "athlete add", lambda: coaching.add_athlete(store, _runner(), now=NOW)),
        ("ada", "plan --save", lambda: coaching.keep_plan(
            store, _runner(), {"start": START.isoformat()}, now=NOW)),
        ("ada", "import", lambda: training.import_history(store, "ada", [FIT], now=NOW)),
        ("ada", "log", lambda: training.log_run(store, None, date(2021, 6, 12), "time_trial",
                                                1609.344, 401.0, NOW)),
        ("ada", "session done", lambda: mark("done")),
        ("ada", "session skip", lambda: mark("skipped")),
        ("ada", "session move", move),
        ("ada", "save plan", lambda: coaching.save_plan(store, "ada", start=START, now=NOW)),
        ("ada", "replan", lambda: coaching.replan(store, "ada", mile_s=430.0,
                                                  reason="time trial 7:10", now=NOW)),
        ("ada", "onboard", lambda: onboarding.onboard(
            store, "ada", onboarding.Answers(22.0, test_mile_s=455.0, start=START),
            today=START, now=NOW)),
        ("ada", "upload", lambda: uploads.import_uploads(
            store, "ada", [uploads.Upload("run.tcx", TCX.read_bytes())], data_dir=tmp_path,
            now=NOW)),
        ("bea", "coach adds an athlete", coach_adds_bea),
        ("cy", "bulk upload, a new athlete", lambda: uploads.import_export(
            store, "cy", first, now=NOW)),
    ]
    for name, what, write in writes:
        write()
        try:
            _equals_scratch(store, name, monkeypatch)
        except AssertionError as exc:
            raise AssertionError(f"after {what}: {exc}") from exc
    last = _equals_scratch(store, "ada", monkeypatch)  # something to compare
    assert last.results
    assert [w for w in last.weeks if w.done_m]
    assert last.best_miles


def test_a_write_that_fails_keeps_nothing(store: Store) -> None:
    coaching.add_athlete(store, _runner(), now=NOW)
    coaching.save_plan(store, "ada", start=START, now=NOW)
    before = _kept(store, "ada")

    def refuse(_: object) -> None:
        raise MilerError("the calendar could not be written")

    with pytest.raises(MilerError, match="calendar"):  # after every write of it
        coaching.keep_plan(store, _runner(30.0, 420.0), {"start": START.isoformat()}, now=NOW,
                           before_commit=refuse)
    rest = next(s for s in _sessions(store, "ada") if s.kind == "rest")
    with pytest.raises(InvalidInputError, match="rest day"):
        coaching.set_session_status(store, "ada", rest.session_id, "done")
    assert _kept(store, "ada") == before


def test_the_next_view_reads_the_kept_row_alone() -> None:
    store = FakeStorage()
    coaching.add_athlete(store, _runner(), now=NOW)
    coaching.save_plan(store, "ada", start=START, now=NOW)
    training.log_run(store, "ada", START, "easy", 5000.0, 1500.0, NOW)
    before = store.transactions
    progress(store, "ada")
    assert store.transactions - before == 1  # one read, nothing to keep


def test_a_bulk_import_keeps_progress_once_as_it_ends(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    coaching.add_athlete(store, _runner(), now=NOW)
    coaching.save_plan(store, "ada", start=START, now=NOW)
    kept: list[str] = []
    original = progress_module.keep_progress_in

    def counted(repo: Any, name: str) -> None:
        kept.append(name)
        original(repo, name)

    monkeypatch.setattr(progress_module, "keep_progress_in", counted)
    report = training.import_history(store, "ada", [FIT, TCX], now=NOW)
    assert len(getattr(report, "stored", ())) == 2
    assert kept == ["ada"]  # once for the two files
    _equals_scratch(store, "ada", monkeypatch)


# --- concurrent writers: a stale progress is never kept over a newer one ---------------------


def test_a_view_of_older_data_does_not_keep_over_a_newer_writes_progress(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two web workers: one views progress while the data stands at one version (nothing
    kept for it: a write that kept none, as a backup restored); before it keeps what it
    worked out, the other logs a run, which keeps progress for the newer data. The view's
    summary is refused by the kept row's version check."""
    coaching.add_athlete(store, _runner(), now=NOW)
    coaching.save_plan(store, "ada", start=START, now=NOW)
    with store.transaction() as repo:  # a write that keeps nothing: the view works it out
        repo.add_result("ada", START, "race", 1609.344, 420.0)
    original = progress_module._worked_out
    logged: list[str] = []

    def then_a_write(name: str, data: Any) -> Any:
        found = original(name, data)
        if not logged:  # the other worker, between this view's read and its keep
            logged.append("log")
            training.log_run(store, "ada", START + timedelta(days=1), "easy", 5000.0, 1500.0,
                             NOW)
        return found

    monkeypatch.setattr(progress_module, "_worked_out", then_a_write)
    seen = progress(store, "ada")
    monkeypatch.undo()
    assert logged
    kept = _kept(store, "ada")  # the newer one stands
    assert Progress.from_doc(kept.doc) != seen  # the run the view did not see
    assert sum(w.done_m for w in Progress.from_doc(kept.doc).weeks) == \
        sum(w.done_m for w in seen.weeks) + 5000.0


def test_on_postgresql_a_stale_keep_waits_for_the_writer_and_keeps_nothing(
        store: Store) -> None:
    """The race the version check alone would lose on PostgreSQL: a view's keep of older
    data runs while a writer that moved the data on (and kept its own progress) has not
    committed; the view must wait for it, then see the newer version and keep nothing."""
    if store.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: the view's keep cannot interleave")
    coaching.add_athlete(store, _runner(), now=NOW)
    with store.transaction() as repo:
        old = repo.data_version("ada").version
    stale = KeptSummary(old, miler.__version__, {"stale": True})
    result: list[bool] = []
    with store.transaction() as writer:
        writer.add_result("ada", START, "race", 1609.344, 420.0)
        progress_module.keep_progress_in(writer, "ada")

        def view() -> None:
            with store.transaction() as repo:
                result.append(repo.keep_summary("ada", "progress", stale))

        viewer = threading.Thread(target=view)
        viewer.start()
        _until_waiting_on_a_lock(store)
    viewer.join(timeout=60)
    assert result == [False]
    assert _kept(store, "ada").doc.get("stale") is None


def _until_waiting_on_a_lock(store: Store) -> None:
    """Returns once another session of this database waits on a lock (the viewer's keep,
    blocked by the writer's uncommitted rows); fails after a minute."""
    from sqlalchemy import text

    deadline = datetime.now().timestamp() + 60
    with store.engine.connect() as db:
        while datetime.now().timestamp() < deadline:
            waiting = db.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                "AND datname = current_database()")).scalar()
            db.rollback()
            if waiting:
                return
            threading.Event().wait(0.01)
    raise AssertionError("the viewer never waited for the writer")


# --- any sequence of write use cases, against working it out from scratch --------------------


def _use_case(store: FakeStorage, data: st.DataObject) -> None:
    """One write use case, drawn; one that refuses its input must change nothing."""
    sessions = _sessions(store, "Ada")
    what = data.draw(st.sampled_from(["log", "mark", "move", "plan", "replan", "onboard"]),
                     label="use case")
    day = data.draw(_HISTORY, label="day")
    before = store.state
    try:
        if what == "log":
            kind = data.draw(st.sampled_from(["easy", "race", "time_trial"]), label="kind")
            distance = data.draw(st.sampled_from([1609.344, 5000.0]), label="distance")
            training.log_run(store, None, day, kind, distance,
                             data.draw(st.floats(240.0, 2400.0), label="time"), NOW)
        elif what in {"mark", "move"} and sessions:
            session = data.draw(st.sampled_from(sessions), label="session")
            if what == "mark":
                coaching.set_session_status(store, None, session.session_id, data.draw(
                    st.sampled_from(["done", "skipped", "planned"]), label="status"))
            else:
                coaching.move_session(store, None, session.session_id, session.day
                                      + timedelta(days=data.draw(st.integers(-2, 2))))
        elif what == "plan":
            coaching.save_plan(store, "Ada", start=day, now=NOW)
        elif what == "replan" and sessions:
            coaching.replan(store, "Ada", mile_s=data.draw(st.floats(300.0, 480.0)),
                            reason="time trial", now=NOW)
        elif what == "onboard":
            onboarding.onboard(store, "Ada", onboarding.Answers(
                20.0, test_mile_s=data.draw(st.none() | st.floats(300.0, 480.0))),
                today=day, now=NOW)
    except MilerError:
        assert store.state is before  # refused: nothing of it kept


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(_row(_HISTORY), max_size=24), st.data())
def test_after_any_write_use_case_the_kept_progress_is_the_one_from_scratch(
        history: list[_Row], data: st.DataObject) -> None:
    store = FakeStorage()
    onboarding.onboard(store, "Ada", onboarding.Answers(20.0, test_mile_s=450.0, age=40,
                                                        sex="female"),
                       today=date(2026, 1, 5), now=NOW)
    with store.transaction() as repo:  # runs with efforts to estimate from, kept as history
        for row in history:
            row.add(repo)
    keep_progress(store, "Ada")
    for _ in range(data.draw(st.integers(1, 4), label="writes")):
        _use_case(store, data)
        kept = _kept(store, "Ada")
        scratch, scratch_kept = _from_scratch(store)
        assert Progress.from_doc(kept.doc).to_doc() == scratch.to_doc()
        assert kept.doc == scratch_kept.doc  # the stamp, the runs' span and the plan too
