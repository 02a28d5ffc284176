"""A kept summary read from a miler SQLite file with the standard library's ``sqlite3``
alone: no SQLAlchemy (200-340 ms of a start), for ``miler progress``'s fast path (issue 22).

The file is opened read-only (a ``mode=ro`` URI): it is never created, migrated or
written, and a missing file, another program's database or a locked one is an error for
the caller to decline on (``Error``, which is ``sqlite3.Error``). The reads share one read
transaction, so they see the file as it stood at one moment, as the repository's do.

A standard-library shortcut keeps the process short (measured in instructions, the same
whatever the load): ``_sqlite3``, the C module ``sqlite3`` re-exports, without the
package's ``datetime`` adapters (7 M instructions, ~4 ms here); missing, the public module
is used. The statements, and the reading of the document, are ``adapters/kept_reads.py``'s.
"""

from __future__ import annotations

try:
    from _sqlite3 import Error, connect
except ImportError:  # an interpreter whose sqlite3 is built otherwise
    from sqlite3 import Error, connect

from miler.adapters.kept_reads import KEPT, KNOWN_FILES, NAMES, REVISION

__all__ = ["Error", "KeptReader"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is a few ms of a fast start; mypy reads this branch
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
