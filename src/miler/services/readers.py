"""Readers started early: an import reads its files in worker processes that come from a
fork server (``adapters.files.walk``). A shell starts that server first, so that it loads
while the shell loads the rest (the stored import's database layer, the renderers) instead
of after. Kept apart from the import's own modules so that calling it costs nothing to load.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

__all__ = ["WORKER_IMPORTS", "start_readers", "stored_files"]

#: What each import's workers need beyond the module of the function they run (it loads
#: them in that function, so that its shells start light): the fork server loads them once,
#: and no worker loads them again.
WORKER_IMPORTS: Final[dict[str, tuple[str, ...]]] = {
    "miler.services.training": ("miler.services.analysis", "miler.domain.profile",
                                "miler.domain.fitness_efforts", "miler.services.history"),
    "miler.services.history": ("miler.domain.efforts", "miler.domain.fitness_efforts"),
}

#: Fewer paths than this, none a folder or a zip: too few files for workers (walk.read_all
#: reads fewer than 16 in the calling process), so nothing is started.
_MANY: Final = 16


def start_readers(paths: Sequence[Path], *, stored: bool) -> None:
    """Start the workers' fork server for an import of ``paths`` (``stored``: ``miler
    import``; else the dry run) when they may hold enough files to be read in workers."""
    many = len(paths) >= _MANY or any(
        p.is_dir() or p.suffix.lower() == ".zip" for p in paths)
    if not many:
        return
    from miler.adapters.files.walk import start_readers as start

    module = "miler.services.training" if stored else "miler.services.history"
    start(module, WORKER_IMPORTS[module])


def stored_files(db: str | None, name: str | None) -> frozenset[str] | None:
    """The SHA-256 of every file stored for the athlete ``name`` (None: the only one) in the
    database ``--db`` names, when it is a SQLite file at the schema's head, read with
    ``sqlite3`` alone (``adapters.kept_sqlite``) before the database layer loads: a stored
    import's workers then skip them from their first batch. None in any other case (the
    import finds them itself once the database is open, and reports any error);
    PostgreSQL's driver would cost its import before the workers start."""
    import os

    from miler.locations import fast_database

    database = fast_database(db, os.environ)
    if not isinstance(database, str):
        return None
    from miler.adapters.kept_sqlite import Error, KeptReader
    from miler.errors import MilerError

    try:
        with KeptReader(database) as reader:
            athlete = reader.athlete(name)
            return None if athlete is None else frozenset(reader.known_files(athlete))
    except (Error, MilerError):  # no file yet, another program's, a bad or unknown --athlete
        return None
