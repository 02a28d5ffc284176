"""A miler PostgreSQL database read with psycopg alone: no SQLAlchemy, for the fast paths on
PostgreSQL (issue 22): ``miler progress``'s kept summary and ``miler today``'s rows, as
``adapters/kept_sqlite.py`` reads a SQLite file's (here days and moments come back as
psycopg gives them, ``date`` and aware ``datetime``). psycopg's own import is about 250 ms
here, so these paths answer in about a quarter of a second, against about a second for
the whole command.

The connection is made with the keywords SQLAlchemy's psycopg dialect would give
(``locations.postgres_args``), so libpq reads the same environment (``PGPASSWORD``,
``~/.pgpass``, ``PGSSLMODE``...). The reads share one ``REPEATABLE READ, READ ONLY``
transaction: they see the database as it stood at one moment, and write nothing. Any
failure is ``Error`` (``psycopg.Error``), for the caller to decline on.
"""

from __future__ import annotations

import psycopg
from psycopg import Error

from miler.adapters.kept_reads import (
    ACTIVITIES,
    ACTIVITIES_BARE,
    ATHLETE_ID,
    CURRENT_PLAN,
    KEPT,
    NAMES,
    REVISION,
    SESSIONS,
)

__all__ = ["Error", "KeptReader"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is a few ms of a fast start; mypy reads this branch
    from collections.abc import Mapping
    from datetime import date
    from typing import Any


def _psycopg(statement: str) -> bytes:
    """``statement`` with psycopg's ``%s`` for each ``?`` (the statements hold no ``%``)."""
    return statement.replace("?", "%s").encode()


class KeptReader:
    """A read-only transaction on the PostgreSQL database ``args`` names (a context manager:
    closed at its end)."""

    def __init__(self, args: Mapping[str, str | int]) -> None:
        self._db = psycopg.connect(**args, autocommit=True)  # type: ignore[arg-type]
        try:
            self._db.execute(b"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        except Error:
            self._db.close()
            raise

    def __enter__(self) -> KeptReader:
        return self

    def __exit__(self, *_: Any) -> None:
        self._db.close()  # a read-only transaction: nothing to keep

    def revision(self) -> str | None:
        """The schema's Alembic revision; None unless there is exactly one."""
        found = self._db.execute(_psycopg(REVISION)).fetchall()
        return found[0][0] if len(found) == 1 else None

    def names(self) -> list[str]:
        """Every athlete's name, in the repository's order."""
        return [row[0] for row in self._db.execute(_psycopg(NAMES))]

    def kept(self, name: str, kind: str) -> tuple[str, str | None, str | None, str | None] | None:
        """As ``adapters.kept_sqlite.KeptReader.kept``."""
        row = self._db.execute(_psycopg(KEPT), (kind, name)).fetchone()
        return None if row is None else (row[0], row[1], row[2], row[3])

    def athlete_id(self, name: str) -> int | None:
        """As ``adapters.kept_sqlite.KeptReader.athlete_id``."""
        row = self._db.execute(_psycopg(ATHLETE_ID), (name,)).fetchone()
        return None if row is None else int(row[0])

    def current_plan(self, athlete: int) -> tuple[Any, ...] | None:
        """As ``adapters.kept_sqlite.KeptReader.current_plan``."""
        row = self._db.execute(_psycopg(CURRENT_PLAN), (athlete,)).fetchone()
        return None if row is None else tuple(row)

    def sessions(self, athlete: int, start: date, end: date) -> list[tuple[Any, ...]]:
        """As ``adapters.kept_sqlite.KeptReader.sessions``."""
        return self._db.execute(_psycopg(SESSIONS), (athlete, start, end)).fetchall()

    def activities(self, athlete: int, since: date, docs: bool) -> list[tuple[Any, ...]]:
        """As ``adapters.kept_sqlite.KeptReader.activities``."""
        statement = ACTIVITIES if docs else ACTIVITIES_BARE
        return self._db.execute(_psycopg(statement), (athlete, since)).fetchall()
