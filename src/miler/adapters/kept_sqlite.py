"""A miler SQLite file read with the standard library's ``sqlite3`` alone: no SQLAlchemy
(200-340 ms of a start), for the fast paths (issue 22): ``miler progress``'s kept summary,
and the rows ``miler today`` reads (``adapters.kept_store`` makes them the port's records).

The file is opened read-only (a ``mode=ro`` URI): it is never created, migrated or
written, and a missing file, another program's database or a locked one is an error for
the caller to decline on (``Error``, which is ``sqlite3.Error``). The reads share one read
transaction, so they see the file as it stood at one moment, as the repository's do.

A standard-library shortcut keeps the process short (measured in instructions, the same
whatever the load): ``_sqlite3``, the C module ``sqlite3`` re-exports, without the
package's ``datetime`` adapters (7 M instructions, ~4 ms here); missing, the public module
is used. The statements, and the reading of the document, are ``adapters/kept_reads.py``'s.
Rows come back as SQLite keeps them (a day, a moment and a document as text); days are sent
as the repository sends them, ``YYYY-MM-DD`` text.
"""

from __future__ import annotations

try:
    from _sqlite3 import Error, connect
except ImportError:  # an interpreter whose sqlite3 is built otherwise
    from sqlite3 import Error, connect

from miler.adapters.kept_reads import Reads

__all__ = ["Error", "KeptReader"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is a few ms of a fast start; mypy reads this branch
    from datetime import date
    from typing import Any


def _uri(path: str) -> str:
    """``path`` as a read-only SQLite URI (its ``%``, ``?`` and ``#`` escaped)."""
    escaped = path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{'//' if escaped.startswith('/') else ''}{escaped}?mode=ro"


class KeptReader(Reads):
    """A read-only connection to the SQLite file at ``path``, in one read transaction
    (a context manager: closed at its end)."""

    def __init__(self, path: str) -> None:
        # no waiting on a writer's lock: the caller declines and the full path waits
        self._db = connect(_uri(path), uri=True, timeout=0, isolation_level=None)
        try:
            self._db.execute("BEGIN")
        except Error:
            self._db.close()
            raise

    def _rows(self, statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = self._db.execute(statement, params).fetchall()
        return rows

    def _day(self, day: date) -> str:
        return day.isoformat()  # as the repository sends a day
