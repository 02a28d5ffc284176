"""Back up the whole database to a portable file, and restore it.

``.json`` gives a ``miler.backup/1`` document; ``.db``/``.sqlite``/``.sqlite3`` gives a
ready-to-use SQLite database (``miler --db FILE`` opens it). Either restores into SQLite or
PostgreSQL. Files are written whole or not at all; a restore is one transaction.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any, Final

from sqlalchemy.orm import Session

from miler.adapters.storage.repository import Store
from miler.errors import InvalidInputError

__all__ = ["SQLITE_SUFFIXES", "backup", "restore"]

SQLITE_SUFFIXES: Final = frozenset({".db", ".sqlite", ".sqlite3"})


def _kind(path: Path, field: str) -> str:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in SQLITE_SUFFIXES:
        return "sqlite"
    raise InvalidInputError(field, "must end in .json, .db, .sqlite or .sqlite3", str(path))


def _dump(store: Store) -> dict[str, Any]:
    from miler.adapters.storage.dump import dump

    with Session(store.engine) as db:
        return dump(db)


def backup(store: Store, path: Path) -> dict[str, int]:
    """Write every athlete, plan, session, activity and result to ``path``."""
    from miler.adapters.exports.atomic import write_atomic

    kind = _kind(path, "FILE")
    doc = _dump(store)
    if kind == "json":
        write_atomic(path, json.dumps(doc, indent=1).encode())
    else:
        _write_sqlite(doc, path)
    return {table: len(rows) for table, rows in doc["tables"].items()}


def _write_sqlite(doc: dict[str, Any], path: Path) -> None:
    import os

    if path.is_dir() or not path.parent.is_dir():
        from miler.errors import ExportError

        raise ExportError(str(path), "give a file name in a folder that exists")
    with tempfile.TemporaryDirectory(dir=path.parent) as scratch:
        copy = Path(scratch) / path.name
        target = Store.open(f"sqlite:///{copy}")
        _load(target, doc, replace=False)
        target.engine.dispose()
        for leftover in (Path(f"{copy}-wal"), Path(f"{copy}-shm")):
            leftover.unlink(missing_ok=True)
        os.replace(copy, path)


def _load(store: Store, doc: dict[str, Any], replace: bool) -> dict[str, int]:
    from sqlalchemy.exc import SQLAlchemyError

    from miler.adapters.storage.dump import load
    from miler.errors import StorageError

    try:
        with Session(store.engine) as db, db.begin():
            return load(db, doc, replace=replace)
    except (SQLAlchemyError, TypeError, KeyError, AttributeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        raise StorageError(f"the backup does not fit the database, nothing was changed: "
                           f"{reason}") from None


def restore(store: Store, path: Path, replace: bool = False) -> dict[str, int]:
    """Restore a backup into ``store``: all of it, or nothing."""
    if not path.is_file():
        raise InvalidInputError("FILE", "must be a backup file that exists", str(path))
    if _kind(path, "FILE") == "json":
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InvalidInputError("FILE", f"must be a JSON backup ({exc.__class__.__name__})",
                                    str(path)) from None
    else:
        source = Store.open(f"sqlite:///{path.resolve()}")
        doc = _dump(source)
        source.engine.dispose()
    return _load(store, doc, replace)
