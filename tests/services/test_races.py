"""Use cases racing each other on one database (SQLite, and PostgreSQL when set): the
database's own rules decide, and the loser gets a clear answer, never an IntegrityError."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from miler.adapters.storage.repository import Store
from miler.errors import NotFoundError
from miler.services.accounts import account_count, first_coach
from miler.services.training import import_files, import_upload
from miler.services.uploads import Upload, import_uploads
from tests.conftest import ROOT

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
FIT = ROOT / "tests" / "data" / "track-fenix6.fit"


def race(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run every call at once (each in its own thread); each one's result or exception."""
    start = threading.Barrier(len(calls))
    out: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        start.wait()
        try:
            out[i] = calls[i]()
        except Exception as exc:  # kept, and asserted on by the test
            out[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return out


def test_concurrent_first_time_setups_make_exactly_one_coach(store: Store) -> None:
    out = race([partial(first_coach, store, f"coach{n}", "hash", NOW) for n in range(6)])
    made = [o for o in out if isinstance(o, int)]
    refused = [o for o in out if isinstance(o, NotFoundError)]
    assert (len(made), len(refused)) == (1, 5), out
    assert {str(r) for r in refused} == {"setup is done: log in instead"}
    assert account_count(store) == 1


def test_the_same_upload_at_once_is_stored_once(store: Store) -> None:
    data = FIT.read_bytes()
    out = race([lambda: import_upload(store, "me", "track.fit", data, now=NOW)
                for _ in range(8)])
    assert not [o for o in out if isinstance(o, Exception)], out
    assert sum(o.new for o in out) == 1
    assert len({o.activity_id for o in out}) == 1
    with store.transaction() as repo:
        assert len(repo.activities("me")) == 1


def test_the_same_upload_through_the_web_service_keeps_its_file(store: Store,
                                                               tmp_path: Path) -> None:
    data = FIT.read_bytes()
    out = race([lambda: import_uploads(store, "me", [Upload("track.fit", data)],
                                       data_dir=tmp_path, now=NOW)[0][0] for _ in range(6)])
    assert all(o.ok for o in out), out
    assert sorted(o.message == "already imported: nothing new" for o in out) == [False] + [True] * 5
    with store.transaction() as repo:
        [stored] = repo.activities("me")
    assert stored.path is not None
    assert Path(stored.path).read_bytes() == data


def test_the_same_file_imported_at_once_counts_as_already_imported(store: Store) -> None:
    with store.transaction() as repo:
        repo.add_athlete("ada", {}, NOW)
    out = race([lambda: import_files(store, "ada", [FIT], now=NOW) for _ in range(6)])
    assert not [o for o in out if isinstance(o, Exception)], out
    assert [len(o.stored) for o in out].count(1) == 1
    assert sum(o.duplicates for o in out) == 5
    assert not any(o.skipped for o in out)
