"""The SQLAlchemy implementation of the ``Repository`` port (``services.ports``).

Rows never leave this module: every method returns the port's frozen records, so services
and the shells never touch SQLAlchemy. One :meth:`Store.transaction` is one unit of work: it
commits when the block ends and rolls back everything if it raises.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Final, cast

from sqlalchemy import (
    Connection,
    Table,
    and_,
    bindparam,
    func,
    insert,
    literal,
    literal_column,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session, aliased

from miler.adapters.storage.tables import (
    ActivityRow,
    AthleteRow,
    KeptSummaryRow,
    PlanRow,
    ResultRow,
    SessionRow,
    new_data_version,
)
from miler.errors import ConflictError, InvalidInputError, NotFoundError, StorageError
from miler.services.ports import (
    AthleteVersion,
    AthleteWeek,
    KeptState,
    KeptSummary,
    RunsAdded,
    StoredActivity,
    StoredAthlete,
    StoredPlan,
    StoredResult,
    StoredSession,
)

if TYPE_CHECKING:
    from miler.adapters.storage.accounts import SqlAccounts
    from miler.adapters.storage.bulk import SqlFileImport

__all__ = ["SqlRepository", "Store", "StoredActivity", "StoredAthlete", "StoredPlan",
           "StoredResult", "StoredSession"]


def _athlete(row: AthleteRow) -> StoredAthlete:
    return StoredAthlete(row.name, dict(row.profile), dict(row.history))


def _utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes, PostgreSQL aware ones: both become aware UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _plan(row: PlanRow) -> StoredPlan:
    return StoredPlan(row.version, row.reason, dict(row.inputs), dict(row.doc),
                      _utc(row.created_at))


def _session(row: SessionRow) -> StoredSession:
    return StoredSession(row.session_id, row.day, row.kind, row.intensity, row.title,
                         row.planned_distance_m, row.status, row.activity_id, row.note)



def _activity_row(athlete: int, day: date, doc: dict[str, Any], now: datetime,
                  sha256: str | None, path: str | None, kind: str | None) -> dict[str, Any]:
    """A new activity's columns but its document: where it came from, and what the document
    says of it (sport, distance, times, the best mile)."""
    best = doc.get("best_efforts", {}).get("mile")
    return {"athlete_id": athlete, "file_sha256": sha256, "path": path, "day": day,
            "sport": doc["sport"], "kind": kind, "distance_m": doc["distance_m"],
            "elapsed_s": doc.get("elapsed_s"), "moving_s": doc.get("moving_s"),
            "best_mile_s": best["elapsed_s"] if best else None, "imported_at": now}


def _added(new_id: int, row: dict[str, Any], doc: dict[str, Any]) -> StoredActivity:
    """The activity just inserted as ``row`` (:func:`_activity_row`) with id ``new_id``."""
    return StoredActivity(new_id, row["day"], row["sport"], row["kind"], row["distance_m"],
                          row["elapsed_s"], row["moving_s"], row["best_mile_s"], row["path"],
                          dict(doc), row["file_sha256"])

def _activity(row: Any) -> StoredActivity:
    """An activity from its row, or from a result row of the same columns."""
    return StoredActivity(row.id, row.day, row.sport, row.kind, row.distance_m, row.elapsed_s,
                          row.moving_s, row.best_mile_s, row.path, dict(row.doc),
                          row.file_sha256)


# built once: a statement's cache key is then free (every kept page asks it first)
_VERSION: Final = (select(AthleteRow.data_version, AthleteRow.profile)
                   .where(AthleteRow.name == bindparam("name")))


# The statements a stored file runs, built once and plain Core on the tables (issue 22:
# building a statement, and the ORM's work around it, cost more than running it; an import
# stores hundreds of files, each in its own transaction). Reads go through ``_rows_of``, which
# flushes the unit of work first, as the ORM's autoflush would.
_A: Final = cast(Table, AthleteRow.__table__)
_P: Final = cast(Table, PlanRow.__table__)
_S: Final = cast(Table, SessionRow.__table__)
_ACT: Final = cast(Table, ActivityRow.__table__)
_ATHLETE_ID: Final = select(_A.c.id).where(_A.c.name == bindparam("name"))
_PLAN_ID: Final = (select(_P.c.id).where(_P.c.athlete_id == bindparam("athlete"))
                   .order_by(_P.c.version.desc()).limit(1))
_SESSION_COLUMNS: Final = [_S.c[k] for k in (
    "session_id", "day", "kind", "intensity", "title", "planned_distance_m", "status",
    "activity_id", "note")]
# the current plan's sessions in one statement: the plan by a subquery, never read whole
_SESSIONS: Final = (select(*_SESSION_COLUMNS)
                    .where(_S.c.plan_id == _PLAN_ID.scalar_subquery())
                    .order_by(_S.c.day, _S.c.id))
_SESSIONS_BETWEEN: Final = _SESSIONS.where(_S.c.day >= bindparam("start"),
                                           _S.c.day <= bindparam("end"))
_ACTIVITY_COLUMNS: Final = [_ACT.c[k] for k in (
    "id", "day", "sport", "kind", "distance_m", "elapsed_s", "moving_s", "best_mile_s", "path",
    "doc", "file_sha256")]
# the athlete and the activity stored from a file in one statement (none: no such activity)
_OF_FILE: Final = (
    select(_A.c.id.label("athlete_id"), *_ACTIVITY_COLUMNS)
    .select_from(_A.outerjoin(_ACT, (_ACT.c.athlete_id == _A.c.id)
                              & (_ACT.c.file_sha256 == bindparam("sha"))))
    .where(_A.c.name == bindparam("name")))
_TOUCH: Final = (update(_A).where(_A.c.id == bindparam("athlete"))
                 .values(data_version=bindparam("version")))
_ADD_ACTIVITY: Final = insert(_ACT).returning(_ACT.c.id)
_RES: Final = cast(Table, ResultRow.__table__)
_ADD_RESULT: Final = insert(_RES)
_KEPT: Final = cast(Table, KeptSummaryRow.__table__)


def _of_athlete(table: Table, aggregate: Any) -> Any:
    """``aggregate(table.c.id)`` over the outer athlete's rows of ``table``."""
    return (select(aggregate(table.c.id)).where(table.c.athlete_id == _A.c.id)
            .scalar_subquery())


