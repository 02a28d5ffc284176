"""A read-only store of what ``services.coaching.today`` reads (``ports.PlanReads``), on the
fast paths' readers: ``miler today`` answered in a process without SQLAlchemy (issue 22).

``KeptStore(open_reader)`` is a ``ports.PlanReadStore``. Each :meth:`KeptStore.transaction`
opens one reader, ``adapters.kept_sqlite.KeptReader`` (``sqlite3``, ``mode=ro``) or
``adapters.kept_postgres.KeptReader`` (psycopg, ``REPEATABLE READ READ ONLY``), so its reads
see the database as it stood at one moment; a database whose schema is not this miler's
(``adapters.schema_head.HEAD``) is refused with ``StorageError`` (the full path migrates it).
Its :class:`KeptReads` returns the very records ``adapters.storage.repository`` returns for
the same rows: what SQLite keeps as text (a day, a moment, a document) is read as SQLAlchemy
reads it (``date.fromisoformat``, ``datetime.fromisoformat`` made UTC, the JSON value), and
PostgreSQL's own values pass through. It has no method that writes.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, date, datetime

from miler.adapters.kept_reads import read_document
from miler.adapters.schema_head import HEAD
from miler.errors import NotFoundError, StorageError
from miler.services.ports import StoredActivity, StoredPlan, StoredSession

__all__ = ["KeptReads", "KeptStore"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is a few ms of a fast start; mypy reads this branch
    from collections.abc import Callable, Iterator

    from miler.adapters.kept_reads import Reads


class KeptStore:
    """The database ``open_reader()`` reads, one read-only transaction at a time."""

    def __init__(self, open_reader: Callable[[], Reads]) -> None:
        self._open = open_reader

    @contextmanager
    def transaction(self) -> Iterator[KeptReads]:
        with self._open() as reader:  # closed at the end: nothing was written
            if reader.revision() != HEAD:
                raise StorageError(f"the database's schema is not this miler's ({HEAD})")
            yield KeptReads(reader)


class KeptReads:
    """``ports.PlanReads`` inside one reader's transaction."""

    def __init__(self, reader: Reads) -> None:
        self._db = reader
        self._ids: dict[str, int] = {}

    def names(self) -> list[str]:
        return self._db.names()

    def current_plan(self, name: str) -> StoredPlan | None:
        row = self._db.current_plan(self._athlete_id(name))
        if row is None:
            return None
        version, reason, inputs, doc, created_at = row
        return StoredPlan(version, reason, dict(read_document(inputs)),
                          dict(read_document(doc)), _utc(created_at))

    def sessions(self, name: str, start: date | None = None,
                 end: date | None = None) -> list[StoredSession]:
        rows = self._db.sessions(self._athlete_id(name), start or date.min, end or date.max)
        return [StoredSession(r[0], _day(r[1]), r[2], r[3], r[4], r[5], r[6], r[7], r[8])
                for r in rows]

    def activities(self, name: str, since: date | None = None, *,
                   docs: bool = True) -> list[StoredActivity]:
        rows = self._db.activities(self._athlete_id(name), since or date.min, docs)
        return [StoredActivity(r[0], _day(r[1]), r[2], r[3], r[4], r[5], r[6], r[7], r[8],
                               dict(read_document(r[9]) if r[9] is not None else {}), r[10])
                for r in rows]

    def _athlete_id(self, name: str) -> int:
        found = self._ids.get(name)
        if found is None:
            found = self._db.athlete_id(name)
            if found is None:  # as the repository says it
                raise NotFoundError.athlete(name)
            self._ids[name] = found
        return found


def _day(value: date | str) -> date:
    """A day as PostgreSQL gives it, or as SQLite keeps it (SQLAlchemy's reading)."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def _utc(value: datetime | str) -> datetime:
    """A moment as the repository gives it: aware, in UTC (SQLite's text is naive UTC)."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
