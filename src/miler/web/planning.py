"""Onboarding's answers -> a ``miler.plan/1`` document, through the planner.

This is the web app's one door to the planner (``miler.domain.planner``); tests swap
:func:`make_plan` for a fake through the ``planner`` dependency. The answers are checked
here, once, with messages that name the form's fields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any, Final

from miler.domain.units import Duration
from miler.errors import InvalidInputError

__all__ = ["WEEKDAYS", "PlanFunction", "PlanRequest", "make_plan", "mile_time", "next_monday"]

WEEKDAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class PlanRequest:
    """What onboarding asks. Times in seconds; ``test_mile_s`` None means "I don't know"."""

    weekly_miles: float
    test_mile_s: float | None = None
    goal_mile_s: float | None = None
    training_days: tuple[str, ...] | None = None  # None: the planner's usual week
    long_run_day: str | None = None
    age: int | None = None
    sex: str | None = None
    units: str = "mi"
    start: date | None = None
    race_date: date | None = None
    weeks: int | None = None
    name: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def inputs(self) -> dict[str, Any]:
        """The answers as JSON values, stored with the plan to re-plan from."""
        out = asdict(self)
        for key in ("start", "race_date"):
            out[key] = out[key].isoformat() if out[key] else None
        out["training_days"] = None if self.training_days is None else list(self.training_days)
        return out


PlanFunction = Callable[[PlanRequest, date], dict[str, Any]]


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


def make_plan(request: PlanRequest, today: date) -> dict[str, Any]:
    """The plan document for ``request``; ``today`` decides the default start."""
    from importlib import import_module  # until the planner (issue 4) lands on main

    athlete_module, planner = (import_module("miler.domain.athlete"),
                               import_module("miler.domain.planner"))
    Athlete, Sex, Units, Weekday = (getattr(athlete_module, n)
                                    for n in ("Athlete", "Sex", "Units", "Weekday"))
    DEFAULT_TRAINING_DAYS = athlete_module.DEFAULT_TRAINING_DAYS
    generate_plan = planner.generate_plan

    days = DEFAULT_TRAINING_DAYS if request.training_days is None else frozenset(
        Weekday.parse(day, "training days") for day in request.training_days)
    athlete = Athlete(
        weekly_miles=request.weekly_miles, test_mile_s=request.test_mile_s,
        training_days=days,
        long_run_day=(Weekday.parse(request.long_run_day, "long_run_day")
                      if request.long_run_day else None),
        age=request.age, sex=Sex(request.sex) if request.sex else None,
        units=Units(request.units), name=request.name)
    start = request.start or (None if request.race_date else next_monday(today))
    plan = generate_plan(athlete, start, weeks=request.weeks, race_date=request.race_date,
                         goal_mile_s=request.goal_mile_s)
    doc: dict[str, Any] = plan.to_doc()
    return doc
