"""Storage: SQLAlchemy 2 tables, Alembic migrations and the repository.

``open_database(url)`` returns an engine with the schema at the newest migration: a new
database is created, an older one upgraded in place. SQLite runs in WAL mode
(synchronous=NORMAL) with a busy timeout, so the CLI and the web app can use one file at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from miler.adapters.schema_head import HEAD as SCHEMA_HEAD

__all__ = ["HEAD", "MIGRATIONS", "dump_backup_file", "open_database", "revisions", "upgrade"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: The newest migration (a test checks it is Alembic's one head). A database already there
#: opens without loading Alembic: about 150 ms of every command that reads the database.
#: Kept in ``adapters.schema_head`` (bump it there), which loads nothing: the fast path of
#: ``miler progress`` checks it without this package's imports.
HEAD: Final = SCHEMA_HEAD


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # WAL's recommended level: a commit no longer waits for the disk (an fsync took 16 ms
    # of each file an import stores); a crash of miler keeps every commit, a power cut may
    # lose the last ones but never half of one, and the file is never damaged
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _json_loads(text: str | bytes) -> Any:
    """A stored document, read by orjson (about 4x the standard library on activity
    documents, which are mostly floats: the progress page reads hundreds); a document orjson
    refuses (NaN, deeper than 1024 levels) is read, or refused, as the standard library would."""
    import orjson

    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        import json

        return json.loads(text)


def _config(connection: Any) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Any, revision: str = "head") -> None:
    """Bring the database to ``revision`` (the newest by default), in one transaction."""
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(_config(connection), revision)


def open_database(url: str) -> Any:
    """An engine for ``url``, migrated to the newest schema."""
    from sqlalchemy import create_engine, event

    from miler.errors import StorageError

    db_file = Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None
    if db_file is not None:
        db_file.parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url, json_deserializer=_json_loads)
    except Exception as exc:  # bad URL, missing driver: the library's own message
        raise StorageError(f"database URL {url!r} cannot be used: {exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        if _revision(engine) != HEAD:
            upgrade(engine)
    except Exception as exc:
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(exc, SQLAlchemyError):
            raise StorageError(f"database {engine.url.render_as_string(hide_password=True)} "
                               f"cannot be opened: {exc.__class__.__name__}: "
                               f"{str(exc).splitlines()[0]}") from None
        raise
    if db_file is not None and db_file.exists():
        private(db_file)  # password hashes and GPS tracks: this user's only
    return engine


def _revision(engine: Any) -> str | None:
    """The database's schema revision; None for a new (or another program's) database."""
    from sqlalchemy import inspect, text

    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        found = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    return found[0][0] if len(found) == 1 else None


def private(path: Path) -> None:
    """Readable and writable by this user only (0600); a file we cannot change is left."""
    import contextlib

    with contextlib.suppress(OSError):
        path.chmod(0o600)


def revisions() -> list[str]:
    """Every schema revision this miler knows, newest first (the head is ``[0]``)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config(None))
    return [r.revision for r in script.walk_revisions()]


def dump_backup_file(path: Path) -> dict[str, Any]:
    """A SQLite backup's rows (``miler.backup/1``), read without changing a byte of it: the
    file is opened read-only and never migrated (one made by an older miler is brought to
    this schema in a scratch copy first). An empty file, another program's database or one
    from a newer miler is refused with one line (InvalidInputError)."""
    from sqlalchemy import create_engine
    from sqlalchemy.exc import SQLAlchemyError
    from sqlalchemy.orm import Session

    from miler.adapters.storage.dump import revision
    from miler.errors import InvalidInputError

    def refuse(rule: str) -> InvalidInputError:
        return InvalidInputError("FILE", rule, str(path))

    if path.stat().st_size == 0:
        raise refuse("must be a miler backup (this file is empty)")
    from urllib.parse import quote

    engine = create_engine(f"sqlite:///file:{quote(str(path.resolve()))}?mode=ro&uri=true")
    try:
        with Session(engine) as db:
            try:
                found = revision(db)
            except SQLAlchemyError:
                raise refuse("must be a miler backup (it is not a miler SQLite database)") \
                    from None
            if found == HEAD:
                return _dump_rows(db, refuse)
    finally:
        engine.dispose()
    known = revisions()
    if found not in known:
        raise refuse(f"must be a backup of a schema this miler knows (up to {HEAD}; it is "
                     f"{found}): restore it with the miler that made it, or back it up as .json")
    return _dump_older(path, refuse)


def _dump_older(path: Path, refuse: Any) -> dict[str, Any]:
    """An older schema's backup: copied to a scratch folder, upgraded there, read."""
    import shutil
    import tempfile

    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "backup.db"
        shutil.copyfile(path, copy)
        engine = create_engine(f"sqlite:///{copy}")
        try:
            upgrade(engine)
            with Session(engine) as db:
                return _dump_rows(db, refuse)
        finally:
            engine.dispose()


def _dump_rows(db: Any, refuse: Any) -> dict[str, Any]:
    from sqlalchemy.exc import SQLAlchemyError

    from miler.adapters.storage.dump import dump

    try:
        return dump(db)
    except RecursionError:
        raise refuse("must hold JSON documents of sane depth") from None
    except (SQLAlchemyError, ValueError) as exc:
        raise refuse(f"must be a readable miler backup ({exc.__class__.__name__})") from None