# What a view of a kept summary asks first, in one statement (issue 22: three before, each
# a round trip on PostgreSQL): the data version and profile, the kept row, the runs stamp,
# the current plan's version.
_KEPT_STATE: Final = (
    select(_A.c.id, _A.c.data_version, _A.c.profile, _KEPT.c.data_version, _KEPT.c.made_by,
           _KEPT.c.doc, *(_of_athlete(table, aggregate) for table in (_ACT, _RES)
                         for aggregate in (func.count, func.max)),
           select(func.max(_P.c.version)).where(_P.c.athlete_id == _A.c.id)
           .scalar_subquery())
    .select_from(_A.outerjoin(_KEPT, (_KEPT.c.athlete_id == _A.c.id)
                              & (_KEPT.c.kind == bindparam("kind"))))
    .where(_A.c.name == bindparam("name")))
# the activities and results stored between two runs stamps (ids only ever grow)
_ADDED_ACTIVITIES: Final = (
    select(*(literal_column("NULL") if c.name == "doc" else c for c in _ACTIVITY_COLUMNS))
    .where(_ACT.c.athlete_id == bindparam("athlete"), _ACT.c.id > bindparam("after"),
           _ACT.c.id <= bindparam("upto"))
    .order_by(_ACT.c.day, _ACT.c.id))
_ADDED_RESULTS: Final = (
    select(_RES.c.day)
    .where(_RES.c.athlete_id == bindparam("athlete"), _RES.c.id > bindparam("after"),
           _RES.c.id <= bindparam("upto"))
    .order_by(_RES.c.day, _RES.c.id))


def _stamp(runs: int, last_run: int | None, results: int, last_result: int | None) -> str:
    """A runs stamp: the counts and newest ids of the activities and the results."""
    return f"{runs}.{last_run or 0}.{results}.{last_result or 0}"


