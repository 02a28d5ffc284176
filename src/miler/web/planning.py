"""Onboarding: the runner's answers -> their stored profile and a saved plan.

The answers become the domain's ``Athlete`` (which checks them), the profile is stored the
way ``miler athlete add`` stores it, and the plan is made and kept by the coaching service
(``services.coaching.save_plan``), as ``miler plan --save`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Final

from miler.domain.units import METERS_PER_MILE, Duration
from miler.errors import InvalidInputError, NotFoundError

if TYPE_CHECKING:
    from miler.adapters.storage.repository import Store, StoredPlan
    from miler.domain.athlete import Athlete

__all__ = ["WEEKDAYS", "Answers", "athlete_of", "mile_time", "next_monday", "onboard"]

WEEKDAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class Answers:
    """What onboarding asks. Times in seconds; ``test_mile_s`` None means "I don't know";
    ``training_days`` None means the planner's usual week (every day but Monday)."""

    weekly_miles: float
    test_mile_s: float | None = None
    goal_mile_s: float | None = None
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


def mile_time(text: str, field_name: str) -> float | None:
    """``7:45`` (or ``7:45.5``) -> seconds; blank -> None."""
    text = text.strip()
    if not text:
        return None
    seconds = Duration.parse(text, field=field_name).seconds
    if seconds <= 0:
        raise InvalidInputError(field_name, "must be more than zero", text)
    return seconds


def next_monday(today: date) -> date:
    """The default start: the next Monday (today, when today is one)."""
    return today + timedelta(days=(7 - today.weekday()) % 7)


def athlete_of(answers: Answers, key: str) -> Athlete:
    """The domain's runner for ``answers``: it refuses what cannot be planned for."""
    from miler.domain.athlete import DEFAULT_TRAINING_DAYS, Athlete, Sex, Units, Weekday

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

    if answers.tz:
        from miler.adapters.exports.ics import time_zone

        time_zone(answers.tz, "tz")
    profile = athlete_to_profile(athlete, answers.goal_mile_s, answers.tz)
    return {**profile, "display_name": answers.name} if answers.name else profile


def onboard(store: Store, key: str, answers: Answers, *, today: date,
            now: datetime) -> StoredPlan:
    """Store the runner's profile, then plan and keep the plan as their next version; a
    known test mile is kept as a result (the first point of their best-mile chart)."""
    from miler.services.coaching import save_plan

    profile = _profile(answers, athlete_of(answers, key))
    with store.transaction() as repo:
        try:
            before = repo.athlete(key).profile
            replanning = repo.current_plan(key) is not None
            kept = {"display_name": before["display_name"]} if "display_name" in before else {}
            repo.update_athlete(key, profile={**kept, **profile})
        except NotFoundError:
            replanning = False
            repo.add_athlete(key, profile, now)
    plan = save_plan(store, key, start=answers.start or next_monday(today), now=now,
                     weeks=answers.weeks, race_date=answers.race_date,
                     reason="onboarding again" if replanning else "onboarding")
    if answers.test_mile_s is not None:
        with store.transaction() as repo:
            known = {(r.day, r.kind, r.time_s) for r in repo.results(key)}
            if (today, "test_mile", answers.test_mile_s) not in known:  # not again on re-plan
                repo.add_result(key, today, "test_mile", METERS_PER_MILE, answers.test_mile_s)
    return plan
