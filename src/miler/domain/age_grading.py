"""Age grading of a mile: how a time compares with the best for the runner's age and sex.

The factors are data handed in (:class:`AgeTable`); the package ships World Masters
Athletics / Alan Jones tables (``miler.data``). Alan Jones' convention: an age factor F <= 1
is the open-class standard divided by the age standard, so

* age standard   = open standard / F  (the best time for that age and sex),
* age-graded %   = age standard / time,
* age-graded time = time x F          (the open-class equivalent: what the same performance
  would be at peak age).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from miler.domain.units import Venue
from miler.errors import InvalidInputError

__all__ = ["AVERAGE_MILE_S", "AgeGrade", "AgeTable", "Sex", "age_grade", "level", "standing"]


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"

    @classmethod
    def parse(cls, text: str, field: str = "sex") -> Sex:
        try:
            return cls(text.strip().lower())
        except (ValueError, AttributeError):
            raise InvalidInputError(field, "must be female or male", text) from None


# Performance levels as WMA age-grading calculators name them (percent of the age standard).
_LEVELS: Final = ((100.0, "world record level"), (90.0, "world class"), (80.0, "national class"),
                  (70.0, "regional class"), (60.0, "local class"), (0.0, "recreational"))

# Running Level's averages, quoted by seed 001: 7:04 overall, 6:37 men, 7:44 women.
AVERAGE_MILE_S: Final[dict[Sex | None, float]] = {None: 424.0, Sex.MALE: 397.0, Sex.FEMALE: 464.0}


@dataclass(frozen=True, slots=True)
class AgeTable:
    """Mile factors for one venue and sex: ``factors[i]`` is for age ``first_age + i``."""

    venue: Venue
    sex: Sex
    open_s: float
    first_age: int
    factors: tuple[float, ...]
    source: str

    def factor(self, age: int) -> float:
        last = self.first_age + len(self.factors) - 1
        if not (isinstance(age, int) and self.first_age <= age <= last):
            raise InvalidInputError(
                "age", f"must be a whole number of years from {self.first_age} to {last} "
                f"for the {self.venue} tables", age)
        return self.factors[age - self.first_age]


@dataclass(frozen=True, slots=True)
class AgeGrade:
    time_s: float
    age: int
    sex: Sex
    venue: Venue
    factor: float
    age_standard_s: float
    percent: float
    graded_time_s: float  # the open-class equivalent
    level: str


def level(percent: float) -> str:
    """The class band for an age-graded percentage."""
    return next(name for floor, name in _LEVELS if percent >= floor)


def age_grade(time_s: float, age: int, table: AgeTable) -> AgeGrade:
    """Grade a mile run in ``time_s`` by a runner of ``age`` against ``table``."""
    if not (math.isfinite(time_s) and time_s > 0):
        raise InvalidInputError("time", "must be a positive number of seconds", time_s)
    factor = table.factor(age)
    standard = table.open_s / factor
    percent = 100.0 * standard / time_s
    return AgeGrade(time_s=time_s, age=age, sex=table.sex, venue=table.venue, factor=factor,
                    age_standard_s=standard, percent=percent, graded_time_s=time_s * factor,
                    level=level(percent))


def standing(mile_s: float, sex: Sex | None = None) -> str:
    """Where a mile time stands against Running Level's average, in words."""
    average = AVERAGE_MILE_S[sex]
    who = {None: "runners", Sex.MALE: "men", Sex.FEMALE: "women"}[sex]
    gap = mile_s - average
    if abs(gap) < 1.0:
        return f"level with the average mile for {who} (Running Level)"
    side = "faster" if gap < 0 else "slower"
    return f"{abs(gap):.0f} s {side} than the average mile for {who} (Running Level)"
