"""Back up the whole database, web accounts included, to a portable file, and restore it.

``.json`` gives a ``miler.backup/1`` document; ``.db``/``.sqlite``/``.sqlite3`` gives a
ready-to-use SQLite database (``miler --db FILE`` opens it). Either restores into SQLite or
PostgreSQL. Files are written whole or not at all. A restore reads the backup without
changing it (a SQLite one read-only, never migrated), checks every row
(``backup_check``), then loads it in one transaction (the storage layer's ``load``): a
refused backup leaves the database as it was.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Final

from miler.errors import ExportError, InvalidInputError
from miler.services.backup_check import MAX_DEPTH, check
from miler.services.ports import Storage, open_storage

__all__ = ["SQLITE_SUFFIXES", "backup", "restore"]

SQLITE_SUFFIXES: Final = frozenset({".db", ".sqlite", ".sqlite3"})


def _kind(path: Path, field: str) -> str:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in SQLITE_SUFFIXES:
        return "sqlite"
    raise InvalidInputError(field, "must end in .json, .db, .sqlite or .sqlite3", str(path))


def backup(store: Storage, path: Path) -> dict[str, int]:
    """Write every athlete, plan, session, activity and result to ``path``."""
    from miler.adapters.exports.atomic import write_atomic

    kind = _kind(path, "FILE")
    doc = store.dump()
    if kind == "json":
        write_atomic(path, json.dumps(doc, indent=1).encode())
    else:
        _write_sqlite(doc, path)
    return {table: len(rows) for table, rows in doc["tables"].items()}


def _write_sqlite(doc: dict[str, Any], path: Path) -> None:
    if path.is_dir() or not path.parent.is_dir():
        raise ExportError(str(path), "give a file name in a folder that exists")
    with tempfile.TemporaryDirectory(dir=path.parent) as scratch:
        copy = Path(scratch) / path.name
        target = open_storage(f"sqlite:///{copy}")
        try:
            target.load(doc, replace=False)
        finally:
            target.close()
        for leftover in (Path(f"{copy}-wal"), Path(f"{copy}-shm")):
            leftover.unlink(missing_ok=True)
        os.replace(copy, path)


def restore(store: Storage, path: Path, replace: bool = False,
            data_dir: Path | None = None) -> dict[str, int]:
    """Restore a backup into ``store``: all of it, or nothing. The backup is read and every
    row checked first (``check``); a refused backup leaves the database untouched."""
    if not path.is_file():
        raise InvalidInputError("FILE", "must be a backup file that exists", str(path))
    doc = _read_json(path) if _kind(path, "FILE") == "json" else _read_sqlite(path)
    if data_dir is None:
        from miler.config import settings

        data_dir = settings().data_dir
    check(doc, data_dir)
    return store.load(doc, replace)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInputError("FILE", f"must be a JSON backup ({exc.__class__.__name__})",
                                str(path)) from None
    except RecursionError:
        raise InvalidInputError("FILE", f"must be a JSON backup nested at most {MAX_DEPTH} "
                                "deep", str(path)) from None


def _read_sqlite(path: Path) -> dict[str, Any]:
    from miler.adapters.storage import dump_backup_file

    return dump_backup_file(path)
