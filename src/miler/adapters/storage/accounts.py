"""Web accounts for coach mode (``miler serve --coach``): users with password hashes, and
which athletes each coach looks after.

An athlete's account owns one row of ``athletes`` (its name is the username), so the
athlete data stays where the CLI finds it. Passwords arrive here already hashed: this
module stores strings and never sees a password.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    Select,
    String,
    Text,
    delete,
    false,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.orm import Mapped, Session, aliased, mapped_column

from miler.adapters.storage.tables import AthleteRow, Base
from miler.errors import InvalidInputError, NotFoundError
from miler.services.ports import Role, StoredUser

__all__ = ["CoachLinkRow", "LoginFailureRow", "LoginRow", "Role", "SqlAccounts", "StoredUser",
           "UserRow"]


class UserRow(Base):
    __tablename__ = "web_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(10))
    # the athlete an athlete account is; None for a coach
    athlete_id: Mapped[int | None] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # a session is valid while its version is the user's: a password change moves this on
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class LoginRow(Base):
    """A logged-in browser: the cookie holds a random token, the server its SHA-256."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_users.id", ondelete="CASCADE"),
                                         index=True)
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LoginFailureRow(Base):
    """A failed login, once under its address and once under its user name: every server
    process reads the same backoff (``services.logins``). Only recent ones are kept."""

    __tablename__ = "web_login_failures"
    __table_args__ = (Index("ix_web_login_failures_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120))
    at: Mapped[float] = mapped_column(Float)  # seconds since the epoch


class CoachLinkRow(Base):
    __tablename__ = "web_coach_athletes"

    coach_id: Mapped[int] = mapped_column(ForeignKey("web_users.id", ondelete="CASCADE"),
                                          primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"),
                                            primary_key=True, index=True)


class SqlAccounts:
    """Users and coach links, inside the caller's transaction (the ``Accounts`` port)."""

    def __init__(self, session: Session) -> None:
        self._db = session

    def count(self) -> int:
        return int(self._db.scalar(select(func.count(UserRow.id))) or 0)

    def add_first_coach(self, username: str, password_hash: str,
                        now: datetime) -> StoredUser | None:
        """The first account, a coach; None when any account exists. The users table is
        locked for writers first, so of concurrent first-time setups exactly one wins."""
        self._lock_users()
        if self.count():
            return None
        return self.add(username, password_hash, Role.COACH, now)

    def _lock_users(self) -> None:
        if self._db.get_bind().dialect.name == "postgresql":
            # conflicts with itself and with every write, not with plain reads
            self._db.execute(text("LOCK TABLE web_users IN SHARE ROW EXCLUSIVE MODE"))
        else:
            # SQLite: a write statement, even one that changes nothing, begins the transaction
            # holding the database's write lock (waiting out the busy timeout for it), so the
            # count that follows sees every setup committed before
            self._db.execute(update(UserRow).where(false()).values(role=UserRow.role))

    def _user(self, row: UserRow) -> StoredUser:
        athlete = None if row.athlete_id is None else self._db.scalar(
            select(AthleteRow.name).where(AthleteRow.id == row.athlete_id))
        return StoredUser(row.id, row.username, row.password_hash, Role(row.role), athlete)

    def add(self, username: str, password_hash: str, role: Role, now: datetime,
            athlete: str | None = None) -> StoredUser:
        """A new user; an athlete account is tied to the athlete ``athlete``."""
        if self._db.scalar(select(UserRow.id).where(UserRow.username == username)) is not None:
            raise InvalidInputError("username", "must be new: that username is taken", username)
        athlete_id = None if athlete is None else self._athlete_id(athlete)
        row = UserRow(username=username, password_hash=password_hash, role=str(role),
                      athlete_id=athlete_id, created_at=now)
        self._db.add(row)
        self._db.flush()
        return self._user(row)

    def by_name(self, username: str) -> StoredUser | None:
        row = self._db.scalar(select(UserRow).where(UserRow.username == username))
        return None if row is None else self._user(row)

    def by_id(self, user_id: int) -> StoredUser | None:
        row = self._db.get(UserRow, user_id)
        return None if row is None else self._user(row)

    def users(self) -> list[StoredUser]:
        """Every account, coaches first, then by name."""
        rows = self._db.scalars(select(UserRow).order_by(UserRow.role.desc(), UserRow.username))
        return [self._user(r) for r in rows]

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        row = self._db.get(UserRow, user_id)
        if row is None:
            raise NotFoundError(f"no user with id {user_id}")
        row.password_hash = password_hash

    def end_sessions(self, user_id: int) -> None:
        """Every session of ``user_id`` ends: its version moves on and its rows go."""
        row = self._db.get(UserRow, user_id)
        if row is None:
            raise NotFoundError(f"no user with id {user_id}")
        row.session_version += 1
        self._db.execute(delete(LoginRow).where(LoginRow.user_id == user_id))

    def open_session(self, user_id: int, token_hash: str, now: datetime,
                     expires: datetime, keep: int) -> None:
        """A new session; expired ones go, and the user keeps at most ``keep`` (the oldest
        end first)."""
        row = self._db.get(UserRow, user_id)
        if row is None:
            raise NotFoundError(f"no user with id {user_id}")
        self._db.execute(delete(LoginRow).where(LoginRow.expires_at <= now))
        old = list(self._db.scalars(
            select(LoginRow.token_hash).where(LoginRow.user_id == user_id)
            .order_by(LoginRow.created_at.desc()).offset(max(keep - 1, 0))))
        if old:
            self._db.execute(delete(LoginRow).where(LoginRow.token_hash.in_(old)))
        self._db.add(LoginRow(token_hash=token_hash, user_id=user_id,
                                version=row.session_version, created_at=now,
                                expires_at=expires))
        self._db.flush()

    def session_user(self, token_hash: str, now: datetime) -> StoredUser | None:
        """The user of a live session: known, not expired, of the user's current version.
        One query (every page of coach mode asks it first)."""
        found = self._db.execute(_session_of(token_hash)).first()
        return None if found is None else _live(found, now)

    def end_session(self, token_hash: str) -> None:
        self._db.execute(delete(LoginRow).where(LoginRow.token_hash == token_hash))

    def _athlete_id(self, name: str) -> int:
        found = self._db.scalar(select(AthleteRow.id).where(AthleteRow.name == name))
        if found is None:
            raise NotFoundError(f"no athlete named {name!r}")
        return int(found)

    def link(self, coach_id: int, athlete: str) -> None:
        """``coach_id`` looks after ``athlete`` from now on (idempotent)."""
        athlete_id = self._athlete_id(athlete)
        if self._db.get(CoachLinkRow, (coach_id, athlete_id)) is None:
            self._db.add(CoachLinkRow(coach_id=coach_id, athlete_id=athlete_id))
            self._db.flush()

    def coached(self, coach_id: int) -> list[str]:
        """The names of the athletes ``coach_id`` looks after, sorted."""
        query = (select(AthleteRow.name).join(CoachLinkRow,
                                              CoachLinkRow.athlete_id == AthleteRow.id)
                 .where(CoachLinkRow.coach_id == coach_id).order_by(AthleteRow.name))
        return list(self._db.scalars(query))

    def coaches(self, coach_id: int, athlete: str) -> bool:
        query = (select(CoachLinkRow.coach_id).join(AthleteRow,
                                                    CoachLinkRow.athlete_id == AthleteRow.id)
                 .where(CoachLinkRow.coach_id == coach_id, AthleteRow.name == athlete))
        return self._db.scalar(query) is not None

    def login_failures(self, keys: Sequence[str], since: float) -> list[tuple[str, float]]:
        """The failures of ``keys`` after ``since``, oldest first."""
        return [(key, at) for key, at in self._db.execute(
            select(LoginFailureRow.key, LoginFailureRow.at)
            .where(LoginFailureRow.key.in_(keys), LoginFailureRow.at > since)
            .order_by(LoginFailureRow.at, LoginFailureRow.id))]

    def add_login_failure(self, keys: Sequence[str], at: float, forget_before: float,
                          keep: int) -> None:
        """A failure under each of ``keys``; failures before ``forget_before`` go, and at
        most ``keep`` of the newest are kept in all."""
        self._db.execute(delete(LoginFailureRow).where(LoginFailureRow.at < forget_before))
        self._db.execute(insert(LoginFailureRow), [{"key": key, "at": at} for key in keys])
        cut = self._db.scalar(select(LoginFailureRow.id).order_by(LoginFailureRow.id.desc())
                              .offset(keep).limit(1))
        if cut is not None:
            self._db.execute(delete(LoginFailureRow).where(LoginFailureRow.id <= cut))

    def forget_login_failures(self, key: str) -> None:
        self._db.execute(delete(LoginFailureRow).where(LoginFailureRow.key == key))

    def session_user_of(self, token_hash: str, now: datetime,
                        athlete: str) -> tuple[StoredUser | None, bool]:
        """:meth:`session_user`, and whether that user looks after ``athlete``
        (:meth:`coaches`): one query, where a coach's page of an athlete took two."""
        linked = aliased(AthleteRow)
        coaches = (select(CoachLinkRow.coach_id)
                   .join(linked, CoachLinkRow.athlete_id == linked.id)
                   .where(CoachLinkRow.coach_id == UserRow.id, linked.name == athlete)
                   .exists())
        found = self._db.execute(_session_of(token_hash).add_columns(coaches)).first()
        if found is None:
            return None, False
        user = _live(found[:-1], now)
        return user, user is not None and bool(found[-1])


def _session_of(token_hash: str) -> Select[int, datetime, int, int, str, str, str, str]:
    """The session's row with its user's and their athlete's (one query)."""
    return (select(LoginRow.version, LoginRow.expires_at, UserRow.session_version, UserRow.id,
                   UserRow.username, UserRow.password_hash, UserRow.role, AthleteRow.name)
            .join(UserRow, UserRow.id == LoginRow.user_id)
            .outerjoin(AthleteRow, AthleteRow.id == UserRow.athlete_id)
            .where(LoginRow.token_hash == token_hash))


def _live(found: Sequence[Any], now: datetime) -> StoredUser | None:
    """The user of a session row (:func:`_session_of`), if the session is live: not expired,
    of the user's current version."""
    version, expires, user_version, user_id, username, password_hash, role, athlete = found
    if expires.tzinfo is None:
        expires = expires.replace(tzinfo=now.tzinfo)  # SQLite keeps no offset
    if version != user_version or expires <= now:
        return None
    return StoredUser(user_id, username, password_hash, Role(role), athlete)
