"""Parse command-line text into domain values; errors name the option and the value."""

from __future__ import annotations

from miler.domain.pace import Pace
from miler.domain.units import Duration
from miler.errors import InvalidInputError

__all__ = ["mile_time"]


def mile_time(text: str, option: str) -> Duration:
    """A mile time such as ``7:00``, ``6:59.5`` or ``7:00/mi``; must be more than zero."""
    if "/" in text:
        return Duration(Pace.parse(text, field=option).s_per_mile)
    time = Duration.parse(text, field=option)
    if time.seconds <= 0:
        raise InvalidInputError(option, "must be more than zero", text)
    return time
