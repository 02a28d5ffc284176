"""Parse command-line text into domain values; errors name the option and the value."""

from __future__ import annotations

from typing import TYPE_CHECKING

from miler.domain.units import Duration
from miler.errors import InvalidInputError

if TYPE_CHECKING:
    from datetime import date, time

    from miler.domain.athlete import Athlete, Sex, Weekday

__all__ = ["athlete", "clock_time", "iso_date", "mile_time", "number", "race_result", "weekdays",
           "whole_number"]


def mile_time(text: str, option: str) -> Duration:
    """A mile time such as ``7:00``, ``6:59.5`` or ``7:00/mi``; must be more than zero."""
    if "/" in text:
        from miler.domain.pace import Pace  # here: `miler today --date` needs no pace

        return Duration(Pace.parse(text, field=option).s_per_mile)
    time = Duration.parse(text, field=option)
    if time.seconds <= 0:
        raise InvalidInputError(option, "must be more than zero", text)
    return time


def race_result(text: str, option: str = "--from") -> tuple[float, float]:
    """``DISTANCE=TIME`` such as ``5k=23:44`` or ``1mi=7:05`` -> (metres, seconds)."""
    from miler.domain.units import Distance

    distance, sep, time = text.partition("=")
    if not sep:
        raise InvalidInputError(option, "must look like DISTANCE=TIME, e.g. 5k=23:44", text)
    meters = Distance.parse(distance, field=option).meters
    seconds = Duration.parse(time, field=option).seconds
    if meters <= 0 or seconds <= 0:
        raise InvalidInputError(option, "must have a distance and a time above zero", text)
    return meters, seconds


def whole_number(text: str, option: str, low: int, high: int) -> int:
    """An integer option within ``low``..``high`` inclusive."""
    try:
        value = int(text)
    except ValueError:
        raise InvalidInputError(option, f"must be a whole number from {low} to {high}",
                                text) from None
    if not low <= value <= high:
        raise InvalidInputError(option, f"must be a whole number from {low} to {high}", text)
    return value


def number(text: str, option: str, low: float, high: float) -> float:
    """A number option within ``low``..``high`` inclusive."""
    import math

    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and low <= value <= high):
        raise InvalidInputError(option, f"must be a number from {low:g} to {high:g}", text)
    return value


def weekdays(text: str, option: str = "--days") -> frozenset[Weekday]:
    """``mon,tue,thu,sat,sun`` -> the set of weekdays."""
    from miler.domain.athlete import Weekday

    return frozenset(Weekday.parse(word, option) for word in text.split(",") if word.strip())


def athlete(*, name: str | None, weekly_miles: str, test_mile: str | None, days: str | None,
            long_run_day: str | None, age: str | None, sex: str | None) -> Athlete:
    """An athlete from the options every planning command shares."""
    from miler.domain.athlete import DEFAULT_TRAINING_DAYS, Athlete, Weekday

    try:
        return Athlete(
            weekly_miles=number(weekly_miles, "--weekly-miles", 0, 150),
            test_mile_s=mile_time(test_mile, "--test-mile").seconds if test_mile else None,
            training_days=weekdays(days) if days else DEFAULT_TRAINING_DAYS,
            long_run_day=Weekday.parse(long_run_day, "--long-run-day") if long_run_day else None,
            age=whole_number(age, "--age", 5, 110) if age else None,
            sex=_sex(sex) if sex else None,
            name=name,
        )
    except InvalidInputError as exc:  # the athlete's own checks: name the option and its text
        typed = {"test_mile": ("--test-mile", test_mile), "training_days": ("--days", days),
                 "long_run_day": ("--long-run-day", long_run_day)}.get(exc.field)
        if typed is None:
            raise
        raise type(exc)(typed[0], exc.rule, typed[1]) from None


def _sex(text: str) -> Sex:
    from miler.domain.athlete import Sex

    try:
        return Sex(text.strip().lower())
    except ValueError:
        raise InvalidInputError("--sex", "must be female or male", text) from None


def iso_date(text: str, option: str) -> date:
    """``YYYY-MM-DD``, from the GPS epoch (1980-01-06) to ten years from today: nothing a
    runner plans or logs lies outside, and date arithmetic near year 1 or 9999 overflows."""
    from datetime import date

    from miler.domain.units import check_date

    raw = text.strip()
    try:
        day = date.fromisoformat(raw) if len(raw) <= 10 and raw.isascii() else None
    except ValueError:
        day = None
    if day is None:
        raise InvalidInputError(option, "must be a date like 2026-12-06", text[:20])
    return check_date(day, option, date.today())


def clock_time(text: str, option: str) -> time:
    """``HH:MM`` on a 24-hour clock."""
    from datetime import time

    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError(option, "must be a time like 06:30", text) from None
