"""The coach's use cases over storage: athletes, saved plans and their versions, today's
session, moving or skipping one, re-planning after a time trial, and progress.

Each function is gather (repository) -> decide (pure core) -> apply (one transaction).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from miler.adapters.storage.mapping import athlete_from_profile, athlete_to_profile
from miler.adapters.storage.repository import Store, StoredAthlete, StoredPlan, StoredSession
from miler.domain.athlete import Athlete
from miler.domain.progress import (
    HARD_KINDS,
    PlannedRun,
    Run,
    WeekProgress,
    best_mile_by_month,
    rep_report,
    weekly_progress,
)
from miler.errors import InvalidInputError, NotFoundError

__all__ = ["Progress", "Today", "add_athlete", "move_session", "progress", "replan",
           "save_plan", "set_session_status", "today"]


def add_athlete(store: Store, athlete: Athlete, *, now: datetime,
                goal_mile_s: float | None = None, tz: str | None = None) -> StoredAthlete:
    if not athlete.name:
        raise InvalidInputError("NAME", "must not be empty", athlete.name)
    with store.transaction() as repo:
        return repo.add_athlete(athlete.name, athlete_to_profile(athlete, goal_mile_s, tz), now)


def _generate(athlete: Athlete, inputs: dict[str, Any]) -> dict[str, Any]:
    from miler.domain.planner import generate_plan

    def day(key: str) -> date | None:
        return date.fromisoformat(inputs[key]) if inputs.get(key) else None

    from miler.data import runner_age_table

    plan = generate_plan(athlete, start=day("start"), weeks=inputs.get("weeks"),
                         race_date=day("race_date"), goal_mile_s=inputs.get("goal_mile_s"),
                         time_trial_s=inputs.get("time_trial_s"),
                         insist=bool(inputs.get("insist")),
                         age_table=runner_age_table(athlete.sex))
    doc: dict[str, Any] = plan.to_doc()
    return doc


def save_plan(store: Store, name: str, *, start: date, now: datetime, weeks: int | None = None,
              race_date: date | None = None, reason: str = "first plan") -> StoredPlan:
    """Plan for the stored athlete and keep it as their next plan version."""
    with store.transaction() as repo:
        stored = repo.athlete(name)
        inputs = {"start": start.isoformat(), "weeks": weeks,
                  "race_date": race_date.isoformat() if race_date else None,
                  "goal_mile_s": stored.profile.get("goal_mile_s")}
        doc = _generate(athlete_from_profile(name, stored.profile), inputs)
        return repo.save_plan(name, inputs, doc, reason, now)


def replan(store: Store, name: str, *, mile_s: float, reason: str,
           now: datetime) -> StoredPlan:
    """A new version of the current plan with paces re-set from a new mile time; sessions
    already done, skipped or moved keep their state (session ids are stable)."""
    with store.transaction() as repo:
        current = repo.current_plan(name)
        if current is None:
            raise NotFoundError(f"{name} has no saved plan; make one with `miler plan --save`")
        old = {s.session_id: s for s in repo.sessions(name)}
        inputs = {**current.inputs, "time_trial_s": mile_s}
        doc = _generate(athlete_from_profile(name, repo.athlete(name).profile), inputs)
        saved = repo.save_plan(name, inputs, doc, reason, now)
        for session in repo.sessions(name):
            before = old.get(session.session_id)
            if before is None:
                continue
            if before.day != session.day:
                repo.move_session(name, session.session_id, before.day)
            if before.status != "planned":
                repo.mark_session(name, session.session_id, before.status,
                                  activity_id=before.activity_id)
        return saved


def set_session_status(store: Store, name: str, session_id: str, status: str) -> StoredSession:
    if status not in {"done", "skipped", "planned"}:
        raise InvalidInputError("status", "must be done, skipped or planned", status)
    with store.transaction() as repo:
        return repo.mark_session(name, session_id, status)


def move_session(store: Store, name: str, session_id: str, to: date) -> StoredSession:
    """Move a session, keeping the plan's rules: no two hard days in a row, inside the plan."""
    with store.transaction() as repo:
        sessions = repo.sessions(name)
        moving = next((s for s in sessions if s.session_id == session_id), None)
        if moving is None:
            raise NotFoundError(f"no session {session_id!r} in {name}'s current plan")
        plan = repo.current_plan(name)
        assert plan is not None  # a session implies a plan
        first, race = (date.fromisoformat(plan.doc[k]) for k in ("start_date", "race_date"))
        if not first <= to <= race:
            raise InvalidInputError("--to", f"must be inside the plan, {first} to {race}",
                                    to.isoformat())
        if moving.kind == "race":
            raise InvalidInputError("ID", "is the race: change the race date with a new plan",
                                    session_id)
        if moving.intensity == "hard" and moving.kind in HARD_KINDS:
            _check_no_hard_neighbour(sessions, moving, to)
        return repo.move_session(name, session_id, to)


