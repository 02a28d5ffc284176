"""What both readers of the fast paths share (``adapters/kept_sqlite.py``,
``adapters/kept_postgres.py``; ``miler progress``, ``miler today``): the statements, where
``?`` marks a parameter and a document comes back as the JSON text it was stored as, and
that text's reading
(:func:`read_document`: ``json.loads``'s own C scanner with its settings, without the
``json`` package's regular expressions and encoder, 5 M instructions; anything the scanner
does not take whole falls back to ``json.loads``). Loads nothing."""

from __future__ import annotations

__all__ = ["ACTIVITIES", "ACTIVITIES_BARE", "ATHLETE_ID", "CURRENT_PLAN", "KEPT", "KNOWN_FILES",
           "NAMES", "REVISION", "SESSIONS", "Database", "Reads", "read_document", "reader_for"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is a few ms of a fast start; mypy reads this branch
    from collections.abc import Callable, Mapping
    from datetime import date
    from typing import Any, Self

    #: A database the fast paths read: a SQLite file's path, or the keywords psycopg
    #: connects to a PostgreSQL database with (``locations.postgres_args``).
    Database = str | Mapping[str, str | int]

#: The schema's Alembic revision(s).
REVISION = "SELECT version_num FROM alembic_version"
#: Every athlete's name, in the repository's order.
NAMES = "SELECT name FROM athletes ORDER BY name"
#: An athlete's data version, and their kept summary of a kind: the data version it was made
#: at, the miler that made it, its document's text (parameters: the kind, the name).
KEPT = ("SELECT a.data_version, k.data_version, k.made_by, CAST(k.doc AS TEXT) "
        "FROM athletes AS a "
        "LEFT JOIN kept_summaries AS k ON k.athlete_id = a.id AND k.kind = ? "
        "WHERE a.name = ?")
#: The SHA-256 of every file stored for an athlete (parameter: the name).
KNOWN_FILES = ("SELECT f.file_sha256 FROM activities AS f "
               "JOIN athletes AS a ON a.id = f.athlete_id "
               "WHERE a.name = ? AND f.file_sha256 IS NOT NULL")

#: An athlete's id (parameter: the name).
ATHLETE_ID = "SELECT id FROM athletes WHERE name = ?"
#: An athlete's current plan, the newest version: version, reason, inputs and document as
#: their JSON text, created_at (parameter: the athlete's id).
CURRENT_PLAN = ("SELECT version, reason, CAST(inputs AS TEXT), CAST(doc AS TEXT), created_at "
                "FROM plans WHERE athlete_id = ? ORDER BY version DESC LIMIT 1")
#: The current plan's sessions from one day to another, both included, by day, as the
#: repository orders them (parameters: the athlete's id, the first and the last day).
SESSIONS = ("SELECT session_id, day, kind, intensity, title, planned_distance_m, status, "
            "activity_id, note FROM sessions "
            "WHERE plan_id = (SELECT id FROM plans WHERE athlete_id = ? "
            "ORDER BY version DESC LIMIT 1) AND day >= ? AND day <= ? "
            "ORDER BY day, id")
_ACTIVITIES = ("SELECT id, day, sport, kind, distance_m, elapsed_s, moving_s, best_mile_s, "
               "path, {doc}, file_sha256 FROM activities "
               "WHERE athlete_id = ? AND day >= ? ORDER BY day, id")
#: An athlete's activities from a day on, by day, with their document's JSON text
#: (parameters: the athlete's id, the first day).
ACTIVITIES = _ACTIVITIES.format(doc="CAST(doc AS TEXT)")
#: :data:`ACTIVITIES` without the documents (NULL in their place): the columns alone.
ACTIVITIES_BARE = _ACTIVITIES.format(doc="NULL")


class Reads:
    """The reads of both readers, on their own ``_rows`` (one of these statements and its
    parameters: every row) and ``_day`` (a day as their database takes it). A context
    manager: the reader's connection ``_db``, in one read-only transaction, is closed at
    its end (nothing to keep)."""

    _db: Any

    def _rows(self, statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _day(self, day: date) -> Any:
        return day

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: Any) -> None:
        self._db.close()

    def revision(self) -> str | None:
        """The schema's Alembic revision; None unless there is exactly one."""
        found = self._rows(REVISION)
        return found[0][0] if len(found) == 1 else None

    def names(self) -> list[str]:
        """Every athlete's name, in the repository's order."""
        return [row[0] for row in self._rows(NAMES)]

    def athlete(self, name: str | None) -> str | None:
        """The athlete ``--athlete name`` names (None: the only one), as the repository's
        ``the_athlete_in`` reads it; None when the schema is not this miler's (the full
        path migrates it first). ``MilerError`` for a bad or ambiguous name."""
        from miler.adapters.schema_head import HEAD
        from miler.domain.names import athlete_among

        return athlete_among(self.names(), name) if self.revision() == HEAD else None

    def kept(self, name: str, kind: str) -> tuple[str, str | None, str | None, str | None] | None:
        """``name``'s data version, and their kept summary of ``kind``: the data version it
        was made at, the miler that made it, its document as JSON text (Nones when none is
        kept); None when there is no athlete ``name``."""
        rows = self._rows(KEPT, (kind, name))
        return (rows[0][0], rows[0][1], rows[0][2], rows[0][3]) if rows else None

    def known_files(self, name: str) -> list[str]:
        """The SHA-256 of every file stored for ``name``."""
        return [row[0] for row in self._rows(KNOWN_FILES, (name,))]

    def athlete_id(self, name: str) -> int | None:
        """The id of the athlete ``name``; None when there is none."""
        rows = self._rows(ATHLETE_ID, (name,))
        return int(rows[0][0]) if rows else None

    def current_plan(self, athlete: int) -> tuple[Any, ...] | None:
        """The athlete's newest plan version's row (:data:`CURRENT_PLAN`)."""
        rows = self._rows(CURRENT_PLAN, (athlete,))
        return tuple(rows[0]) if rows else None

    def sessions(self, athlete: int, start: date, end: date) -> list[tuple[Any, ...]]:
        """The current plan's sessions' rows from ``start`` to ``end`` (:data:`SESSIONS`)."""
        return self._rows(SESSIONS, (athlete, self._day(start), self._day(end)))

    def activities(self, athlete: int, since: date, docs: bool) -> list[tuple[Any, ...]]:
        """The athlete's activities' rows from ``since`` on (:data:`ACTIVITIES`; the
        documents NULL without ``docs``)."""
        return self._rows(ACTIVITIES if docs else ACTIVITIES_BARE, (athlete, self._day(since)))


def reader_for(database: Database) -> tuple[Callable[[], Reads], type[Exception]] | None:
    """How to open ``database``, read-only: a reader's maker (``adapters.kept_sqlite`` for a
    path, ``adapters.kept_postgres`` for keywords) and the error its reads raise; None
    without psycopg installed (the full path says what is missing)."""
    if isinstance(database, str):
        from miler.adapters.kept_sqlite import Error, KeptReader

        return (lambda: KeptReader(database)), Error
    try:
        from miler.adapters.kept_postgres import Error as PostgresError
        from miler.adapters.kept_postgres import KeptReader as PostgresReader
    except ImportError:
        return None
    return (lambda: PostgresReader(database)), PostgresError


class _Scanning:
    """The settings ``json.loads`` gives its C scanner (``json.decoder.JSONDecoder``'s)."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = {"-Infinity": float("-inf"), "Infinity": float("inf"),
                      "NaN": float("nan")}.__getitem__


def read_document(text: str) -> Any:
    """``json.loads(text)``: the same value, or the same error. A document the C scanner
    reads whole from its first character is taken from it; anything else (whitespace
    around it, an error, another Python's scanner) is read, or refused, by ``json.loads``."""
    try:
        from _json import make_scanner

        value, end = make_scanner(_Scanning())(text, 0)  # type: ignore[arg-type]
        if end == len(text):
            return value
    except Exception:  # json.loads below reads it, or says what is wrong
        pass
    import json

    return json.loads(text)
