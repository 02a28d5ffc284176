"""Onboarding: the runner's answers -> their stored profile, a saved plan and, when they know
it, their test mile as the first result. One transaction: an answer the planner refuses
(an impossible race date, say) leaves the stored profile and plan exactly as they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from miler.domain.athlete import Athlete
from miler.domain.units import METERS_PER_MILE
from miler.errors import NotFoundError
from miler.services.ports import Repository, Storage, StoredPlan
from miler.services.progress import keep_progress_in

__all__ = ["Answers", "OnboardingState", "athlete_of", "onboard", "onboarding_state"]


@dataclass(frozen=True, slots=True)
class Answers:
    """What onboarding asks. Times in seconds; ``test_mile_s`` None means "I don't know";
    ``training_days`` None means the planner's usual week (every day but Monday)."""

    weekly_miles: float
    test_mile_s: float | None = None
    goal_mile_s: float | None = None
    insist: bool = False  # keep the goal even when miler would suggest another
    training_days: tuple[str, ...] | None = None
    long_run_day: str | None = None
    age: int | None = None
    sex: str | None = None
    units: str = "mi"
    start: date | None = None
    race_date: date | None = None
    weeks: int | None = None
    name: str | None = None  # what to call the runner on the pages
    tz: str | None = None  # the runner's time zone: their dates


def athlete_of(answers: Answers, key: str) -> Athlete:
    """The domain's runner for ``answers``: it refuses what cannot be planned for."""
    from miler.domain.athlete import DEFAULT_TRAINING_DAYS, Sex, Units, Weekday

    days = DEFAULT_TRAINING_DAYS if answers.training_days is None else frozenset(
        Weekday.parse(day, "training days") for day in answers.training_days)
    return Athlete(
        weekly_miles=answers.weekly_miles, test_mile_s=answers.test_mile_s,
        training_days=days,
        long_run_day=(Weekday.parse(answers.long_run_day, "long-run day")
                      if answers.long_run_day else None),
        age=answers.age, sex=Sex(answers.sex) if answers.sex else None,
        units=Units(answers.units), name=key)


def _profile(answers: Answers, athlete: Athlete) -> dict[str, Any]:
    from miler.adapters.storage.mapping import athlete_to_profile
    from miler.timezones import time_zone

    if answers.tz:
        time_zone(answers.tz, "tz")
    profile = athlete_to_profile(athlete, answers.goal_mile_s, answers.tz, answers.insist)
    return {**profile, "display_name": answers.name} if answers.name else profile


def _store_profile(repo: Repository, key: str, profile: dict[str, Any],
                   now: datetime) -> bool:
    """Add or update the athlete; True when they already had a plan (a re-plan)."""
    try:
        before = repo.athlete(key).profile
    except NotFoundError:
        repo.add_athlete(key, profile, now)
        return False
    kept = {"display_name": before["display_name"]} if "display_name" in before else {}
    repo.update_athlete(key, profile={**kept, **profile})
    return repo.current_plan(key) is not None


def onboard(store: Storage, key: str, answers: Answers, *, today: date,
            now: datetime) -> StoredPlan:
    """Store the runner's profile, plan and keep the plan as their next version; a known
    test mile is kept as a result (the first point of their best-mile chart)."""
    from miler.services.coaching import next_monday, plan_in

    profile = _profile(answers, athlete_of(answers, key))
    with store.transaction() as repo:
        replanning = _store_profile(repo, key, profile, now)
        plan = plan_in(repo, key, start=answers.start or next_monday(today), now=now,
                       weeks=answers.weeks, race_date=answers.race_date,
                       reason="onboarding again" if replanning else "onboarding")
        if answers.test_mile_s is not None:
            known = {(r.day, r.kind, r.time_s) for r in repo.results(key)}
            if (today, "test_mile", answers.test_mile_s) not in known:  # not again on re-plan
                repo.add_result(key, today, "test_mile", METERS_PER_MILE, answers.test_mile_s)
        keep_progress_in(repo, key)
        return plan


@dataclass(frozen=True, slots=True)
class OnboardingState:
    profile: dict[str, Any]  # empty before the first onboarding
    has_plan: bool


def onboarding_state(store: Storage, key: str) -> OnboardingState:
    """The answers onboarding starts from: the stored profile, and whether a plan exists."""
    with store.transaction() as repo:
        try:
            return OnboardingState(repo.athlete(key).profile,
                                   repo.current_plan(key) is not None)
        except NotFoundError:
            return OnboardingState({}, False)
