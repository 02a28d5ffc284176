"""Parse command-line text into domain values; errors name the option and the value."""

from __future__ import annotations

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
