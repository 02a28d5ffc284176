"""An import's transactions (``Store.importing``): what they store equals the repository's,
and a write of anyone else's between or inside them is never overlooked."""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from miler.adapters.storage.bulk import doc_text
from miler.adapters.storage.repository import Store
from miler.errors import ConflictError, NotFoundError
from miler.services.ports import FileRepository, FileTransactions, StoredActivity
from tests.conftest import ROOT

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
PLAN = json.loads((ROOT / "tests" / "data" / "plan-sample.json").read_text())
DAY = date(2026, 12, 1)  # the sample plan's speed session


def run_doc(n: int) -> dict[str, Any]:
    return {"schema": "miler.activity/1", "source": f"run-{n}.fit", "sport": "running",
            "start_time": "2026-12-01T07:00:00Z", "distance_m": 7000.0 + n,
            "elapsed_s": 2700.0, "moving_s": None, "laps": [{"distance_m": 0.1 * n}],
            "best_efforts": {"mile": {"elapsed_s": 401.5 + n, "start_offset_s": 900.0}},
            "name": "Café ☕", "profile": {"pace_s_per_mile": [412.3, 1e-7, -0.0, 3e20]}}


def sha(n: int) -> str:
    return f"{n:064x}"


@pytest.fixture
def ada(store: Store) -> Store:
    for name in ("Ada", "Bo"):
        with store.transaction() as repo:
            repo.add_athlete(name, {"weekly_miles": 20, "tz": "Europe/London"}, NOW)
            repo.save_plan(name, {}, PLAN, "first plan", NOW)
    return store


def store_one(repo: FileRepository, name: str, n: int) -> StoredActivity:
    """What the import does with a file: its day's sessions, the activity, the mark."""
    (speed,) = [s for s in repo.sessions(name, DAY, DAY) if s.kind == "speed"]
    assert repo.current_plan(name) is not None
    stored = repo.add_activity(name, day=DAY, doc=run_doc(n), now=NOW, sha256=sha(n),
                               path=f"run-{n}.fit")
    if n == 1:
        repo.mark_session(name, speed.session_id, "done", activity_id=stored.id, note="ok")
        repo.add_result(name, DAY, "time_trial", 1609.344, 401.5, activity_id=stored.id)
    return stored


def rows(store: Store, name: str) -> tuple[Any, ...]:
    with store.transaction() as repo:
        return ([(a.day, a.sport, a.distance_m, a.best_mile_s, a.path, a.doc, a.sha256)
                 for a in repo.activities(name)],
                [(s.session_id, s.status, s.activity_id is not None, s.note)
                 for s in repo.sessions(name)],
                repo.results(name), repo.athlete(name).profile)


def test_an_import_stores_what_the_repository_stores(ada: Store) -> None:
    for n in range(3):
        with ada.transaction() as repo:
            store_one(repo, "Bo", n)
    versions = set()
    with ada.importing("Ada") as files:
        for n in range(3):
            with files.transaction() as bulk:
                assert bulk.activity_of_file("Ada", sha(n)) is None
                store_one(bulk, "Ada", n)
            version = ada.version("Ada")
            assert version is not None
            versions.add(version.version)
        with files.transaction() as bulk:  # a file stored before is read from its row
            known = bulk.activity_of_file("Ada", sha(1))
            marked = [s for s in bulk.sessions("Ada") if s.status == "done"]
    assert len(versions) == 3  # every file's transaction renews the athlete's data version
    assert rows(ada, "Ada") == rows(ada, "Bo")
    assert known is not None
    assert (known.doc, known.best_mile_s) == (run_doc(1), 402.5)
    assert [(s.session_id, s.note) for s in marked] == [("w1-tue-speed", "ok")]


def test_an_unknown_athlete_is_refused_at_once(ada: Store) -> None:
    with pytest.raises(NotFoundError, match="no athlete named 'Cy'"), ada.importing("Cy"):
        pass


def killed_before_the_commit(files: FileTransactions) -> None:
    with files.transaction() as bulk:
        store_one(bulk, "Ada", 1)
        raise RuntimeError("killed before the commit")


def test_what_a_failed_transaction_wrote_is_not_taken_as_stored(ada: Store) -> None:
    with ada.importing("Ada") as files:
        with pytest.raises(RuntimeError):
            killed_before_the_commit(files)
        with files.transaction() as bulk:
            assert bulk.activity_of_file("Ada", sha(1)) is None
            assert all(s.status == "planned" for s in bulk.sessions("Ada"))
            store_one(bulk, "Ada", 1)
    assert len(rows(ada, "Ada")[0]) == 1


def stored_unseen(files: FileTransactions, n: int) -> None:
    with files.transaction() as bulk:
        assert bulk.activity_of_file("Ada", sha(n)) is None
        store_one(bulk, "Ada", n)


def test_a_file_stored_by_someone_else_meanwhile_is_known(ada: Store) -> None:
    with ada.importing("Ada") as files:
        with files.transaction() as bulk:
            store_one(bulk, "Ada", 0)
        with ada.transaction() as repo:  # another import, between two files
            store_one(repo, "Ada", 1)
        with pytest.raises(ConflictError):
            # read as it was before the other's write: refused at the first write
            stored_unseen(files, 1)
        with files.transaction() as bulk:  # read afresh
            assert bulk.activity_of_file("Ada", sha(1)) is not None
            (speed,) = [s for s in bulk.sessions("Ada") if s.kind == "speed"]
            assert (speed.status, speed.note) == ("done", "ok")
            store_one(bulk, "Ada", 2)
    assert [a[-1] for a in rows(ada, "Ada")[0]] == [sha(0), sha(1), sha(2)]


def written_meanwhile(store: Store, files: FileTransactions) -> None:
    with files.transaction() as bulk:
        bulk.sessions("Ada", DAY, DAY)
        with store.transaction() as repo:  # someone else writes, and commits first
            repo.update_athlete("Ada", profile={"weekly_miles": 30})
        store_one(bulk, "Ada", 1)


def test_a_write_inside_a_files_transaction_refuses_it(ada: Store) -> None:
    with ada.importing("Ada") as files:
        with pytest.raises(ConflictError, match="changed while"):
            written_meanwhile(ada, files)
        with files.transaction() as bulk:
            assert bulk.athlete("Ada").profile == {"weekly_miles": 30}
            store_one(bulk, "Ada", 1)
    assert len(rows(ada, "Ada")[0]) == 1


_JSON = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=5),
    lambda inner: (st.lists(inner, max_size=4) | st.tuples(inner, inner)
                   | st.dictionaries(st.text(max_size=3) | st.integers(), inner, max_size=4)),
    max_leaves=20)


def _parsed(text: str) -> str:
    """``text`` parsed, written again in one form (so NaN compares equal to NaN)."""
    return json.dumps(json.loads(text), sort_keys=True)


@given(st.dictionaries(st.text(max_size=3), _JSON, max_size=5))
def test_a_document_reads_back_as_the_json_module_writes_it(doc: dict[str, Any]) -> None:
    try:
        expected = _parsed(json.dumps(doc))
    except TypeError:  # keys json.dumps cannot sort: not a document this test can read
        return
    assert _parsed(doc_text(doc)) == expected


def test_a_document_with_nan_is_written_as_the_json_module_writes_it() -> None:
    doc = {"pace": [412.3, math.nan], "hr": {"max": math.inf}, "n": 2**70, "t": (1, 2)}
    assert doc_text(doc) == json.dumps(doc)
    assert doc_text({"name": "Café", "x": 1e-7}) == '{"name":"Café","x":1e-7}'
