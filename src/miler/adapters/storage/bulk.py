"""An import's transactions, one a file, on one connection (``Storage.importing``).

Issue 22: the stored import's own process spent more CPU storing its files than reading
them. A file was an ORM session and four statements (the athlete and the file's hash, the
sessions of its day, the insert, the athlete's data version), then the standard library's
JSON of its document. Here a file's transaction is plain Core on one connection kept for the
whole import, and what it reads of the athlete is read once: their id, profile, the hashes
of their stored files and their current plan's sessions (the plan itself on the first day
that can match it). A new file is then two statements: the athlete's data version renewed
only while it is still the one this import last saw or wrote (every write to an athlete's
data renews it: ``tables.AthleteRow``), and the insert. When anyone else wrote the athlete's
data in between, nothing of the transaction is kept (``ConflictError``; the caller runs it
once more, as for a file stored twice at once) and the next transaction renews the version
first, then reads everything afresh, the athlete's row locked. What stays unread is
trusted only that far: a duplicate (found in the hashes) is read from its row, and a file
the hashes miss is written under the version check.

The document is written as orjson writes it, equal as parsed JSON to what the JSON column
would write (the standard library's ``json.dumps``), several times faster.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Final, cast

from sqlalchemy import JSON, Connection, Table, Text, bindparam, insert, select, update
from sqlalchemy import cast as sql_cast

from miler.adapters.storage.repository import (
    _ACTIVITY_COLUMNS,
    _ADD_RESULT,
    _PLAN_ID,
    _SESSION_COLUMNS,
    _activity,
    _activity_row,
    _added,
    _no_athlete,
    _plan,
    _session,
)
from miler.adapters.storage.tables import (
    ActivityRow,
    AthleteRow,
    PlanRow,
    SessionRow,
    new_data_version,
)
from miler.errors import ConflictError, NotFoundError
from miler.services.ports import (
    StoredActivity,
    StoredAthlete,
    StoredPlan,
    StoredResult,
    StoredSession,
)

__all__ = ["SqlFileImport", "doc_text"]

_A: Final = cast(Table, AthleteRow.__table__)
_P: Final = cast(Table, PlanRow.__table__)
_S: Final = cast(Table, SessionRow.__table__)
_ACT: Final = cast(Table, ActivityRow.__table__)
_ATHLETE: Final = (select(_A.c.id, _A.c.data_version, _A.c.profile, _A.c.history)
                   .where(_A.c.name == bindparam("name")))
_HASHES: Final = select(_ACT.c.file_sha256).where(_ACT.c.athlete_id == bindparam("athlete"),
                                                  _ACT.c.file_sha256.is_not(None))
_PLAN_SESSIONS: Final = (select(*_SESSION_COLUMNS).where(_S.c.plan_id == bindparam("plan"))
                         .order_by(_S.c.day, _S.c.id))
_PLAN: Final = (select(_P.c.version, _P.c.reason, _P.c.inputs, _P.c.doc, _P.c.created_at)
                .where(_P.c.id == bindparam("plan")))
_OF_FILE: Final = select(*_ACTIVITY_COLUMNS).where(_ACT.c.athlete_id == bindparam("athlete"),
                                                   _ACT.c.file_sha256 == bindparam("sha"))
# the data version renewed while it is the one this import saw (0 rows: someone else wrote)
_TOUCH_IF_SEEN: Final = (update(_A).where(_A.c.id == bindparam("athlete"),
                                          _A.c.data_version == bindparam("seen"))
                         .values(data_version=bindparam("version")))
# renewed whatever it was: the athlete's row locked before everything is read afresh
_TOUCH_BY_NAME: Final = (update(_A).where(_A.c.name == bindparam("athlete_name"))
                         .values(data_version=bindparam("version")))
_SESSION_KEY: Final = (_S.c.plan_id == bindparam("plan"), _S.c.session_id == bindparam("sid"))
_INSERTED: Final = ("athlete_id", "file_sha256", "path", "day", "sport", "kind", "distance_m",
                    "elapsed_s", "moving_s", "best_mile_s", "imported_at")


def _add_activity(dialect: str) -> Any:
    """``INSERT ... RETURNING id`` of an activity whose document comes as JSON text: as it is
    on SQLite (a JSON column is text there), cast to ``json`` on PostgreSQL."""
    text = bindparam("doc", type_=Text())
    doc = sql_cast(text, JSON()) if dialect == "postgresql" else text
    return (insert(_ACT).values({**{k: bindparam(k) for k in _INSERTED}, "doc": doc})
            .returning(_ACT.c.id))


def doc_text(doc: dict[str, Any]) -> str:
    """``doc`` as JSON text, equal as parsed JSON to ``json.dumps(doc)`` (what the JSON
    column writes): by orjson, several times faster on activity documents, when what it
    writes reads back equal to ``doc`` (orjson writes NaN and infinities as null, and refuses
    keys that are not strings and integers past 64 bits; a tuple reads back as a list). Any
    other document is written by ``json.dumps`` as before."""
    import orjson

    try:
        text = orjson.dumps(doc)
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(doc)
    return text.decode() if orjson.loads(text) == doc else json.dumps(doc)


@dataclass(slots=True)
class _Seen:
    """What the import read of the athlete, current as of ``version`` (their data version
    as it read or last wrote it)."""

    athlete_id: int
    version: str
    profile: dict[str, Any]
    history: dict[str, Any]
    hashes: set[str]
    plan_id: int | None
    sessions: list[StoredSession]
    plan: StoredPlan | None = None  # read on the first day that may match it


class SqlFileImport:
    """The ``FileTransactions`` port for athlete ``name`` on ``connection``: the athlete is
    read at once (``NotFoundError`` when unknown)."""

    def __init__(self, connection: Connection, name: str) -> None:
        self.name = name
        self._db = connection
        self._add = _add_activity(connection.dialect.name)
        with connection.begin():
            self._seen: _Seen | None = self._read(None)

    def _read(self, version: str | None) -> _Seen:
        """The athlete as stored. With ``version``, their data version is first renewed to
        it, so that no one else writes their data until this transaction ends; without, it
        is read first, so that a write of anyone else's from then on shows as a change."""
        if version is not None and not self._db.execute(
                _TOUCH_BY_NAME, {"athlete_name": self.name, "version": version}).rowcount:
            raise _no_athlete(self.name)
        found = self._db.execute(_ATHLETE, {"name": self.name}).first()
        if found is None:
            raise _no_athlete(self.name)
        athlete_id = found[0]
        hashes = set(self._db.execute(_HASHES, {"athlete": athlete_id}).scalars())
        plan_id = self._db.execute(_PLAN_ID, {"athlete": athlete_id}).scalar()
        rows: Any = [] if plan_id is None else self._db.execute(_PLAN_SESSIONS,
                                                                {"plan": plan_id})
        sessions = [_session(r) for r in rows]
        return _Seen(athlete_id, found[1], dict(found[2]), dict(found[3]), hashes, plan_id,
                     sessions)

    @contextmanager
    def transaction(self) -> Iterator[_FileRepository]:
        from sqlalchemy.exc import IntegrityError

        try:
            with self._db.begin():
                seen = self._seen
                touched = None
                if seen is None:  # someone else wrote: read afresh, their row locked
                    touched = new_data_version()
                    seen = self._read(touched)
                repo = _FileRepository(self, seen, self._add, touched)
                yield repo
        except IntegrityError as exc:  # rolled back by now: nothing of it was kept
            self._seen = None
            raise ConflictError(f"the database refused a duplicate: "
                                f"{str(exc.orig).splitlines()[0]}") from exc
        except ConflictError:
            self._seen = None
            raise
        self._seen = repo.kept()


