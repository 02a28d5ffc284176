"""``miler progress`` answered from the kept row alone, in a fast process (issue 22).

:func:`kept_progress` gives an athlete's progress, as the kept document, exactly when
``services.progress.progress`` would return that kept document as it stands: the schema at
Alembic's head (``adapters.schema_head.HEAD``, which is ``adapters.storage.HEAD``), the
athlete resolved as ``the_athlete_in`` resolves ``--athlete`` (``domain.names.athlete_among``),
the row kept under the athlete's current data version by this very miler. In every other
case (no file, an older schema, an ambiguous or unknown athlete, nothing kept or a stale
row, any error) it gives None and the caller takes the full path, which works progress out,
keeps it, and reports errors as ever.
It reads with ``adapters.kept_sqlite`` (``sqlite3``, read-only) or, on PostgreSQL,
``adapters.kept_postgres`` (psycopg, a read-only transaction), and imports no SQLAlchemy.
"""

from __future__ import annotations

__all__ = ["KIND", "kept_progress"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is a few ms of a fast start; mypy reads this branch
    from collections.abc import Callable
    from typing import Any, Final

    from miler.adapters.kept_reads import Database, Reads


#: Progress's kind among an athlete's kept summaries (``services.progress``'s, checked by a
#: test: that module is not imported here, it loads the whole core).
KIND: Final = "progress"


def kept_progress(database: Database, name: str | None) -> dict[str, Any] | None:
    """The progress kept for ``name`` (None: the only athlete) in ``database`` (a SQLite
    file's path, or PostgreSQL's connect keywords: ``adapters.kept_reads.Database``), as its
    document (``Progress.to_doc()``'s, with the kept stamp); None whenever
    ``services.progress.progress`` would not return it as it stands."""
    from miler.adapters.kept_reads import reader_for

    opened = reader_for(database)
    return None if opened is None else _kept(*opened, name)


def _kept(reader: Callable[[], Reads], error: type[Exception],
          name: str | None) -> dict[str, Any] | None:
    from miler._version import __version__
    from miler.adapters.kept_reads import read_document
    from miler.errors import MilerError

    try:
        with reader() as db:
            athlete = db.athlete(name)
            found = None if athlete is None else db.kept(athlete, KIND)
    except (error, MilerError):  # not a miler database, locked, unreachable, a bad --athlete
        return None
    if found is None:
        return None
    version, kept_version, made_by, text = found
    if text is None or (kept_version, made_by) != (version, __version__):
        return None
    try:
        # json.loads's reading, not the repository's orjson: importing orjson loads
        # dataclasses, inspect, uuid and platform (~5 ms). Both give the same values for
        # any document json.dumps wrote; one orjson refuses the repository reads with json.
        doc = read_document(text)
    except (ValueError, RecursionError):  # not a document: the full path reports it
        return None
    return doc if isinstance(doc, dict) else None
