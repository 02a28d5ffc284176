"""What the use cases ask of storage: the records it hands back and the ``Repository`` port.

``adapters.storage`` implements these with SQLAlchemy (SQLite or PostgreSQL);
``tests/services/fakes.py`` implements them in memory. Services and shells see only this
module, never a row or a session.

A ``Storage`` hands out one ``Repository`` per :meth:`Storage.transaction`: everything done
through it is committed together when the block ends, or nothing is if it raises. One use
case is one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from miler.domain.plan_view import PlanView
from miler.errors import InvalidInputError, StorageError

T = TypeVar("T")

__all__ = ["Accounts", "AthleteVersion", "AthleteWeek", "FileRepository", "FileTransactions",
           "Isolate", "KeptState", "PlanReadStore", "PlanReads", "Repository", "Role",
           "RunsAdded", "Storage", "StoredActivity", "StoredAthlete", "StoredPlan",
           "StoredResult", "StoredSession", "StoredUser"]


@dataclass(frozen=True, slots=True)
class StoredAthlete:
    name: str  # the id (a slug, domain/names.py); the name as typed is the display name
    profile: dict[str, Any]
    history: dict[str, Any]

    @property
    def display_name(self) -> str:
        shown = self.profile.get("display_name")
        return shown if isinstance(shown, str) and shown else self.name


@dataclass(frozen=True, slots=True)
class AthleteVersion:
    """Where an athlete's data stands: ``version`` changes with every write to their
    profile, plans, sessions, runs or results (pages are cached under it), and the profile
    (the time zone says which day "today" is)."""

    version: str
    profile: dict[str, Any]


@dataclass(frozen=True, slots=True)
class KeptSummary:
    """What was worked out from an athlete's data (``kind``: "progress"), kept under the
    data version it was worked out at and the miler version that did it: worth reading only
    while both are current."""

    data_version: str
    made_by: str
    doc: dict[str, Any]


@dataclass(frozen=True, slots=True)
class KeptState:
    """Read at once: where an athlete's data stands, what was kept of it (``kind``), their
    runs stamp (:meth:`Repository.runs_stamp`) and their current plan's version (None: no
    plan)."""

    version: AthleteVersion
    kept: KeptSummary | None
    runs_stamp: str
    plan_version: int | None = None


@dataclass(frozen=True, slots=True)
class AthleteWeek:
    """An athlete at a glance (the coach's squad list): the profile, the current plan's goal
    (None: no plan yet) and how many of its sessions fall in the athlete's week, by status:
    (status, count), sorted by status."""

    name: str
    profile: dict[str, Any]
    goal_mile_s: float | None
    week: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class StoredPlan:
    """A kept plan version. ``doc`` is the ``miler.plan/1`` document as stored (for the
    edges: the JSON API, ``--json``, backups); ``plan`` is the same plan read once into
    typed values, which is what the program works with."""

    version: int
    reason: str
    inputs: dict[str, Any]
    doc: dict[str, Any]
    created_at: datetime
    plan: PlanView = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "plan", PlanView.from_doc(self.doc))
        except InvalidInputError as exc:
            raise StorageError(f"stored plan version {self.version} is malformed: {exc}") \
                from exc


@dataclass(frozen=True, slots=True)
class StoredSession:
    session_id: str
    day: date
    kind: str
    intensity: str
    title: str
    planned_distance_m: float | None
    status: str
    activity_id: int | None
    note: str | None = None  # e.g. "done, off target" (domain.reps.OFF_TARGET_NOTE)


@dataclass(frozen=True, slots=True)
class StoredActivity:
    id: int
    day: date
    sport: str
    kind: str | None
    distance_m: float
    elapsed_s: float | None
    moving_s: float | None
    best_mile_s: float | None
    path: str | None
    doc: dict[str, Any]
    sha256: str | None = None  # of the source file; None for a logged run


@dataclass(frozen=True, slots=True)
class StoredResult:
    day: date
    kind: str
    distance_m: float
    time_s: float


@dataclass(frozen=True, slots=True)
class RunsAdded:
    """What was stored between two runs stamps: the activities (their columns, ``doc``
    empty), by day, and the days of the results."""

    activities: tuple[StoredActivity, ...]
    result_days: tuple[date, ...]


class Role(StrEnum):
    COACH = "coach"
    ATHLETE = "athlete"


@dataclass(frozen=True, slots=True)
class StoredUser:
    id: int
    username: str
    password_hash: str
    role: Role
    athlete: str | None  # the athlete's name, for an athlete account


class Accounts(Protocol):
    """Web users and coach links, inside the caller's transaction."""

    def count(self) -> int: ...
    def add(self, username: str, password_hash: str, role: Role, now: datetime,
            athlete: str | None = None) -> StoredUser: ...
    def add_first_coach(self, username: str, password_hash: str,
                        now: datetime) -> StoredUser | None:
        """The first account, a coach, or None when any account exists: atomic, so of
        concurrent first-time setups exactly one makes a coach."""
        ...
    def by_name(self, username: str) -> StoredUser | None: ...
    def by_id(self, user_id: int) -> StoredUser | None: ...
    def users(self) -> list[StoredUser]: ...
    def set_password_hash(self, user_id: int, password_hash: str) -> None: ...
    def end_sessions(self, user_id: int) -> None:
        """Every session of the user ends (a password change, or "log out everywhere")."""
        ...
    def open_session(self, user_id: int, token_hash: str, now: datetime,
                     expires: datetime, keep: int) -> None:
        """A new session; expired ones go; the user keeps the newest ``keep``."""
        ...
    def session_user(self, token_hash: str, now: datetime) -> StoredUser | None:
        """Whose live session this is: None when unknown, ended, expired or outdated."""
        ...
    def end_session(self, token_hash: str) -> None: ...
    def link(self, coach_id: int, athlete: str) -> None: ...
    def coached(self, coach_id: int) -> list[str]: ...
    def coaches(self, coach_id: int, athlete: str) -> bool: ...
    def login_failures(self, keys: Sequence[str], since: float) -> list[tuple[str, float]]:
        """(key, seconds since the epoch) of the failed logins of ``keys`` after ``since``,
        oldest first."""
        ...
    def add_login_failure(self, keys: Sequence[str], at: float, forget_before: float,
                          keep: int) -> None:
        """A failed login under each key; older than ``forget_before`` go; ``keep`` at most."""
        ...
    def forget_login_failures(self, key: str) -> None: ...
    def session_user_of(self, token_hash: str, now: datetime,
                        athlete: str) -> tuple[StoredUser | None, bool]:
        """:meth:`session_user`, and whether that user looks after ``athlete``
        (:meth:`coaches`; False without a live session), in one read."""
        ...


class Repository(Protocol):
    """Reads and writes inside one transaction. Unknown athletes raise ``NotFoundError``."""

    @property
    def accounts(self) -> Accounts: ...

    def add_athlete(self, name: str, profile: dict[str, Any],
                    now: datetime) -> StoredAthlete: ...
    def update_athlete(self, name: str, *, profile: dict[str, Any] | None = None,
                       history: dict[str, Any] | None = None) -> StoredAthlete: ...
    def athlete(self, name: str) -> StoredAthlete: ...
    def athletes(self) -> list[StoredAthlete]: ...
    def names(self) -> list[str]:
        """Every athlete's id, sorted (a cheap read: no profiles)."""
        ...
    def data_version(self, name: str) -> AthleteVersion:
        """A cheap read: the version of the athlete's data, and their profile."""
        ...
    def versions(self, names: Sequence[str]) -> list[tuple[str, AthleteVersion]]:
        """:meth:`data_version` of the stored athletes among ``names``, in that order (one
        small read for a whole squad)."""
        ...
    def kept_summary(self, name: str, kind: str) -> KeptSummary | None: ...
    def kept_state(self, name: str, kind: str) -> KeptState:
        """One read: :meth:`data_version`, :meth:`kept_summary`, :meth:`runs_stamp` and
        the version of :meth:`current_plan`."""
        ...
    def keep_summary(self, name: str, kind: str, summary: KeptSummary) -> bool:
        """Keep ``summary`` (replacing the one of that kind) when its data version is still
        the athlete's; False, keeping nothing, when their data changed since."""
        ...
    def weeks(self, names: Sequence[str],
              week_of: Callable[[dict[str, Any]], tuple[date, date]]) -> list[AthleteWeek]:
        """The stored athletes among ``names``, in that order, each with the sessions of
        their current plan in the days ``week_of(profile)`` gives (first, last): a few
        queries for a whole squad, no plan document read."""
        ...

    def save_plan(self, name: str, inputs: dict[str, Any], doc: dict[str, Any], reason: str,
                  now: datetime) -> StoredPlan: ...
    def current_plan(self, name: str) -> StoredPlan | None: ...
    def plans(self, name: str) -> list[StoredPlan]: ...

    def sessions(self, name: str, start: date | None = None,
                 end: date | None = None) -> list[StoredSession]: ...
    def mark_session(self, name: str, session_id: str, status: str,
                     activity_id: int | None = None,
                     note: str | None = None) -> StoredSession: ...
    def move_session(self, name: str, session_id: str, day: date) -> StoredSession: ...

    def activity_of_file(self, name: str, sha256: str) -> StoredActivity | None: ...
    def known_files(self, name: str) -> frozenset[str]: ...
    def add_activity(self, name: str, *, day: date, doc: dict[str, Any], now: datetime,
                     sha256: str | None = None, path: str | None = None,
                     kind: str | None = None) -> StoredActivity: ...
    def activity(self, name: str, activity_id: int) -> StoredActivity: ...
    def activities(self, name: str, since: date | None = None, *, docs: bool = True,
                   ids: Collection[int] | None = None) -> list[StoredActivity]:
        """The athlete's activities (from ``since``; only ``ids``), by day. Without
        ``docs`` each ``doc`` is empty: the columns alone, a fraction of the reading."""
        ...
    def runs_stamp(self, name: str) -> str:
        """A token of the athlete's activities and results as they stand: it changes when
        one is added or removed. Both are only ever added (or go with their athlete), never
        edited, so their counts and newest ids are enough."""
        ...
    def runs_added(self, name: str, since: str, stamp: str) -> RunsAdded | None:
        """The activities and results stored after the runs stamp ``since`` up to ``stamp``
        (the current one); None when they do not account for the change (something was
        removed, or ``since`` is no stamp of this miler's)."""
        ...
    def add_result(self, name: str, day: date, kind: str, distance_m: float, time_s: float,
                   activity_id: int | None = None) -> StoredResult: ...
    def results(self, name: str) -> list[StoredResult]: ...


class PlanReads(Protocol):
    """What ``services.coaching.today`` reads in its transaction: the part of ``Repository``
    that ``adapters.kept_store``'s read-only store (``miler today``'s fast path) gives too."""

    def names(self) -> list[str]: ...
    def current_plan(self, name: str) -> StoredPlan | None: ...
    def sessions(self, name: str, start: date | None = None,
                 end: date | None = None) -> list[StoredSession]: ...
    def activities(self, name: str, since: date | None = None, *,
                   docs: bool = True) -> list[StoredActivity]: ...


class PlanReadStore(Protocol):
    """A database read in one transaction at a time: every ``Storage`` is one, and so is
    ``adapters.kept_store.KeptStore``, which reads and never writes."""

    def transaction(self) -> AbstractContextManager[PlanReads]: ...


class Isolate(Protocol):
    """Runs ``fn(*args)`` where no input can take the caller down (``adapters.worker``'s
    bounded worker), or raises ``WorkLimitError`` naming ``what``."""

    def __call__(self, what: str, fn: Callable[..., T], /, *args: Any) -> T: ...


class Storage(Protocol):
    """A database: transactions, and the whole of it as one ``miler.backup/1`` document."""

    def transaction(self) -> AbstractContextManager[Repository]: ...

    def version(self, name: str) -> AthleteVersion | None:
        """``Repository.data_version`` in one read of its own, without a unit of work
        (every kept page asks it first: a third of the cost); None for an unknown athlete."""
        ...

    def dump(self) -> dict[str, Any]:
        """Every row of every table, as plain JSON values."""
        ...

    def load(self, doc: dict[str, Any], replace: bool = False) -> dict[str, int]:
        """Restore ``doc`` in one transaction: all of it, or nothing (``StorageError``)."""
        ...

    def close(self) -> None: ...

    def importing(self, name: str) -> AbstractContextManager[FileTransactions]:
        """An import's transactions for athlete ``name``, one a file (``NotFoundError`` at
        once for an unknown athlete)."""
        ...


def open_storage(url: str) -> Storage:
    """The database at ``url`` (SQLite file or PostgreSQL), migrated to the newest schema."""
    from miler.adapters.storage.repository import Store

    return Store.open(url)


class FileRepository(Protocol):
    """What storing one imported file asks of a transaction: the part of ``Repository``
    that ``services.training`` stores a file with."""

    def athlete(self, name: str) -> StoredAthlete: ...
    def current_plan(self, name: str) -> StoredPlan | None: ...
    def sessions(self, name: str, start: date | None = None,
                 end: date | None = None) -> list[StoredSession]: ...
    def mark_session(self, name: str, session_id: str, status: str,
                     activity_id: int | None = None,
                     note: str | None = None) -> StoredSession: ...
    def activity_of_file(self, name: str, sha256: str) -> StoredActivity | None: ...
    def add_activity(self, name: str, *, day: date, doc: dict[str, Any], now: datetime,
                     sha256: str | None = None, path: str | None = None,
                     kind: str | None = None) -> StoredActivity: ...
    def add_result(self, name: str, day: date, kind: str, distance_m: float, time_s: float,
                   activity_id: int | None = None) -> StoredResult: ...
    def known_files(self, name: str) -> frozenset[str]:
        """The SHA-256 of every file stored for ``name``: an import measures none of them
        again (each is still checked by ``activity_of_file`` when it is stored)."""
        ...


class FileTransactions(Protocol):
    """An import's transactions for one athlete, one a file (``Storage.importing``). What
    a file's transaction reads of the athlete (the stored files, the current plan's
    sessions) may be read once for the whole import, never trusted past a write of anyone
    else's: a transaction that finds the athlete's data changed since is refused with
    ``ConflictError`` and nothing of it is kept, and the next one reads afresh."""

    def transaction(self) -> AbstractContextManager[FileRepository]: ...