@dataclass(slots=True)
class _FileRepository:
    """One file's transaction (the ``FileRepository`` port): reads from what the import has
    seen, writes under its version check; what it wrote joins the seen once committed."""

    files: SqlFileImport
    seen: _Seen
    add: Any  # the activity's INSERT, for this dialect
    touched: str | None  # the data version this transaction wrote, once it wrote one
    hashes: set[str] = field(default_factory=set)
    marked: dict[str, StoredSession] = field(default_factory=dict)

    def _athlete(self, name: str) -> _Seen:
        if name != self.files.name:
            raise NotFoundError(f"this import stores {self.files.name}'s runs, not {name}'s")
        return self.seen

    def _touch(self) -> None:
        """The athlete's data version renewed, once a transaction, while it is still the
        one this import saw: else ``ConflictError`` (rolled back, read afresh next time)."""
        if self.touched is None:
            version = new_data_version()
            if not self.files._db.execute(_TOUCH_IF_SEEN, {
                    "athlete": self.seen.athlete_id, "seen": self.seen.version,
                    "version": version}).rowcount:
                raise ConflictError(f"{self.files.name}'s data changed while the import "
                                    f"stored a file")
            self.touched = version

    def kept(self) -> _Seen:
        """What the import has seen once this transaction is committed."""
        seen = self.seen
        if self.touched is not None:
            seen.version = self.touched
        seen.hashes |= self.hashes
        if self.marked:
            seen.sessions = [self.marked.get(s.session_id, s) for s in seen.sessions]
        return seen

    def athlete(self, name: str) -> StoredAthlete:
        seen = self._athlete(name)
        return StoredAthlete(name, dict(seen.profile), dict(seen.history))

    def current_plan(self, name: str) -> StoredPlan | None:
        seen = self._athlete(name)
        if seen.plan is None and seen.plan_id is not None:
            row: Any = self.files._db.execute(_PLAN, {"plan": seen.plan_id}).first()
            seen.plan = None if row is None else _plan(row)
        return seen.plan

    def sessions(self, name: str, start: date | None = None,
                 end: date | None = None) -> list[StoredSession]:
        first, last = start or date.min, end or date.max
        return [self.marked.get(s.session_id, s) for s in self._athlete(name).sessions
                if first <= s.day <= last]

    def mark_session(self, name: str, session_id: str, status: str,
                     activity_id: int | None = None,
                     note: str | None = None) -> StoredSession:
        seen = self._athlete(name)
        found = next((self.marked.get(s.session_id, s) for s in seen.sessions
                      if s.session_id == session_id), None)
        if found is None:
            raise NotFoundError(f"no session {session_id!r} in {name}'s current plan")
        self._touch()
        values: dict[str, Any] = {"status": status}
        if activity_id is not None:
            values["activity_id"] = activity_id
        if note is not None:
            values["note"] = note
        self.files._db.execute(update(_S).where(*_SESSION_KEY).values(values),
                               {"plan": seen.plan_id, "sid": session_id})
        marked = replace(found, **values)
        self.marked[session_id] = marked
        return marked

    def activity_of_file(self, name: str, sha256: str) -> StoredActivity | None:
        seen = self._athlete(name)
        if sha256 not in seen.hashes and sha256 not in self.hashes:
            return None
        row = self.files._db.execute(_OF_FILE, {"athlete": seen.athlete_id,
                                                "sha": sha256}).first()
        return None if row is None else _activity(row)

    def known_files(self, name: str) -> frozenset[str]:
        return frozenset(self._athlete(name).hashes | self.hashes)

    def add_activity(self, name: str, *, day: date, doc: dict[str, Any], now: datetime,
                     sha256: str | None = None, path: str | None = None,
                     kind: str | None = None) -> StoredActivity:
        seen = self._athlete(name)
        self._touch()
        row = {**_activity_row(seen.athlete_id, day, doc, now, sha256, path, kind),
               "doc": doc_text(doc)}
        new_id = self.files._db.execute(self.add, row).scalar_one()
        if sha256 is not None:
            self.hashes.add(sha256)
        return _added(new_id, row, doc)

    def add_result(self, name: str, day: date, kind: str, distance_m: float, time_s: float,
                   activity_id: int | None = None) -> StoredResult:
        seen = self._athlete(name)
        self._touch()
        self.files._db.execute(_ADD_RESULT, {
            "athlete_id": seen.athlete_id, "day": day, "kind": kind,
            "distance_m": distance_m, "time_s": time_s, "activity_id": activity_id})
        return StoredResult(day, kind, distance_m, time_s)