def _check_no_hard_neighbour(sessions: list[StoredSession], moving: StoredSession,
                             to: date) -> None:
    for other in sessions:
        if other.session_id == moving.session_id or other.status == "skipped":
            continue
        if other.kind in HARD_KINDS and other.intensity == "hard" \
                and abs((other.day - to).days) <= 1:
            raise InvalidInputError(
                "--to", f"must not make two hard days in a row: {other.title} is on "
                f"{other.day.isoformat()}", to.isoformat())


@dataclass(frozen=True, slots=True)
class Today:
    day: date
    sessions: tuple[dict[str, Any], ...]  # today's session documents, with their status
    yesterday: tuple[tuple[StoredSession, float | None], ...]  # and the distance run
    missed: tuple[StoredSession, ...]  # hard sessions of the last week not done
    advice: str


def today(store: Store, name: str, day: date) -> Today:
    with store.transaction() as repo:
        plan = repo.current_plan(name)
        if plan is None:
            raise NotFoundError(f"{name} has no saved plan; make one with `miler plan --save`")
        sessions = repo.sessions(name, day - timedelta(days=7), day)
        runs = {a.id: a.distance_m for a in repo.activities(name, since=day - timedelta(1))}
    docs = {s["id"]: s for w in plan.doc["weeks"] for s in w["sessions"]}
    todays = tuple({**docs[s.session_id], "date": s.day.isoformat(), "status": s.status}
                   for s in sessions if s.day == day)
    yesterday = tuple((s, runs.get(s.activity_id) if s.activity_id else None)
                      for s in sessions if s.day == day - timedelta(days=1))
    missed = tuple(s for s in sessions if s.day < day and s.status == "planned"
                   and s.kind in HARD_KINDS and s.intensity == "hard")
    return Today(day, todays, yesterday, missed, _advice(missed, sessions, day))


def _advice(missed: tuple[StoredSession, ...], sessions: list[StoredSession], day: date) -> str:
    runs_missed = [s for s in sessions if s.day < day and s.status == "planned"
                   and s.kind not in {"rest", "strength", "mobility", "drills", "cross"}]
    if len(runs_missed) >= 5:
        return ("Most of a week's running was missed: the goal date is at risk. Start again "
                "gently, or save a new plan with a later race date.")
    if missed:
        return (f"{len(missed)} hard session(s) missed this week: do not cram them in; move the "
                "most important one to a free day with `miler session move`, never next to "
                "another hard day.")
    return "On track." if sessions else ""


@dataclass(frozen=True, slots=True)
class Progress:
    weeks: tuple[WeekProgress, ...]
    speed_sessions: tuple[tuple[str, str, tuple[Any, ...]], ...]  # (date, title, reps)
    best_miles: tuple[tuple[str, float, date], ...]
    age_grades: tuple[tuple[date, float, float], ...]  # (day, mile s, percent)


def progress(store: Store, name: str) -> Progress:
    with store.transaction() as repo:
        athlete = repo.athlete(name)
        plan = repo.current_plan(name)
        sessions = repo.sessions(name)
        activities = repo.activities(name)
        results = repo.results(name)
    runs = [Run.from_doc(str(a.id), a.day, a.doc) for a in activities
            if a.sport in {"running", "multisport"}]
    done = [s.session_id for s in sessions if s.status == "done"]
    weeks = weekly_progress(plan.doc, runs, done) if plan else ()
    docs = {s["id"]: s for w in plan.doc["weeks"] for s in w["sessions"]} if plan else {}
    by_run = {r.key: r for r in runs}
    speed = []
    for s in sessions:
        run = by_run.get(str(s.activity_id))
        if run is not None and s.kind in HARD_KINDS and s.session_id in docs:
            planned = PlannedRun.from_doc(docs[s.session_id])
            if planned.reps:
                speed.append((s.day.isoformat(), s.title, rep_report(run, planned)))
    timed = [Run(f"result-{i}", r.day, 0.0, r.time_s, best_mile_s=r.time_s)
             for i, r in enumerate(results) if abs(r.distance_m - 1609.344) < 1]
    best = best_mile_by_month([*runs, *timed])
    return Progress(weeks, tuple(speed), best, _age_grades(athlete, best))


def _age_grades(athlete: StoredAthlete,
                best: tuple[tuple[str, float, date], ...]) -> tuple[tuple[date, float, float], ...]:
    from miler.data import age_table
    from miler.domain.age_grading import Sex, age_grade
    from miler.domain.units import Venue

    age, sex = athlete.profile.get("age"), athlete.profile.get("sex")
    if age is None or sex is None:
        return ()
    table = age_table(Venue.ROAD, Sex(sex))
    return tuple((day, mile, age_grade(mile, age, table).percent) for _, mile, day in best)
