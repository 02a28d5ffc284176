"""The coach's use cases over storage: athletes, saved plans and their versions, today's
session, moving or skipping one, and re-planning after a time trial.

Each function is one use case and one transaction: gather (repository) -> decide (pure
core) -> apply. When it raises, nothing it did is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from miler.errors import InvalidInputError, NotFoundError

if TYPE_CHECKING:  # annotations only: `miler plan` without storage loads neither, and
    # `miler today`'s fast path no runner (domain.athlete and its age grading: ~6 ms)
    from miler.domain.athlete import Athlete
    from miler.domain.plan_view import SessionView
    from miler.services.ports import (
        AthleteVersion,
        PlanReads,
        PlanReadStore,
        Repository,
        Storage,
        StoredAthlete,
        StoredPlan,
        StoredResult,
        StoredSession,
    )

__all__ = ["AthleteCard", "PlanState", "Today", "add_athlete", "athlete_card", "athletes",
           "keep_plan", "make_plan", "move_session", "next_monday", "page_version",
           "plan_state", "replan",
           "save_plan", "set_session_status", "the_athlete", "the_athlete_in", "today"]


def next_monday(today: date) -> date:
    """A plan's default start: the next Monday (today, when today is one)."""
    return today + timedelta(days=(7 - today.weekday()) % 7)


def add_athlete(store: Storage, athlete: Athlete, *, now: datetime,
                goal_mile_s: float | None = None, tz: str | None = None) -> StoredAthlete:
    from miler.adapters.storage.mapping import athlete_to_profile
    from miler.timezones import time_zone

    key, shown = _names(athlete.name or "", "NAME")
    if tz:
        time_zone(tz)
    profile = {**athlete_to_profile(athlete, goal_mile_s, tz), "display_name": shown}
    with store.transaction() as repo:
        added = repo.add_athlete(key, profile, now)
        _keep_progress(repo, key)
        return added


def _names(text: str, field: str) -> tuple[str, str]:
    """(id, display name) of the runner called ``text``: the one rule, in domain/names.py."""
    from miler.domain.names import athlete_id, display_name

    return athlete_id(text, field), display_name(text, field)


def the_athlete(store: Storage, name: str | None) -> str:
    """The id of the athlete named (by display name or id), or of the only one there is
    (``--athlete`` may then be left out)."""
    with store.transaction() as repo:
        return the_athlete_in(repo, name)


def the_athlete_in(repo: PlanReads, name: str | None, field: str = "--athlete") -> str:
    """:func:`the_athlete` inside the caller's transaction: for use cases a shell calls
    with ``--athlete`` as typed (None: the only athlete)."""
    from miler.domain.names import athlete_among

    return athlete_among(repo.names(), name, field)


def athletes(store: Storage) -> list[tuple[StoredAthlete, StoredPlan | None]]:
    """Every athlete with their current plan."""
    with store.transaction() as repo:
        return [(a, repo.current_plan(a.name)) for a in repo.athletes()]


@dataclass(frozen=True, slots=True)
class AthleteCard:
    athlete: StoredAthlete
    plans: list[StoredPlan]
    results: list[StoredResult]


def athlete_card(store: Storage, name: str) -> AthleteCard:
    with store.transaction() as repo:
        name = the_athlete_in(repo, name, "NAME")
        return AthleteCard(repo.athlete(name), repo.plans(name), repo.results(name))


@dataclass(frozen=True, slots=True)
class PlanState:
    """The current plan with its sessions' states and the athlete's profile."""

    plan: StoredPlan
    sessions: list[StoredSession]
    profile: dict[str, Any]


def plan_state(store: Storage, name: str) -> PlanState | None:
    """None when the athlete has no plan yet, or is not stored yet."""
    with store.transaction() as repo:
        try:
            plan = repo.current_plan(name)
        except NotFoundError:
            return None
        if plan is None:
            return None
        return PlanState(plan, repo.sessions(name), repo.athlete(name).profile)


def page_version(store: Storage, name: str) -> AthleteVersion | None:
    """Where the athlete's data stands (pages are kept under it); None when not stored."""
    return store.version(name)


