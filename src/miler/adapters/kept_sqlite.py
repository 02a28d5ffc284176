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

from miler.adapters.kept_reads import (
    ACTIVITIES,
    ACTIVITIES_BARE,
    ATHLETE_ID,
    CURRENT_PLAN,
    KEPT,
    KNOWN_FILES,
    NAMES,
    REVISION,
    SESSIONS,
)

__all__ = ["Error", "KeptReader"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is a few ms of a fast start; mypy reads this branch
    from datetime import date
    from typing import Any


def _uri(path: str) -> str:
    """``path`` as a read-only SQLite URI (its ``%``, ``?`` and ``#`` escaped)."""
    escaped = path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{'//' if escaped.startswith('/') else ''}{escaped}?mode=ro"


class KeptReader:
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

    def __enter__(self) -> KeptReader:
        return self

    def __exit__(self, *_: Any) -> None:
        self._db.close()  # a read transaction: nothing to keep

    def revision(self) -> str | None:
        """The schema's Alembic revision; None unless there is exactly one."""
        found = self._db.execute(REVISION).fetchall()
        return found[0][0] if len(found) == 1 else None

    def names(self) -> list[str]:
        """Every athlete's name, in the repository's order."""
        return [row[0] for row in self._db.execute(NAMES)]

    def kept(self, name: str, kind: str) -> tuple[str, str | None, str | None, str | None] | None:
        """``name``'s data version, and their kept summary of ``kind``: the data version it
        was made at, the miler that made it, its document as JSON text (Nones when none is
        kept); None when there is no athlete ``name``."""
        row = self._db.execute(KEPT, (kind, name)).fetchone()
        return None if row is None else (row[0], row[1], row[2], row[3])

    def known_files(self, name: str) -> list[str]:
        """The SHA-256 of every file stored for ``name``."""
        return [row[0] for row in self._db.execute(KNOWN_FILES, (name,))]

    def athlete_id(self, name: str) -> int | None:
        """The id of the athlete ``name``; None when there is none."""
        row = self._db.execute(ATHLETE_ID, (name,)).fetchone()
        return None if row is None else int(row[0])

    def current_plan(self, athlete: int) -> tuple[Any, ...] | None:
        """The athlete's newest plan version's row (``kept_reads.CURRENT_PLAN``)."""
        row = self._db.execute(CURRENT_PLAN, (athlete,)).fetchone()
        return None if row is None else tuple(row)

    def sessions(self, athlete: int, start: date, end: date) -> list[tuple[Any, ...]]:
        """The current plan's sessions' rows from ``start`` to ``end`` (``SESSIONS``)."""
        return self._db.execute(SESSIONS, (athlete, start.isoformat(),
                                           end.isoformat())).fetchall()

    def activities(self, athlete: int, since: date, docs: bool) -> list[tuple[Any, ...]]:
        """The athlete's activities' rows from ``since`` on (``ACTIVITIES``; the documents
        NULL without ``docs``)."""
        return self._db.execute(ACTIVITIES if docs else ACTIVITIES_BARE,
                                (athlete, since.isoformat())).fetchall()
