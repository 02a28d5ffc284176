"""An in-memory ``Storage`` for service tests: the ``Repository`` port over plain lists.

A transaction works on a deep copy of the state and keeps it only when the block ends
without an exception, so "a failed use case changes nothing" is tested here as on a real
database. ``transactions`` counts the units of work a use case took.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from miler.errors import InvalidInputError, NotFoundError
from miler.services.ports import (
    AthleteVersion,
    AthleteWeek,
    KeptState,
    KeptSummary,
    Role,
    RunsAdded,
    StoredActivity,
    StoredAthlete,
    StoredPlan,
    StoredResult,
    StoredSession,
    StoredUser,
)


@dataclass
class _Activity:
    athlete: str
    sha256: str | None
    record: StoredActivity


@dataclass
class _State:
    athletes: dict[str, StoredAthlete] = field(default_factory=dict)
    plans: dict[str, list[StoredPlan]] = field(default_factory=dict)
    sessions: dict[str, list[StoredSession]] = field(default_factory=dict)  # current plan's
    activities: list[_Activity] = field(default_factory=list)
    results: dict[str, list[tuple[StoredResult, int | None]]] = field(default_factory=dict)
    users: list[StoredUser] = field(default_factory=list)
    links: set[tuple[int, str]] = field(default_factory=set)
    versions: dict[int, int] = field(default_factory=dict)  # user id: session version
    web_sessions: dict[str, tuple[int, int, datetime, datetime]] = field(default_factory=dict)
    data_versions: dict[str, int] = field(default_factory=dict)  # athlete: writes so far
    kept: dict[tuple[str, str], KeptSummary] = field(default_factory=dict)  # (athlete, kind)


class FakeAccounts:
    def __init__(self, state: _State) -> None:
        self._s = state

    def count(self) -> int:
        return len(self._s.users)

    def add(self, username: str, password_hash: str, role: Role, now: datetime,
            athlete: str | None = None) -> StoredUser:
        if self.by_name(username) is not None:
            raise InvalidInputError("username", "must be new: that username is taken", username)
        if athlete is not None and athlete not in self._s.athletes:
            raise NotFoundError(f"no athlete named {athlete!r}")
        user = StoredUser(len(self._s.users) + 1, username, password_hash, role, athlete)
        self._s.users.append(user)
        return user

    def add_first_coach(self, username: str, password_hash: str,
                        now: datetime) -> StoredUser | None:
        return None if self._s.users else self.add(username, password_hash, Role.COACH, now)

    def by_name(self, username: str) -> StoredUser | None:
        return next((u for u in self._s.users if u.username == username), None)

    def by_id(self, user_id: int) -> StoredUser | None:
        return next((u for u in self._s.users if u.id == user_id), None)

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        user = self.by_id(user_id)
        if user is None:
            raise NotFoundError(f"no user with id {user_id}")
        self._s.users[self._s.users.index(user)] = replace(user, password_hash=password_hash)

    def users(self) -> list[StoredUser]:
        return sorted(self._s.users, key=lambda u: (u.role != Role.COACH, u.username))

    def end_sessions(self, user_id: int) -> None:
        if self.by_id(user_id) is None:
            raise NotFoundError(f"no user with id {user_id}")
        self._s.versions[user_id] = self._s.versions.get(user_id, 0) + 1
        self._s.web_sessions = {k: v for k, v in self._s.web_sessions.items()
                                if v[0] != user_id}

    def open_session(self, user_id: int, token_hash: str, now: datetime,
                     expires: datetime, keep: int) -> None:
        if self.by_id(user_id) is None:
            raise NotFoundError(f"no user with id {user_id}")
        live = {k: v for k, v in self._s.web_sessions.items() if v[3] > now}
        mine = sorted((v[2], k) for k, v in live.items() if v[0] == user_id)
        for _, k in mine[:max(len(mine) - keep + 1, 0)]:
            del live[k]
        live[token_hash] = (user_id, self._s.versions.get(user_id, 0), now, expires)
        self._s.web_sessions = live

    def session_user(self, token_hash: str, now: datetime) -> StoredUser | None:
        found = self._s.web_sessions.get(token_hash)
        if found is None or found[3] <= now or found[1] != self._s.versions.get(found[0], 0):
            return None
        return self.by_id(found[0])

    def end_session(self, token_hash: str) -> None:
        self._s.web_sessions.pop(token_hash, None)

    def link(self, coach_id: int, athlete: str) -> None:
        if athlete not in self._s.athletes:
            raise NotFoundError(f"no athlete named {athlete!r}")
        self._s.links.add((coach_id, athlete))

    def coached(self, coach_id: int) -> list[str]:
        return sorted(name for coach, name in self._s.links if coach == coach_id)

    def coaches(self, coach_id: int, athlete: str) -> bool:
        return (coach_id, athlete) in self._s.links

    def session_user_of(self, token_hash: str, now: datetime,
                        athlete: str) -> tuple[StoredUser | None, bool]:
        user = self.session_user(token_hash, now)
        return user, user is not None and self.coaches(user.id, athlete)


class FakeRepository:
    def __init__(self, state: _State) -> None:
        self._s = state

    @property
    def accounts(self) -> FakeAccounts:
        return FakeAccounts(self._s)

    def _known(self, name: str) -> StoredAthlete:
        if name not in self._s.athletes:
            raise NotFoundError(f"no athlete named {name!r}; add one with `miler athlete add`")
        return self._s.athletes[name]

    def add_athlete(self, name: str, profile: dict[str, Any], now: datetime) -> StoredAthlete:
        if name in self._s.athletes:
            raise InvalidInputError("name", "must be new: an athlete of that name exists", name)
        self._s.athletes[name] = StoredAthlete(name, dict(profile), {})
        return self._s.athletes[name]

    def update_athlete(self, name: str, *, profile: dict[str, Any] | None = None,
                       history: dict[str, Any] | None = None) -> StoredAthlete:
        old = self._known(name)
        self._touch(name)
        new = StoredAthlete(name, dict(profile if profile is not None else old.profile),
                            dict(history if history is not None else old.history))
        self._s.athletes[name] = new
        return new

    def athlete(self, name: str) -> StoredAthlete:
        return self._known(name)

    def data_version(self, name: str) -> AthleteVersion:
        return AthleteVersion(str(self._s.data_versions.get(name, 0)),
                              dict(self._known(name).profile))

    def versions(self, names: Sequence[str]) -> list[tuple[str, AthleteVersion]]:
        return [(name, self.data_version(name)) for name in dict.fromkeys(names)
                if name in self._s.athletes]

    def kept_summary(self, name: str, kind: str) -> KeptSummary | None:
        self._known(name)
        return self._s.kept.get((name, kind))

    def kept_state(self, name: str, kind: str) -> KeptState:
        plans = self._s.plans.get(name, [])
        return KeptState(self.data_version(name), self.kept_summary(name, kind),
                         self.runs_stamp(name), plans[-1].version if plans else None)

    def keep_summary(self, name: str, kind: str, summary: KeptSummary) -> bool:
        if summary.data_version != self.data_version(name).version:
            return False
        # through JSON, as a database keeps it (dates as text, floats to the last bit)
        self._s.kept[name, kind] = replace(summary, doc=json.loads(json.dumps(summary.doc)))
        return True

    def weeks(self, names: Sequence[str],
              week_of: Callable[[dict[str, Any]], tuple[date, date]]) -> list[AthleteWeek]:
        out = []
        for name in dict.fromkeys(names):
            if name in self._s.athletes:
                profile = dict(self._s.athletes[name].profile)
                plan = self.current_plan(name)
                week = Counter(s.status for s in self.sessions(name, *week_of(profile))) \
                    if plan else Counter()
                out.append(AthleteWeek(name, profile,
                                       float(plan.doc["goal"]["mile_s"]) if plan else None,
                                       tuple(sorted(week.items()))))
        return out

    def _touch(self, name: str) -> None:
        self._s.data_versions[name] = self._s.data_versions.get(name, 0) + 1

    def athletes(self) -> list[StoredAthlete]:
        return [self._s.athletes[n] for n in sorted(self._s.athletes)]

    def names(self) -> list[str]:
        return sorted(self._s.athletes)

    def save_plan(self, name: str, inputs: dict[str, Any], doc: dict[str, Any], reason: str,
                  now: datetime) -> StoredPlan:
        self._known(name)
        self._touch(name)
        plans = self._s.plans.setdefault(name, [])
        plan = StoredPlan(len(plans) + 1, reason, dict(inputs), copy.deepcopy(doc), now)
        plans.append(plan)
        self._s.sessions[name] = [
            StoredSession(s["id"], date.fromisoformat(s["date"]), s["kind"], s["intensity"],
                          s["title"], s.get("planned_distance_m"), "planned", None)
            for week in doc["weeks"] for s in week["sessions"]]
        return plan

    def current_plan(self, name: str) -> StoredPlan | None:
        self._known(name)
        plans = self._s.plans.get(name, [])
        return plans[-1] if plans else None

    def plans(self, name: str) -> list[StoredPlan]:
        self._known(name)
        return list(self._s.plans.get(name, []))

    def sessions(self, name: str, start: date | None = None,
                 end: date | None = None) -> list[StoredSession]:
        self._known(name)
        found = [s for s in self._s.sessions.get(name, [])
                 if (start is None or s.day >= start) and (end is None or s.day <= end)]
        return sorted(found, key=lambda s: s.day)

    def _set(self, name: str, session_id: str, **changes: Any) -> StoredSession:
        self._known(name)
        self._touch(name)
        rows = self._s.sessions.get(name, [])
        for i, s in enumerate(rows):
            if s.session_id == session_id:
                rows[i] = replace(s, **changes)
                return rows[i]
        raise NotFoundError(f"no session {session_id!r} in {name}'s current plan")

    def mark_session(self, name: str, session_id: str, status: str,
                     activity_id: int | None = None, note: str | None = None) -> StoredSession:
        changes: dict[str, Any] = {"status": status}
        if activity_id is not None:
            changes["activity_id"] = activity_id
        if note is not None:
            changes["note"] = note
        return self._set(name, session_id, **changes)

    def move_session(self, name: str, session_id: str, day: date) -> StoredSession:
        return self._set(name, session_id, day=day)

    def activity_of_file(self, name: str, sha256: str) -> StoredActivity | None:
        self._known(name)
        return next((a.record for a in self._s.activities
                     if a.athlete == name and a.sha256 == sha256), None)

    def known_files(self, name: str) -> frozenset[str]:
        self._known(name)
        return frozenset(a.sha256 for a in self._s.activities
                         if a.athlete == name and a.sha256 is not None)

    def add_activity(self, name: str, *, day: date, doc: dict[str, Any], now: datetime,
                     sha256: str | None = None, path: str | None = None,
                     kind: str | None = None) -> StoredActivity:
        self._known(name)
        self._touch(name)
        best = doc.get("best_efforts", {}).get("mile")
        record = StoredActivity(max((a.record.id for a in self._s.activities), default=0) + 1,
                                day, doc["sport"], kind,
                                doc["distance_m"], doc.get("elapsed_s"), doc.get("moving_s"),
                                best["elapsed_s"] if best else None, path, dict(doc), sha256)
        self._s.activities.append(_Activity(name, sha256, record))
        return record

    def activity(self, name: str, activity_id: int) -> StoredActivity:
        found = next((a.record for a in self._s.activities
                      if a.athlete == self._known(name).name and a.record.id == activity_id),
                     None)
        if found is None:
            raise NotFoundError(f"no activity {activity_id} for {name}")
        return found

    def activities(self, name: str, since: date | None = None, *, docs: bool = True,
                   ids: Collection[int] | None = None) -> list[StoredActivity]:
        self._known(name)
        found = [a.record if docs else replace(a.record, doc={})
                 for a in self._s.activities if a.athlete == name
                 and (since is None or a.record.day >= since)
                 and (ids is None or a.record.id in ids)]
        return sorted(found, key=lambda a: (a.day, a.id))

    def runs_stamp(self, name: str) -> str:
        self._known(name)
        runs = [a.record.id for a in self._s.activities if a.athlete == name]
        results = len(self._s.results.get(name, []))  # a result's id: its place, from 1
        return f"{len(runs)}.{max(runs, default=0)}.{results}.{results}"

    def runs_added(self, name: str, since: str, stamp: str) -> RunsAdded | None:
        self._known(name)
        try:
            old, now = ([int(p) for p in s.split(".")] for s in (since, stamp))
        except ValueError:
            return None
        if len(old) != 4 or len(now) != 4:
            return None
        added = [a.record for a in self._s.activities
                 if a.athlete == name and old[1] < a.record.id <= now[1]]
        days = [r.day for r, _ in self._s.results.get(name, [])[old[3]:now[3]]]
        if (len(added), len(days)) != (now[0] - old[0], now[2] - old[2]):
            return None
        return RunsAdded(tuple(replace(a, doc={}) for a in sorted(added,
                                                                  key=lambda a: (a.day, a.id))),
                         tuple(sorted(days)))

    def add_result(self, name: str, day: date, kind: str, distance_m: float, time_s: float,
                   activity_id: int | None = None) -> StoredResult:
        self._known(name)
        self._touch(name)
        result = StoredResult(day, kind, distance_m, time_s)
        self._s.results.setdefault(name, []).append((result, activity_id))
        return result

    def results(self, name: str) -> list[StoredResult]:
        self._known(name)
        return sorted((r for r, _ in self._s.results.get(name, [])), key=lambda r: r.day)


class FakeStorage:
    """The ``Storage`` port in memory."""

    def __init__(self) -> None:
        self.state = _State()
        self.transactions = 0

    @contextmanager
    def transaction(self) -> Iterator[FakeRepository]:
        self.transactions += 1
        work = copy.deepcopy(self.state)
        yield FakeRepository(work)
        self.state = work  # reached only when the block did not raise

    def version(self, name: str) -> AthleteVersion | None:
        if name not in self.state.athletes:
            return None
        return FakeRepository(self.state).data_version(name)

    def dump(self) -> dict[str, Any]:
        return {"schema": "miler.fake/1", "state": copy.deepcopy(self.state)}

    def load(self, doc: dict[str, Any], replace: bool = False) -> dict[str, int]:
        if self.state.athletes and not replace:
            raise InvalidInputError("restore", "needs an empty database", "FILE")
        self.state = copy.deepcopy(doc["state"])
        return {"athletes": len(self.state.athletes)}

    def close(self) -> None:
        pass

    @contextmanager
    def importing(self, name: str) -> Iterator[FakeStorage]:
        """An import's transactions: the fake's own (``NotFoundError`` for an unknown
        athlete at once)."""
        with self.transaction() as repo:
            repo.athlete(name)
        yield self
