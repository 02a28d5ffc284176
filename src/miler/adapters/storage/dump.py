"""The whole database as one portable JSON document (``miler.backup/1``), and back.

Dates are ISO strings and every row keeps its own fields, so a backup taken from PostgreSQL
restores into SQLite and the other way round. The web accounts (users with their password
hashes, and which athletes each coach looks after) are part of it. ``revision`` is the
schema (Alembic revision) the rows were read from. Restoring is one transaction: on any
error the database is left exactly as it was.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import delete, func, inspect, select
from sqlalchemy.orm import Session

from miler.adapters.storage.accounts import CoachLinkRow, UserRow
from miler.adapters.storage.tables import (
    ActivityRow,
    AthleteRow,
    Base,
    PlanRow,
    ResultRow,
    SessionRow,
)
from miler.domain.units import GPS_EPOCH
from miler.errors import InvalidInputError

__all__ = ["SCHEMA", "TABLES", "dump", "keyed_by_id", "load", "revision"]

SCHEMA: Final = "miler.backup/1"
# parents before children: the order rows are restored in (and deleted in reverse)
_TABLES: Final[tuple[type[Base], ...]] = (AthleteRow, UserRow, CoachLinkRow, PlanRow,
                                          ActivityRow, SessionRow, ResultRow)
TABLES: Final = tuple(t.__tablename__ for t in _TABLES)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _row(row: Base) -> dict[str, Any]:
    return {c.key: _plain(getattr(row, c.key)) for c in inspect(type(row)).column_attrs}


def revision(db: Session) -> str | None:
    """The Alembic revision of the database (None when it has none: not a miler one)."""
    from sqlalchemy import text

    found = db.scalar(text("SELECT version_num FROM alembic_version"))
    return None if found is None else str(found)


def dump(db: Session) -> dict[str, Any]:
    """Every row of every table."""
    return {"schema": SCHEMA, "revision": revision(db),
            "tables": {t.__tablename__: [_row(r) for r in db.scalars(
                select(t).order_by(*inspect(t).primary_key))] for t in _TABLES}}


_LAST_DAY: Final = date(2099, 12, 31)  # as far as any activity may start


def _typed(table: type[Base], values: dict[str, Any]) -> dict[str, Any]:
    columns = {c.key: c.columns[0].type.python_type for c in inspect(table).column_attrs
               if c.key in values}
    out = {}
    for key, kind in columns.items():
        value = values[key]
        try:
            if value is not None and kind is date:
                value = date.fromisoformat(value)
            elif value is not None and kind is datetime:
                value = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            raise InvalidInputError(f"backup {table.__tablename__}.{key}",
                                    "must be an ISO 8601 date", value) from None
        day = value.date() if isinstance(value, datetime) else value
        if isinstance(day, date) and not GPS_EPOCH <= day <= _LAST_DAY:
            # a restored 0001-01-01 or 9999-12-31 would overflow the first date arithmetic
            raise InvalidInputError(f"backup {table.__tablename__}.{key}",
                                    f"must be from {GPS_EPOCH} to {_LAST_DAY}", str(values[key]))
        out[key] = value
    return out


def load(db: Session, doc: dict[str, Any], replace: bool = False) -> dict[str, int]:
    """Restore ``doc`` into the database; with ``replace``, what was there goes first."""
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
        raise InvalidInputError("backup", f"must be a {SCHEMA} document",
                                doc.get("schema") if isinstance(doc, dict) else type(doc).__name__)
    existing = db.scalar(select(func.count()).select_from(AthleteRow)) or 0
    if existing and not replace:
        raise InvalidInputError(
            "restore", "needs an empty database, or --replace to overwrite this one "
            f"({existing} athletes)", "FILE")
    for table in reversed(_TABLES):
        db.execute(delete(table))
    counts = {}
    for table in _TABLES:
        rows = doc["tables"].get(table.__tablename__, [])
        if table is AthleteRow:
            rows = keyed_by_id(rows)
        db.add_all(table(**_typed(table, row)) for row in rows)
        db.flush()
        counts[table.__tablename__] = len(rows)
    _reset_sequences(db)
    return counts


def keyed_by_id(athletes: list[Any]) -> list[Any]:
    """Athlete rows keyed by their ids: a name stored before ids were slugs ("Ada") becomes
    an id ("ada": ``domain.names.ids_for``), and the display name unless one is kept."""
    from miler.domain.names import ids_for

    def name(row: Any) -> Any:
        return row.get("name") if isinstance(row, dict) else None

    new = ids_for([n for n in map(name, athletes) if isinstance(n, str)])
    out = []
    for row in athletes:
        old = name(row)
        if isinstance(old, str) and old in new:
            profile = row.get("profile")
            if isinstance(profile, dict):
                profile = {"display_name": old.strip(), **profile}
            row = {**row, "name": new[old], "profile": profile}
        out.append(row)
    return out


def _reset_sequences(db: Session) -> None:
    """PostgreSQL keeps serial counters apart from the rows: move them past the restored ids."""
    if db.get_bind().dialect.name != "postgresql":
        return
    from sqlalchemy import text

    for table in _TABLES:
        name = table.__tablename__
        if "id" not in table.__table__.c:
            continue
        db.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"))
