"""Rows to domain values and back, explicitly: the only place that knows both shapes."""

from __future__ import annotations

from typing import Any

from miler.domain.athlete import Athlete, Sex, Units, Weekday

__all__ = ["athlete_from_profile", "athlete_to_profile"]


def athlete_to_profile(athlete: Athlete, goal_mile_s: float | None = None,
                       tz: str | None = None, insist: bool = False) -> dict[str, Any]:
    """What the ``athletes.profile`` column holds (the name has its own column).

    ``insist``: keep the goal even when it is unrealistic or already achieved."""
    return {
        "weekly_miles": athlete.weekly_miles,
        "test_mile_s": athlete.test_mile_s,
        "training_days": [d.short for d in sorted(athlete.training_days)],
        "long_run_day": athlete.long_day.short,
        "age": athlete.age,
        "sex": None if athlete.sex is None else str(athlete.sex),
        "units": str(athlete.units),
        "goal_mile_s": goal_mile_s,
        "insist": insist,
        "tz": tz,
    }


def athlete_from_profile(name: str, profile: dict[str, Any]) -> Athlete:
    return Athlete(
        weekly_miles=float(profile["weekly_miles"]),
        test_mile_s=profile.get("test_mile_s"),
        training_days=frozenset(Weekday.parse(d) for d in profile["training_days"]),
        long_run_day=Weekday.parse(profile["long_run_day"]),
        age=profile.get("age"),
        sex=None if profile.get("sex") is None else Sex(profile["sex"]),
        units=Units(profile.get("units", "mi")),
        name=name,
    )
