"""Parse command-line text into domain values; errors name the option and the value."""

from __future__ import annotations

from datetime import date

from miler.domain.athlete import Weekday
from miler.domain.pace import Pace
from miler.domain.units import Duration
from miler.errors import InvalidInputError

__all__ = ["mile_time", "race_result", "whole_number"]


def mile_time(text: str, option: str) -> Duration:
    """A mile time such as ``7:00``, ``6:59.5`` or ``7:00/mi``; must be more than zero."""
    if "/" in text:
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


# --- miler plan: numbers, dates, weekdays and choices ---------------------------------------
__all__ += ["choice", "iso_date", "number", "weekday", "weekdays"]


def number(text: str, option: str, low: float, high: float, unit: str) -> float:
    """A number of ``unit`` within ``low``..``high`` inclusive (e.g. weekly miles)."""
    import math

    rule = f"must be a number of {unit} from {low:g} to {high:g}"
    try:
        value = float(text)
    except ValueError:
        raise InvalidInputError(option, rule, text) from None
    if not math.isfinite(value) or not low <= value <= high:
        raise InvalidInputError(option, rule, text)
    return value


def iso_date(text: str, option: str) -> date:
    """A calendar date written ``YYYY-MM-DD``."""
    import re

    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise InvalidInputError(option, "must be a date as YYYY-MM-DD", text)
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError(option, "must be a real date as YYYY-MM-DD", text) from None


def weekday(text: str, option: str) -> Weekday:
    """``mon`` .. ``sun`` (or the full name)."""
    return Weekday.parse(text, field=option)


def weekdays(text: str, option: str) -> frozenset[Weekday]:
    """A comma-separated list of weekdays, e.g. ``mon,tue,thu,sat,sun``."""
    days = set()
    for part in text.split(","):
        try:
            days.add(Weekday.parse(part))
        except InvalidInputError:
            raise InvalidInputError(
                option, f"must list weekdays (mon, tue, wed, thu, fri, sat, sun) with commas; "
                f"{part.strip()!r} is not one", text) from None
    return frozenset(days)


def choice(text: str, option: str, choices: tuple[str, ...]) -> str:
    """One of ``choices`` (any case)."""
    value = text.strip().lower()
    if value not in choices:
        raise InvalidInputError(option, f"must be one of {', '.join(choices)}", text)
    return value
