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

from miler.adapters.kept_reads import Reads

__all__ = ["Error", "KeptReader"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is a few ms of a fast start; mypy reads this branch
    from collections.abc import Mapping
    from typing import Any


def _psycopg(statement: str) -> bytes:
    """``statement`` with psycopg's ``%s`` for each ``?`` (the statements hold no ``%``)."""
    return statement.replace("?", "%s").encode()


class KeptReader(Reads):
    """A read-only transaction on the PostgreSQL database ``args`` names (a context manager:
    closed at its end)."""

    def __init__(self, args: Mapping[str, str | int]) -> None:
        self._db = psycopg.connect(**args, autocommit=True)  # type: ignore[arg-type]
        try:
            self._db.execute(b"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        except Error:
            self._db.close()
            raise

    def _rows(self, statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = self._db.execute(_psycopg(statement), params).fetchall()
        return rows