def _unstamp(stamp: str) -> tuple[int, int, int, int] | None:
    parts = stamp.split(".")
    if len(parts) != 4 or not all(p.isascii() and p.isdigit() for p in parts):
        return None
    runs, last_run, results, last_result = (int(p) for p in parts)
    return runs, last_run, results, last_result


def _no_athlete(name: str) -> NotFoundError:
    return NotFoundError.athlete(name)


def _version_of(db: Session | Connection, name: str) -> AthleteVersion | None:
    found = db.execute(_VERSION, {"name": name}).first()
    return None if found is None else AthleteVersion(found[0], dict(found[1]))


class SqlRepository:
    """Reads and writes inside one transaction (the ``Repository`` port)."""

    def __init__(self, session: Session) -> None:
        self._db = session
        # an athlete's row, found once a transaction: a stored file asked for it four times
        self._rows: dict[str, AthleteRow] = {}
        self._ids: dict[str, int] = {}  # an athlete's id, when the row itself is not needed
        self._touched: set[int] = set()  # athletes whose data version this one renewed

    @property
    def accounts(self) -> SqlAccounts:
        """Web accounts (coach mode), in this same transaction."""
        from miler.adapters.storage.accounts import SqlAccounts

        return SqlAccounts(self._db)

    # athletes
    def _athlete_row(self, name: str) -> AthleteRow:
        row = self._rows.get(name)
        if row is not None:
            return row
        row = self._db.scalar(select(AthleteRow).where(AthleteRow.name == name))
        if row is None:
            raise _no_athlete(name)
        self._rows[name] = row
        return row

    def _athlete_id(self, name: str) -> int:
        """The athlete's id (one small read a transaction; their row when it is loaded)."""
        found = self._ids.get(name)
        if found is None:
            row = self._rows.get(name)
            found = row.id if row is not None else self._rows_of(
                _ATHLETE_ID, {"name": name}).scalar()
            if found is None:
                raise _no_athlete(name)
            self._ids[name] = found
        return found

    def _rows_of(self, statement: Any, params: dict[str, Any]) -> Any:
        """A plain Core read, after the unit of work is flushed (what the ORM's autoflush
        does before its own reads)."""
        self._db.flush()
        return self._db.execute(statement, params)

    def add_athlete(self, name: str, profile: dict[str, Any], now: datetime) -> StoredAthlete:
        if self._db.scalar(select(AthleteRow.id).where(AthleteRow.name == name)) is not None:
            raise InvalidInputError("name", "must be new: an athlete of that name exists", name)
        row = AthleteRow(name=name, profile=profile, history={}, created_at=now)
        self._db.add(row)
        self._db.flush()
        return _athlete(row)

    def update_athlete(self, name: str, *, profile: dict[str, Any] | None = None,
                       history: dict[str, Any] | None = None) -> StoredAthlete:
        row = self._athlete_row(name)
        self._touch(row.id)
        if profile is not None:
            row.profile = profile
        if history is not None:
            row.history = history
        return _athlete(row)

    def athlete(self, name: str) -> StoredAthlete:
        return _athlete(self._athlete_row(name))

    def data_version(self, name: str) -> AthleteVersion:
        """The token of the athlete's data as it stands, with the profile (one small read)."""
        found = _version_of(self._db, name)
        if found is None:
            raise _no_athlete(name)
        return found

    def versions(self, names: Sequence[str]) -> list[tuple[str, AthleteVersion]]:
        found = {name: AthleteVersion(version, dict(profile))
                 for name, version, profile in self._db.execute(
                     select(AthleteRow.name, AthleteRow.data_version, AthleteRow.profile)
                     .where(self._among(AthleteRow.name, set(names))))}
        return [(name, found[name]) for name in dict.fromkeys(names) if name in found]

    def kept_summary(self, name: str, kind: str) -> KeptSummary | None:
        found = self._db.execute(
            select(KeptSummaryRow.data_version, KeptSummaryRow.made_by, KeptSummaryRow.doc)
            .join(AthleteRow, AthleteRow.id == KeptSummaryRow.athlete_id)
            .where(AthleteRow.name == name, KeptSummaryRow.kind == kind)).first()
        return None if found is None else KeptSummary(found[0], found[1], dict(found[2]))

    def kept_state(self, name: str, kind: str) -> KeptState:
        found = self._rows_of(_KEPT_STATE, {"name": name, "kind": kind}).first()
        if found is None:
            raise _no_athlete(name)
        self._ids[name] = found[0]
        kept = None if found[3] is None else KeptSummary(found[3], found[4], dict(found[5]))
        return KeptState(AthleteVersion(found[1], dict(found[2])), kept, _stamp(*found[6:10]),
                         found[10])

    def keep_summary(self, name: str, kind: str, summary: KeptSummary) -> bool:
        # one statement (a round trip on PostgreSQL): the row comes from the athlete's own
        # only while their data version is the summary's, and replaces the kept one; an
        # upsert, so two processes keeping the same summary at once both succeed
        table = KeptSummaryRow.__table__
        values = (AthleteRow.id, literal(kind, table.c.kind.type),
                  literal(summary.data_version, table.c.data_version.type),
                  literal(summary.made_by, table.c.made_by.type),
                  literal(summary.doc, table.c.doc.type))
        athlete = select(*values).where(AthleteRow.name == name,
                                        AthleteRow.data_version == summary.data_version)
        # only the dialect in use is imported: PostgreSQL's is ~40 ms of a SQLite write command
        upsert: Any
        if self._db.get_bind().dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as postgresql_insert

            upsert = postgresql_insert
            # FOR SHARE: a writer that moved the data version on and has not committed yet
            # holds the athlete's row; this waits for it and reads its version afresh, so a
            # stale summary never replaces the one that writer keeps (SQLite: one writer)
            athlete = athlete.with_for_update(read=True)
        else:
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            upsert = sqlite_insert
        statement = upsert(KeptSummaryRow).from_select(
            ["athlete_id", "kind", "data_version", "made_by", "doc"], athlete)
        kept = self._db.execute(statement.on_conflict_do_update(
            index_elements=["athlete_id", "kind"],
            set_={k: statement.excluded[k] for k in ("data_version", "made_by", "doc")})
            .returning(KeptSummaryRow.athlete_id)).first()  # (psycopg's rowcount is -1 here)
        if kept is not None:
            return True
        if self._db.scalar(select(AthleteRow.id).where(AthleteRow.name == name)) is None:
            raise _no_athlete(name)
        return False

    def weeks(self, names: Sequence[str],
              week_of: Callable[[dict[str, Any]], tuple[date, date]]) -> list[AthleteWeek]:
        athletes = {name: (id_, profile) for id_, name, profile in self._db.execute(
            select(AthleteRow.id, AthleteRow.name, AthleteRow.profile)
            .where(self._among(AthleteRow.name, set(names))))}
        plans = self._newest_plans([a for a, _ in athletes.values()])
        # the plans by the week their athlete is in: one week for a squad in one time zone,
        # two at most (a day either side of UTC's reaches at most two weeks)
        by_week: dict[tuple[date, date], list[int]] = {}
        for athlete_id, profile in athletes.values():
            if athlete_id in plans:
                by_week.setdefault(week_of(profile), []).append(plans[athlete_id][0])
        counts = self._by_status(by_week)
        out = []
        for name in dict.fromkeys(names):
            if name in athletes:
                athlete_id, profile = athletes[name]
                plan = plans.get(athlete_id)
                week = tuple(sorted(counts.get(plan[0], ()))) if plan else ()
                out.append(AthleteWeek(name, dict(profile), plan[1] if plan else None, week))
        return out

    def _newest_plans(self, athlete_ids: list[int]) -> dict[int, tuple[int, float | None]]:
        """Each athlete's newest plan and its goal: (plan id, goal), read from the index
        ``ix_plans_athlete_id_version_goal`` alone (on SQLite, reading ``goal_mile_s`` from
        the row walks the plan document before it)."""
        newer = aliased(PlanRow)
        newest = select(func.max(newer.version)).where(newer.athlete_id == PlanRow.athlete_id)
        plans = {athlete_id: (plan_id, goal) for athlete_id, plan_id, goal in self._db.execute(
            select(PlanRow.athlete_id, PlanRow.id, PlanRow.goal_mile_s)
            .where(self._among(PlanRow.athlete_id, athlete_ids),
                   PlanRow.version == newest.scalar_subquery()))}
        # a plan kept before migration 0004 filled the column, or restored from an older
        # backup: its goal from the document
        missing = {plan_id: athlete_id for athlete_id, (plan_id, goal) in plans.items()
                   if goal is None}
        if missing:
            for plan_id, goal in self._db.execute(
                    select(PlanRow.id, PlanRow.doc["goal"]["mile_s"].as_float())
                    .where(self._among(PlanRow.id, list(missing)))):
                plans[missing[plan_id]] = (plan_id, goal)
        return plans

    def _by_status(self, by_week: dict[tuple[date, date], list[int]]) -> dict[int, list[
            tuple[str, int]]]:
        """How many sessions of each plan fall in its week, by status."""
        counts: dict[int, list[tuple[str, int]]] = {}
        if not by_week:
            return counts
        for plan_id, status, count in self._db.execute(
                select(SessionRow.plan_id, SessionRow.status, func.count())
                .where(or_(*(and_(self._among(SessionRow.plan_id, plan_ids),
                                  SessionRow.day >= first, SessionRow.day <= last)
                             for (first, last), plan_ids in by_week.items())))
                .group_by(SessionRow.plan_id, SessionRow.status)):
            counts.setdefault(plan_id, []).append((status, count))
        return counts

    def _among(self, column: Any, values: Collection[Any]) -> Any:
        """``column IN values``; on PostgreSQL as ``= ANY(array)``, one parameter however
        many values (a squad's 200 ids spelled out cost more than the query: SQLAlchemy
        writes each one into the statement, psycopg parses it again every time)."""
        if self._db.get_bind().dialect.name != "postgresql":
            return column.in_(values)
        from sqlalchemy import any_, bindparam
        from sqlalchemy.dialects.postgresql import ARRAY

        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))

    def _touch(self, athlete_id: int) -> None:
        """Every write to an athlete's data renews the token pages are cached under: once a
        transaction is enough, since no one sees the data between its writes."""
        if athlete_id not in self._touched:
            self._touched.add(athlete_id)
            self._db.execute(_TOUCH, {"athlete": athlete_id, "version": new_data_version()})

    def athletes(self) -> list[StoredAthlete]:
        return [_athlete(r) for r in self._db.scalars(select(AthleteRow).order_by(AthleteRow.name))]

    def names(self) -> list[str]:
        return list(self._db.scalars(select(AthleteRow.name).order_by(AthleteRow.name)))

    # plans
    def save_plan(self, name: str, inputs: dict[str, Any], doc: dict[str, Any], reason: str,
                  now: datetime) -> StoredPlan:
        """Store ``doc`` as the athlete's next plan version, with its sessions."""
        athlete = self._athlete_id(name)
        self._touch(athlete)
        last = self._db.scalar(select(func.max(PlanRow.version))
                               .where(PlanRow.athlete_id == athlete)) or 0
        goal = doc.get("goal", {}).get("mile_s")
        row = PlanRow(athlete_id=athlete, version=last + 1, reason=reason, inputs=inputs,
                      doc=doc, created_at=now,
                      goal_mile_s=float(goal) if isinstance(goal, int | float) else None)
        row.sessions = [
            SessionRow(session_id=s["id"], day=date.fromisoformat(s["date"]), kind=s["kind"],
                       intensity=s["intensity"], title=s["title"],
                       planned_distance_m=s.get("planned_distance_m"), status="planned")
            for week in doc["weeks"] for s in week["sessions"]
        ]
        self._db.add(row)
        self._db.flush()
        return _plan(row)

    def _current_plan_row(self, name: str) -> PlanRow | None:
        athlete = self._athlete_id(name)
        return self._db.scalar(select(PlanRow).where(PlanRow.athlete_id == athlete)
                               .order_by(PlanRow.version.desc()).limit(1))

    def _current_plan_id(self, name: str) -> int | None:
        """The current plan's id, without reading the plan."""
        found: int | None = self._rows_of(_PLAN_ID, {"athlete": self._athlete_id(name)}).scalar()
        return found

    def current_plan(self, name: str) -> StoredPlan | None:
        row = self._current_plan_row(name)
        return _plan(row) if row else None

    def plans(self, name: str) -> list[StoredPlan]:
        athlete = self._athlete_id(name)
        rows = self._db.scalars(select(PlanRow).where(PlanRow.athlete_id == athlete)
                                .order_by(PlanRow.version))
        return [_plan(r) for r in rows]

    # sessions of the current plan
    def sessions(self, name: str, start: date | None = None,
                 end: date | None = None) -> list[StoredSession]:
        # the sessions of the current plan, never the plan itself: a stored file asks for
        # the sessions of its day, and reading the whole plan for them was most of its cost
        athlete = self._athlete_id(name)
        if start is None and end is None:
            rows = self._rows_of(_SESSIONS, {"athlete": athlete})
        else:
            rows = self._rows_of(_SESSIONS_BETWEEN, {
                "athlete": athlete, "start": start or date.min, "end": end or date.max})
        return [_session(r) for r in rows]

    def _session_row(self, name: str, session_id: str) -> SessionRow:
        """The session to change (the athlete's data version is renewed)."""
        plan = self._current_plan_id(name)
        row = None if plan is None else self._db.scalar(
            select(SessionRow).where(SessionRow.plan_id == plan,
                                     SessionRow.session_id == session_id))
        if row is None:
            raise NotFoundError(f"no session {session_id!r} in {name}'s current plan")
        self._touch(self._athlete_id(name))
        return row

    def mark_session(self, name: str, session_id: str, status: str,
                     activity_id: int | None = None, note: str | None = None) -> StoredSession:
        row = self._session_row(name, session_id)
        row.status = status
        if activity_id is not None:
            row.activity_id = activity_id
        if note is not None:
            row.note = note
        return _session(row)

    def move_session(self, name: str, session_id: str, day: date) -> StoredSession:
        row = self._session_row(name, session_id)
        row.day = day
        return _session(row)

    # activities and results
    def has_file(self, name: str, sha256: str) -> bool:
        return self.activity_of_file(name, sha256) is not None

    def activity_of_file(self, name: str, sha256: str) -> StoredActivity | None:
        """The activity stored from the file with this SHA-256, if there is one."""
        found = self._rows_of(_OF_FILE, {"name": name, "sha": sha256}).first()
        if found is None:
            raise _no_athlete(name)
        self._ids[name] = found.athlete_id
        return None if found.id is None else _activity(found)

    def known_files(self, name: str) -> frozenset[str]:
        athlete = self._athlete_id(name)
        return frozenset(self._db.scalars(select(ActivityRow.file_sha256).where(
            ActivityRow.athlete_id == athlete, ActivityRow.file_sha256.is_not(None))))

    def activity(self, name: str, activity_id: int) -> StoredActivity:
        athlete = self._athlete_id(name)
        row = self._db.get(ActivityRow, activity_id)
        if row is None or row.athlete_id != athlete:
            raise NotFoundError(f"no activity {activity_id} for {name}")
        return _activity(row)

    def add_activity(self, name: str, *, day: date, doc: dict[str, Any], now: datetime,
                     sha256: str | None = None, path: str | None = None,
                     kind: str | None = None) -> StoredActivity:
        athlete = self._athlete_id(name)
        self._touch(athlete)
        row = {**_activity_row(athlete, day, doc, now, sha256, path, kind), "doc": doc}
        # one plain INSERT: a tracked object cost a unit of work and a flush for a row that
        # nothing in the transaction reads back
        return _added(self._db.execute(_ADD_ACTIVITY, row).scalar_one(), row, doc)

    def activities(self, name: str, since: date | None = None, *, docs: bool = True,
                   ids: Collection[int] | None = None) -> list[StoredActivity]:
        athlete = self._athlete_id(name)
        a = ActivityRow
        # Plain rows, not tracked objects: a progress page reads hundreds (about 2x cheaper).
        query = select(a.id, a.day, a.sport, a.kind, a.distance_m, a.elapsed_s, a.moving_s,
                       a.best_mile_s, a.path, a.doc if docs else literal_column("NULL"),
                       a.file_sha256).where(a.athlete_id == athlete)
        if since is not None:
            query = query.where(a.day >= since)
        if ids is not None:
            query = query.where(a.id.in_(sorted(set(ids))))
        return [StoredActivity(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8],
                               dict(r[9] or {}), r[10])
                for r in self._db.execute(query.order_by(a.day, a.id))]

    def runs_stamp(self, name: str) -> str:
        athlete = self._athlete_id(name)
        a, r = ActivityRow, ResultRow
        runs = select(func.count(a.id), func.max(a.id)).where(a.athlete_id == athlete)
        results = select(func.count(r.id), func.max(r.id)).where(r.athlete_id == athlete)
        (n_runs, last_run), = self._db.execute(runs)
        (n_results, last_result), = self._db.execute(results)
        return _stamp(n_runs, last_run, n_results, last_result)

    def runs_added(self, name: str, since: str, stamp: str) -> RunsAdded | None:
        old, now = _unstamp(since), _unstamp(stamp)
        if old is None or now is None:
            return None
        athlete = self._athlete_id(name)
        activities = [StoredActivity(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], {},
                                     r[10]) for r in self._rows_of(
            _ADDED_ACTIVITIES, {"athlete": athlete, "after": old[1], "upto": now[1]})]
        days = self._rows_of(_ADDED_RESULTS, {"athlete": athlete, "after": old[3],
                                              "upto": now[3]}).scalars().all()
        if (len(activities), len(days)) != (now[0] - old[0], now[2] - old[2]):
            return None  # something went, or came in between
        return RunsAdded(tuple(activities), tuple(days))

    def add_result(self, name: str, day: date, kind: str, distance_m: float, time_s: float,
                   activity_id: int | None = None) -> StoredResult:
        athlete = self._athlete_id(name)
        self._touch(athlete)
        self._db.execute(_ADD_RESULT, {"athlete_id": athlete, "day": day, "kind": kind,
                                       "distance_m": distance_m, "time_s": time_s,
                                       "activity_id": activity_id})
        return StoredResult(day, kind, distance_m, time_s)

    def results(self, name: str) -> list[StoredResult]:
        athlete = self._athlete_id(name)
        rows = self._db.scalars(select(ResultRow).where(ResultRow.athlete_id == athlete)
                                .order_by(ResultRow.day, ResultRow.id))
        return [StoredResult(r.day, r.kind, r.distance_m, r.time_s) for r in rows]


