"""How a plan adapts to the runner beyond the usual week, and says so (issue 15).

* Masters: from 50 lighter lifts and half the jumps; from 60 low-impact plyometrics (skips and
  pogo hops instead of box jumps, bounding and burpees). The planner also keeps hard days
  three apart from 60 and adds a day without running from 70 (domain/schedule.py).
* Notes: the plan's words for each departure (few training days, each age change).
"""

from __future__ import annotations

from typing import Final

from miler.domain.athlete import Athlete

__all__ = ["masters_lifts", "plan_notes"]

_MASTERS_LIFTS: Final = ((60, {"strength": "strength_50", "strength_plyo": "strength_plyo_60"}),
                         (50, {"strength": "strength_50", "strength_plyo": "strength_plyo_50"}))


def masters_lifts(age: int | None, keys: tuple[str, ...]) -> tuple[str, ...]:
    """The strength sessions ``keys`` for a runner of ``age``: lighter from 50 and 60."""
    swap = next((keys_ for start, keys_ in _MASTERS_LIFTS if (age or 0) >= start), {})
    return tuple(swap.get(key, key) for key in keys)


def plan_notes(athlete: Athlete, hard_days: int) -> tuple[str, ...]:
    """Why this runner's weeks differ from the usual five-day week, in words."""
    notes: list[str] = []
    days = len(athlete.training_days)
    if hard_days == 1:
        notes.append(
            f"On {days} days no two are far enough apart for two hard sessions, so each week "
            "has one quality session, an easy run and the long run. The trade-off: fewer "
            "sessions at speed, so the guides' key sessions come first and the rest wait; a "
            "fourth day would allow a second one.")
    elif days == 3:
        notes.append("On 3 days: two quality sessions and the long run, no easy run. Keep the "
                     "long run truly easy: it is your only aerobic run of the week.")
    elif days == 4:
        notes.append("On 4 days: two quality sessions, one easy run and the long run; the long "
                     "run is a bigger share of the week than on five days.")
    age = athlete.age or 0
    if age >= 50:
        notes.append("From 50: lighter lifts (goblet squats, light Romanian deadlifts) and half "
                     "the jumps, since tendons and joints recover more slowly.")
    if age >= 60:
        notes.append("From 60: hard sessions at least three days apart, and skips and pogo "
                     "hops instead of box jumps, bounding and burpees.")
    if age >= 70 and days > 4:
        notes.append("From 70: a second day without running each week.")
    return tuple(notes)
