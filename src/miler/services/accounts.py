"""Coach mode's accounts: who is logged in, whom a coach looks after, the first coach, a
coach adding an athlete with their own login or another coach, password changes, and the
squad at a glance.

Sessions live on the server: a login stores the SHA-256 of a random token, which the
signed cookie carries. Logging out deletes it, so a copy of the cookie taken before is
worthless; a password change moves the user's session version on, ending every session.

Passwords arrive already hashed (``adapters.passwords``): nothing here sees a password.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final

from miler.errors import InvalidInputError, NotFoundError
from miler.services.ports import AthleteWeek, Repository, Role, Storage, StoredUser

__all__ = [
    "MAX_SESSIONS",
    "SESSION_DAYS",
    "AccountRow",
    "SquadRow",
    "account_count",
    "add_athlete_account",
    "add_coach",
    "change_password",
    "find_user",
    "first_coach",
    "log_in",
    "log_out",
    "may_see",
    "session_user",
    "session_user_seeing",
    "squad",
    "squad_of_users",
    "squad_version",
    "user",
]

#: A login lasts this long without a new one (the cookie's own max age is the same).
SESSION_DAYS: Final = 14
#: Browsers one user may be logged in from at once; a new login ends the oldest beyond it.
MAX_SESSIONS: Final = 20
_TOKEN_CHARS: Final = 64  # a token longer than any we make is nobody's: not hashed


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _digest_of(token: object) -> str | None:
    """The digest of a cookie's token; None for anything no session of ours could have."""
    if not isinstance(token, str) or not 0 < len(token) <= _TOKEN_CHARS:
        return None
    return _digest(token)


def account_count(store: Storage) -> int:
    with store.transaction() as repo:
        return repo.accounts.count()


def user(store: Storage, user_id: int) -> StoredUser | None:
    with store.transaction() as repo:
        return repo.accounts.by_id(user_id)


def find_user(store: Storage, username: str) -> StoredUser | None:
    with store.transaction() as repo:
        return repo.accounts.by_name(username)


@dataclass(frozen=True, slots=True)
class AccountRow:
    username: str
    role: str
    athlete: str | None  # an athlete account's athlete
    coached: tuple[str, ...]  # a coach's athletes


def squad_of_users(store: Storage) -> list[AccountRow]:
    """Every account, coaches first, with whom each coach looks after."""
    with store.transaction() as repo:
        return [AccountRow(u.username, str(u.role), u.athlete,
                           tuple(repo.accounts.coached(u.id)) if u.role is Role.COACH else ())
                for u in repo.accounts.users()]


def log_in(store: Storage, user_id: int, now: datetime) -> str:
    """A new session for ``user_id``: the token its cookie carries."""
    token = secrets.token_urlsafe(32)
    with store.transaction() as repo:
        repo.accounts.open_session(user_id, _digest(token), now,
                                   now + timedelta(days=SESSION_DAYS), MAX_SESSIONS)
    return token


def session_user(store: Storage, token: object, now: datetime) -> StoredUser | None:
    """Who a session token belongs to; None once it is logged out, expired or outdated."""
    digest = _digest_of(token)
    if digest is None:
        return None
    with store.transaction() as repo:
        return repo.accounts.session_user(digest, now)


def session_user_seeing(store: Storage, token: object, now: datetime,
                        athlete: str) -> tuple[StoredUser | None, bool]:
    """:func:`session_user`, and whether they look after ``athlete`` (:func:`may_see`), in
    one read: a coach's page of an athlete asks both before anything else."""
    digest = _digest_of(token)
    if digest is None:
        return None, False
    with store.transaction() as repo:
        return repo.accounts.session_user_of(digest, now, athlete)


def log_out(store: Storage, token: object) -> None:
    """End this session: every copy of its cookie stops working."""
    digest = _digest_of(token)
    if digest is not None:
        with store.transaction() as repo:
            repo.accounts.end_session(digest)


def change_password(store: Storage, username: str, password_hash: str, *,
                    by: StoredUser | None) -> StoredUser:
    """Set ``username``'s password and end every session they have. ``by`` is who asks: the
    user themselves, or a coach for an athlete they look after (None: the machine's owner,
    at the command line). Anyone else is told there is no such user."""
    with store.transaction() as repo:
        target = repo.accounts.by_name(username)
        allowed = target is not None and (
            by is None or by.id == target.id
            or (by.role is Role.COACH and target.athlete is not None
                and repo.accounts.coaches(by.id, target.athlete)))
        if target is None or not allowed:
            raise NotFoundError(f"no user named {username!r}")
        repo.accounts.set_password_hash(target.id, password_hash)
        repo.accounts.end_sessions(target.id)
        return target


