"""``miler today`` in a fast process (issue 22): the use case itself, on a read-only store.

:func:`kept_today` runs ``services.coaching.today``, unchanged, on
``adapters.kept_store.KeptStore`` over a SQLite file read with ``sqlite3`` alone
(or a PostgreSQL database read with psycopg alone). The store
returns the records the repository returns for the same rows, so the service gives the
``Today`` the full path gives; no SQLAlchemy is imported. Wherever the full path would do
more than read, or would fail, it gives None and the caller takes the full path, which
migrates, reports and exits as ever: no file, a schema not at ``adapters.schema_head.HEAD``,
an unknown or ambiguous athlete, no plan, a row the store cannot read, any read error.
"""

from __future__ import annotations

__all__ = ["kept_today"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is a few ms of a fast start; mypy reads this branch
    from collections.abc import Callable
    from datetime import date

    from miler.adapters.kept_reads import Database, Reads
    from miler.services.coaching import Today


def kept_today(database: Database, name: str | None, day: date) -> Today | None:
    """``services.coaching.today`` for ``name`` (None: the only athlete) on ``day``, read
    from ``database`` (a SQLite file's path, or PostgreSQL's connect keywords:
    ``adapters.kept_reads.Database``); None whenever the full path should answer."""
    from miler.adapters.kept_reads import reader_for

    opened = reader_for(database)
    return None if opened is None else _today(*opened, name, day)


def _today(reader: Callable[[], Reads], error: type[Exception], name: str | None,
           day: date) -> Today | None:
    from miler.adapters.kept_store import KeptStore
    from miler.errors import MilerError
    from miler.services.coaching import today

    try:
        return today(KeptStore(reader), name, day)
    # not a miler database, locked, unreachable, another schema; a bad, unknown or ambiguous
    # --athlete, no plan (MilerError); a row of another shape (the full path reports it)
    except (error, MilerError, LookupError, TypeError, ValueError, RecursionError):
        return None
