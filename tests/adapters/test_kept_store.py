"""``adapters/kept_store.py``: the read-only store ``miler today``'s fast path reads through
returns the very records the SQLAlchemy repository returns for the same rows, on SQLite
(days, moments and documents kept as text) and on PostgreSQL (their own types)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from miler.adapters.kept_store import KeptStore
from miler.adapters.storage.repository import Store
from miler.errors import NotFoundError, StorageError
from miler.locations import postgres_args
from tests.cli.test_kept_today import LIVED, START, _history, _miler
from tests.conftest import POSTGRES, empty_postgres
from tests.services.test_training import FIT

NAME = "ada-lovelace"


def _kept_store(url: str) -> KeptStore:
    if url.startswith("sqlite:///"):
        from miler.adapters.kept_sqlite import KeptReader

        path = url.removeprefix("sqlite:///")
        return KeptStore(lambda: KeptReader(path))
    from miler.adapters.kept_postgres import KeptReader as PgReader

    args = postgres_args(url)
    assert args is not None
    return KeptStore(lambda: PgReader(args))


def _both_read_alike(url: str) -> None:
    """Every read the port allows, through both: the same records (a plan's typed view is
    compared through its document)."""
    store = Store.open(url)
    try:
        with store.transaction() as repo, _kept_store(url).transaction() as kept:
            assert kept.names() == repo.names()
            ours, theirs = kept.current_plan(NAME), repo.current_plan(NAME)
            assert ours == theirs
            assert ours is not None
            assert theirs is not None
            assert ours.created_at.utcoffset() == timedelta(0)
            assert ours.plan.sessions == theirs.plan.sessions
            for first, last in ((None, None), (START, LIVED), (LIVED, None), (None, START),
                                (LIVED, START)):
                assert kept.sessions(NAME, first, last) == repo.sessions(NAME, first, last)
            for since in (None, START, LIVED, date(2021, 6, 10)):
                for docs in (True, False):
                    assert kept.activities(NAME, since, docs=docs) == \
                        repo.activities(NAME, since, docs=docs)
            assert kept.activities(NAME)
            with pytest.raises(NotFoundError, match="no athlete named 'cy'"):
                kept.sessions("cy")
    finally:
        store.close()


def _lived(db: str) -> None:
    """:func:`_history`, and a run imported from a watch file (a whole document)."""
    _history(db)
    _miler("import", str(FIT), "--db", db)


def test_on_sqlite_the_records_are_the_repositorys(tmp_path: Path) -> None:
    db = str(tmp_path / "miler.db")
    _lived(db)
    _both_read_alike(f"sqlite:///{db}")


def test_on_postgresql_the_records_are_the_repositorys() -> None:
    if not POSTGRES:
        pytest.skip("MILER_TEST_POSTGRES_URL is not set")
    empty_postgres(POSTGRES)
    _lived(POSTGRES)
    _both_read_alike(POSTGRES)


def test_a_database_at_another_schema_is_refused(tmp_path: Path) -> None:
    import sqlite3

    db = str(tmp_path / "miler.db")
    _miler("athlete", "add", "Ada", "--weekly-miles", "20", "--db", db)
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0001'")
    with pytest.raises(StorageError, match="schema is not this miler's"), \
            _kept_store(f"sqlite:///{db}").transaction():
        pass