def add_coach(store: Storage, username: str, password_hash: str, now: datetime, *,
              by: StoredUser | None, share_with: str | None = None) -> StoredUser:
    """A new coach account. ``by`` is the coach who adds them (None: the machine's owner);
    with ``share_with`` (a coach's username) the new coach also looks after every athlete
    that coach does."""
    with store.transaction() as repo:
        if by is not None and by.role is not Role.COACH:
            raise NotFoundError("only a coach adds coaches")
        source = repo.accounts.by_name(share_with) if share_with else None
        if share_with and (source is None or source.role is not Role.COACH):
            raise InvalidInputError("share_with", "must be a coach's username", share_with)
        made = repo.accounts.add(username, password_hash, Role.COACH, now)
        for athlete in repo.accounts.coached(source.id) if source else ():
            repo.accounts.link(made.id, athlete)
        return made


def may_see(store: Storage, coach_id: int, athlete: str) -> bool:
    with store.transaction() as repo:
        return repo.accounts.coaches(coach_id, athlete)


def first_coach(store: Storage, username: str, password_hash: str, now: datetime) -> int:
    """The first account, a coach; refused once any account exists (also when another
    first-time setup wins a race with this one)."""
    with store.transaction() as repo:
        made = repo.accounts.add_first_coach(username, password_hash, now)
    if made is None:
        raise NotFoundError("setup is done: log in instead")
    return made.id


def add_athlete_account(store: Storage, coach_id: int, username: str, password_hash: str,
                        display_name: str | None, now: datetime) -> str:
    """A coach adds an athlete: their record, their account and the coach's link, together.
    The display name follows the one rule for names (domain/names.py)."""
    from miler.services.progress import keep_progress_in

    if display_name:
        from miler.domain.names import display_name as checked

        display_name = checked(display_name, "display_name")
    with store.transaction() as repo:
        if repo.accounts.by_name(username) is not None:
            raise InvalidInputError("username", "must be new: that username is taken", username)
        repo.add_athlete(username, {"display_name": display_name} if display_name else {}, now)
        repo.accounts.add(username, password_hash, Role.ATHLETE, now, athlete=username)
        repo.accounts.link(coach_id, username)
        keep_progress_in(repo, username)
    return username


@dataclass(frozen=True, slots=True)
class SquadRow:
    name: str
    display_name: str
    goal_mile_s: float | None  # None: no plan yet
    done_this_week: int
    sessions_this_week: int


def _row(week: AthleteWeek) -> SquadRow:
    return SquadRow(week.name, week.profile.get("display_name") or week.name,
                    week.goal_mile_s, sum(n for s, n in week.week if s == "done"),
                    sum(n for _, n in week.week))


def _week_at(now: datetime) -> Callable[[dict[str, Any]], tuple[date, date]]:
    """The Monday and Sunday of the week each athlete is in at ``now``, in their time zone."""
    from miler.timezones import today_in

    def week_of(profile: dict[str, Any]) -> tuple[date, date]:
        today = today_in(now, profile.get("tz"))
        monday = today - timedelta(days=today.weekday())
        return monday, monday + timedelta(days=6)

    return week_of


def _members(repo: Repository, coach_id: int | None, athlete: str | None) -> list[str]:
    if coach_id is not None:
        return repo.accounts.coached(coach_id)
    return [athlete] if athlete else []


def squad(store: Storage, *, coach_id: int | None, athlete: str | None,
          now: datetime) -> list[SquadRow]:
    """A coach's athletes, or the one athlete a viewer is, with this week's progress."""
    with store.transaction() as repo:
        return [_row(week) for week in repo.weeks(_members(repo, coach_id, athlete),
                                                  _week_at(now))]


def squad_version(store: Storage, *, coach_id: int | None, athlete: str | None,
                  now: datetime) -> tuple[tuple[str, str, date], ...]:
    """What :func:`squad` shows stands while this does: who is in the squad, where each
    one's data stands and the Monday of the week each is in (the squad page is kept under
    it). Two small reads, no plan or session."""
    week_of = _week_at(now)
    with store.transaction() as repo:
        return tuple((name, stamp.version, week_of(stamp.profile)[0])
                     for name, stamp in repo.versions(_members(repo, coach_id, athlete)))