def make_plan(runner: Athlete, inputs: Mapping[str, Any]) -> dict[str, Any]:
    """``miler plan``: the plan document for ``runner``. ``inputs`` are what a kept plan
    keeps: start, weeks, race_date (ISO dates or None), goal_mile_s, time_trial_s, insist,
    and estimate_mile_s with estimate_basis (the fitness estimate from the history, used
    when there is no test mile)."""
    from miler.data import runner_age_table
    from miler.domain.planner import generate_plan

    def day(key: str) -> date | None:
        return date.fromisoformat(inputs[key]) if inputs.get(key) else None

    estimate = inputs.get("estimate_mile_s")
    plan = generate_plan(runner, start=day("start"), weeks=inputs.get("weeks"),
                         race_date=day("race_date"), goal_mile_s=inputs.get("goal_mile_s"),
                         time_trial_s=inputs.get("time_trial_s"),
                         insist=bool(inputs.get("insist")),
                         age_table=runner_age_table(runner.sex),
                         estimate=(float(estimate), str(inputs.get("estimate_basis") or ""))
                         if estimate else None)
    doc: dict[str, Any] = plan.to_doc()
    return doc


def plan_in(repo: Repository, name: str, *, start: date, now: datetime, weeks: int | None,
            race_date: date | None, reason: str) -> StoredPlan:
    """Plan for the stored athlete inside ``repo``'s transaction; keep it as their next
    version. For use cases that do more in the same unit of work (onboarding)."""
    from miler.adapters.storage.mapping import athlete_from_profile

    stored = repo.athlete(name)
    inputs = {"start": start.isoformat(), "weeks": weeks,
              "race_date": race_date.isoformat() if race_date else None,
              "goal_mile_s": stored.profile.get("goal_mile_s"),
              "insist": bool(stored.profile.get("insist"))}
    if stored.profile.get("test_mile_s") is None:
        inputs |= estimate_inputs(repo, name, now.date())
    doc = make_plan(athlete_from_profile(name, stored.profile), inputs)
    return repo.save_plan(name, inputs, doc, reason, now)


def estimate_inputs(repo: Repository, name: str, today: date) -> dict[str, Any]:
    """The fitness estimate from ``name``'s stored runs of the last ``RECENT_WEEKS``, as plan
    inputs; none when there is not enough hard running."""
    from miler.errors import NotEnoughDataError
    from miler.services.fitness import fitness_in

    try:
        found = fitness_in(repo, name, today)
    except NotEnoughDataError:
        return {}
    return {"estimate_mile_s": round(found.mile_s, 1), "estimate_basis": found.basis}


def save_plan(store: Storage, name: str, *, start: date, now: datetime,
              weeks: int | None = None, race_date: date | None = None,
              reason: str = "first plan") -> StoredPlan:
    """Plan for the stored athlete and keep it as their next plan version."""
    with store.transaction() as repo:
        saved = plan_in(repo, name, start=start, now=now, weeks=weeks, race_date=race_date,
                        reason=reason)
        _keep_progress(repo, name)
        return saved


def keep_plan(store: Storage, runner: Athlete, inputs: Mapping[str, Any], *, now: datetime,
              tz: str | None = None,
              before_commit: Callable[[StoredPlan], None] | None = None) -> StoredPlan:
    """``miler plan --save``: the plan made from ``inputs`` (as :func:`make_plan`) and the
    runner's profile, kept together with what the plan was made from, so that a re-plan
    starts from the same place. ``before_commit(saved)`` runs last inside the transaction (the
    CLI writes its files there, the calendar with the version): when it raises, nothing is
    kept."""
    from miler.adapters.storage.mapping import athlete_to_profile
    from miler.timezones import time_zone

    doc = make_plan(runner, inputs)
    if not runner.name:
        raise InvalidInputError("--athlete", "is needed with --save", "")
    _names(runner.name, "--athlete")
    if tz:
        time_zone(tz)
    profile = athlete_to_profile(runner, inputs.get("goal_mile_s"), tz,
                                 bool(inputs.get("insist")))
    with store.transaction() as repo:
        key = the_athlete_in(repo, runner.name)
        known = key in {a.name for a in repo.athletes()}
        if known:
            shown = repo.athlete(key).profile.get("display_name")
            repo.update_athlete(key, profile={**profile, "display_name": shown or key})
        else:
            repo.add_athlete(key, {**profile, "display_name": runner.name.strip()}, now)
        saved = repo.save_plan(key, {**inputs, "start": doc["start_date"]}, doc,
                               "new plan" if known else "first plan", now)
        _keep_progress(repo, key)
        if before_commit is not None:
            before_commit(saved)
        return saved


