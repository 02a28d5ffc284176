"""Coach mode's accounts: who is logged in, whom a coach looks after, the first coach, a
coach adding an athlete with their own login, and the squad at a glance.

Passwords arrive already hashed (``web.security``): nothing here sees a password.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from miler.errors import InvalidInputError, NotFoundError
from miler.services.ports import Repository, Role, Storage, StoredUser

__all__ = ["SquadRow", "account_count", "add_athlete_account", "find_user", "first_coach",
           "may_see", "squad", "user"]


def account_count(store: Storage) -> int:
    with store.transaction() as repo:
        return repo.accounts.count()


def user(store: Storage, user_id: int) -> StoredUser | None:
    with store.transaction() as repo:
        return repo.accounts.by_id(user_id)


def find_user(store: Storage, username: str) -> StoredUser | None:
    with store.transaction() as repo:
        return repo.accounts.by_name(username)


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
    """A coach adds an athlete: their record, their account and the coach's link, together."""
    with store.transaction() as repo:
        if repo.accounts.by_name(username) is not None:
            raise InvalidInputError("username", "must be new: that username is taken", username)
        repo.add_athlete(username, {"display_name": display_name} if display_name else {}, now)
        repo.accounts.add(username, password_hash, Role.ATHLETE, now, athlete=username)
        repo.accounts.link(coach_id, username)
    return username


@dataclass(frozen=True, slots=True)
class SquadRow:
    name: str
    display_name: str
    goal_mile_s: float | None  # None: no plan yet
    done_this_week: int
    sessions_this_week: int


def _row(repo: Repository, name: str, now: datetime) -> SquadRow:
    from miler.timezones import today_in

    athlete = repo.athlete(name)
    plan = repo.current_plan(name)
    monday = today_in(now, athlete.profile.get("tz"))
    monday -= timedelta(days=monday.weekday())
    week = repo.sessions(name, monday, monday + timedelta(days=6)) if plan else []
    return SquadRow(name, athlete.profile.get("display_name") or name,
                    float(plan.plan.goal.mile_s) if plan else None,
                    sum(s.status == "done" for s in week), len(week))


def squad(store: Storage, *, coach_id: int | None, athlete: str | None,
          now: datetime) -> list[SquadRow]:
    """A coach's athletes, or the one athlete a viewer is, with this week's progress."""
    with store.transaction() as repo:
        names = repo.accounts.coached(coach_id) if coach_id is not None else (
            [athlete] if athlete else [])
        known = {a.name for a in repo.athletes()}
        return [_row(repo, n, now) for n in names if n in known]
