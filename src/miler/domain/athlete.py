"""The runner a plan is for: current mile, weekly volume, the days they can train, who they are.

A normal mile-block week has five running days (two hard, three easy including the long run;
DESIGN.md "Plan mechanics"); three or four days make a smaller week (4: two quality sessions, an
easy run and the long run; 3: one or two quality sessions and the long run). Fewer than three
is refused here, once, with a message that says how many days are missing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import Final

from miler.domain.age_grading import Sex  # one Sex for the whole core
from miler.errors import InvalidInputError

__all__ = [
    "DEFAULT_TRAINING_DAYS",
    "MAX_WEEKLY_MILES",
    "MIN_TRAINING_DAYS",
    "RUNNING_DAYS_PER_WEEK",
    "Athlete",
    "Sex",
    "Units",
    "Weekday",
]

#: Running days in a normal week: 2 hard sessions and 3 easy runs, the long run one of them.
RUNNING_DAYS_PER_WEEK: Final = 5
#: The fewest training days a mile plan can be built on: the long run and one or two quality
#: sessions (DESIGN.md "Plan mechanics": 3 days = 1-2 quality + long).
MIN_TRAINING_DAYS: Final = 3
#: Beyond this a "weekly miles" figure is a typo, not a runner (elite milers run about 100).
MAX_WEEKLY_MILES: Final = 150.0
#: A mile under 3:43.13 would beat the world record (Hicham El Guerrouj, 1999); over 16:00 is
#: a walk, beyond the Daniels–Gilbert model's range. Outside these the input is a mistake.
_FASTEST_MILE_S: Final = 223.0
_SLOWEST_MILE_S: Final = 960.0


class Weekday(IntEnum):
    """Days of the week, numbered as ``date.weekday()`` (Monday 0)."""

    MON = 0
    TUE = 1
    WED = 2
    THU = 3
    FRI = 4
    SAT = 5
    SUN = 6

    @property
    def short(self) -> str:
        return self.name.lower()

    @property
    def title(self) -> str:
        return self.name.title()

    @classmethod
    def parse(cls, text: str, field: str = "weekday") -> Weekday:
        """``mon`` .. ``sun`` or the full name, any case."""
        word = text.strip().lower() if isinstance(text, str) else ""
        for day in cls:
            if word in (day.short, _FULL[day]):
                return day
        raise InvalidInputError(
            field, "must be a weekday: mon, tue, wed, thu, fri, sat or sun", text)

    def distance_to(self, other: Weekday) -> int:
        """Days between two weekdays on the weekly cycle (0 to 3): Sunday and Monday are 1."""
        gap = abs(int(self) - int(other))
        return min(gap, 7 - gap)


_FULL: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class Units(StrEnum):
    """The runner's distance unit for display; inside, everything is metres."""

    MI = "mi"
    KM = "km"


#: The default week: six days, Monday off (the usual day after a weekend long run).
DEFAULT_TRAINING_DAYS: Final = frozenset(Weekday) - {Weekday.MON}


def _default_long_run_day(days: frozenset[Weekday]) -> Weekday:
    """Sunday when free, else Saturday, else the last training day of the week."""
    for day in (Weekday.SUN, Weekday.SAT):
        if day in days:
            return day
    return max(days)


@dataclass(frozen=True, slots=True)
class Athlete:
    """One runner. ``test_mile_s`` is None when no recent mile time is known."""

    weekly_miles: float
    test_mile_s: float | None = None
    training_days: frozenset[Weekday] = field(default=DEFAULT_TRAINING_DAYS)
    long_run_day: Weekday | None = None
    age: int | None = None
    sex: Sex | None = None
    units: Units = Units.MI
    name: str | None = None

    def __post_init__(self) -> None:
        _check_weekly_miles(self.weekly_miles)
        _check_test_mile(self.test_mile_s)
        _check_days(self.training_days)
        if self.long_run_day is None:
            object.__setattr__(self, "long_run_day", _default_long_run_day(self.training_days))
        elif self.long_run_day not in self.training_days:
            raise InvalidInputError(
                "long_run_day", "must be one of the training days "
                f"({', '.join(d.short for d in sorted(self.training_days))})",
                self.long_run_day.short)
        if self.age is not None and not 5 <= self.age <= 110:
            raise InvalidInputError("age", "must be a whole number of years from 5 to 110",
                                    self.age)

    @property
    def long_day(self) -> Weekday:
        """The long-run day (always set after construction)."""
        assert self.long_run_day is not None  # set in __post_init__; for the type checker
        return self.long_run_day


def _check_weekly_miles(miles: float) -> None:
    if not isinstance(miles, int | float) or not math.isfinite(miles) \
            or not 0 <= miles <= MAX_WEEKLY_MILES:
        raise InvalidInputError(
            "weekly_miles", f"must be a number of miles from 0 to {MAX_WEEKLY_MILES:g}", miles)


def _check_test_mile(seconds: float | None) -> None:
    if seconds is None:
        return
    if not math.isfinite(seconds) or not _FASTEST_MILE_S <= seconds <= _SLOWEST_MILE_S:
        raise InvalidInputError(
            "test_mile", "must be a mile time from 3:43 to 16:00", seconds)


def _check_days(days: frozenset[Weekday]) -> None:
    if len(days) < MIN_TRAINING_DAYS:
        missing = MIN_TRAINING_DAYS - len(days)
        names = ",".join(d.short for d in sorted(days)) or "none"
        raise InvalidInputError(
            "training_days",
            f"must give at least {MIN_TRAINING_DAYS} days (a long run and one or two quality "
            f"sessions a week); add {missing} more", names)