def replan_in(repo: Repository, name: str, *, mile_s: float, reason: str,
              now: datetime) -> StoredPlan:
    """A new version of the current plan with paces re-set from a new mile time; sessions
    already done, skipped or moved keep their state (session ids are stable)."""
    from miler.adapters.storage.mapping import athlete_from_profile

    current = repo.current_plan(name)
    if current is None:
        raise NotFoundError(f"{name} has no saved plan; make one with `miler plan --save`")
    old = {s.session_id: s for s in repo.sessions(name)}
    inputs = {**current.inputs, "time_trial_s": mile_s}
    doc = make_plan(athlete_from_profile(name, repo.athlete(name).profile), inputs)
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


def replan(store: Storage, name: str, *, mile_s: float, reason: str,
           now: datetime) -> StoredPlan:
    with store.transaction() as repo:
        saved = replan_in(repo, name, mile_s=mile_s, reason=reason, now=now)
        _keep_progress(repo, name)
        return saved


def set_session_status(store: Storage, name: str | None, session_id: str,
                       status: str) -> StoredSession:
    """Mark a session of ``name`` (None: the only athlete) done, skipped or planned."""
    if status not in {"done", "skipped", "planned"}:
        raise InvalidInputError("status", "must be done, skipped or planned", status)
    with store.transaction() as repo:
        name = the_athlete_in(repo, name)
        if status != "planned" and any(s.session_id == session_id and s.kind == "rest"
                                       for s in repo.sessions(name)):
            raise InvalidInputError("status", "must be planned for a rest day (rest is not "
                                    "done or skipped)", status)
        marked = repo.mark_session(name, session_id, status)
        _keep_progress(repo, name)
        return marked


def move_session(store: Storage, name: str | None, session_id: str,
                 to: date) -> StoredSession:
    """Move a session of ``name`` (None: the only athlete), keeping the plan's rules: no two
    hard days in a row, inside the plan."""
    from miler.domain.moves import check_move

    with store.transaction() as repo:
        name = the_athlete_in(repo, name)
        sessions = repo.sessions(name)
        moving = next((s for s in sessions if s.session_id == session_id), None)
        plan = repo.current_plan(name)
        if moving is None or plan is None:
            raise NotFoundError(f"no session {session_id!r} in {name}'s current plan")
        check_move(sessions, moving, to, first=plan.plan.start_date, race=plan.plan.race_date)
        moved = repo.move_session(name, session_id, to)
        _keep_progress(repo, name)
        return moved


def _keep_progress(repo: Repository, name: str) -> None:
    """``services.progress.keep_progress_in``, loaded only by the use cases that write (a
    ``miler plan`` without storage loads none of it)."""
    from miler.services.progress import keep_progress_in

    keep_progress_in(repo, name)


@dataclass(frozen=True, slots=True)
class Today:
    day: date
    sessions: tuple[tuple[SessionView, str], ...]  # today's sessions, with their status
    yesterday: tuple[tuple[StoredSession, float | None], ...]  # and the distance run
    missed: tuple[StoredSession, ...]  # hard sessions of the last week not done
    advice: str


def today(store: PlanReadStore, name: str | None, day: date) -> Today:
    """``name``'s (None: the only athlete's) sessions of ``day``, how yesterday went, advice.
    It only reads (``PlanReads``): ``miler today``'s fast path hands it a read-only store."""
    from miler.domain.advice import advice, missed_hard

    with store.transaction() as repo:
        name = the_athlete_in(repo, name)
        plan = repo.current_plan(name)
        if plan is None:
            raise NotFoundError(f"{name} has no saved plan; make one with `miler plan --save`")
        sessions = repo.sessions(name, day - timedelta(days=7), day)
        runs = {a.id: a.distance_m
                for a in repo.activities(name, since=day - timedelta(1), docs=False)}
    planned = {s.id: s for s in plan.plan.sessions}
    todays = tuple((replace(planned[s.session_id], date=s.day), s.status)
                   for s in sessions if s.day == day)
    yesterday = tuple((s, runs.get(s.activity_id) if s.activity_id else None)
                      for s in sessions if s.day == day - timedelta(days=1))
    missed = tuple(s for s in sessions if s in missed_hard(sessions, day))
    return Today(day, todays, yesterday, missed, advice(sessions, day))