class Store:
    """The database (the ``Storage`` port): one :class:`SqlRepository` per transaction."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str) -> Store:
        from miler.adapters.storage import open_database

        return cls(open_database(url))

    def version(self, name: str) -> AthleteVersion | None:
        with self.engine.connect() as connection:
            return _version_of(connection, name)

    @contextmanager
    def transaction(self) -> Iterator[SqlRepository]:
        from sqlalchemy.exc import IntegrityError

        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                yield SqlRepository(session)
        except IntegrityError as exc:  # rolled back by now: nothing of it was kept
            raise ConflictError(f"the database refused a duplicate: "
                                f"{str(exc.orig).splitlines()[0]}") from exc

    def dump(self) -> dict[str, Any]:
        from miler.adapters.storage.dump import dump

        with Session(self.engine) as db:
            return dump(db)

    def load(self, doc: dict[str, Any], replace: bool = False) -> dict[str, int]:
        from sqlalchemy.exc import SQLAlchemyError

        from miler.adapters.storage.dump import load

        try:
            with Session(self.engine) as db, db.begin():
                return load(db, doc, replace=replace)
        except (SQLAlchemyError, TypeError, KeyError, AttributeError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
            raise StorageError(f"the backup does not fit the database, nothing was changed: "
                               f"{reason}") from None

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def importing(self, name: str) -> Iterator[SqlFileImport]:
        """An import's transactions for ``name``, one a file, on one connection
        (``adapters.storage.bulk``)."""
        from miler.adapters.storage.bulk import SqlFileImport

        with self.engine.connect() as connection:
            yield SqlFileImport(connection, name)
