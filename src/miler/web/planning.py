"""Onboarding's form values: a mile time typed as ``7:45``. The use case itself is
``services.onboarding`` (one transaction), re-exported here for the routes."""

from __future__ import annotations

from typing import Final

from miler.domain.units import Duration
from miler.errors import InvalidInputError
from miler.services.onboarding import Answers, onboard

__all__ = ["WEEKDAYS", "Answers", "mile_time", "onboard"]

WEEKDAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def mile_time(text: str, field_name: str) -> float | None:
    """``7:45`` (or ``7:45.5``) -> seconds; blank -> None."""
    text = text.strip()
    if not text:
        return None
    seconds = Duration.parse(text, field=field_name).seconds
    if seconds <= 0:
        raise InvalidInputError(field_name, "must be more than zero", text)
    return seconds
