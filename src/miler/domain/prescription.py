"""Pace prescription: every work pace starts at today's fitness and moves toward the goal.

A coach sets reps from what the runner can do now, not from the goal. Three rules
(docs/planning.md shows them with numbers):

1. **The week's fitness.** Block week 1 runs on today's mile (the test mile, the latest time
   trial, or a faster recorded run). Across the build and sharpen weeks it moves, in equal steps
   of the Daniels–Gilbert score, to the *target*: the goal trained for, but never further than
   the ambitious gain from today's mile (domain/assessment.py), so a goal kept by insisting
   never drives the reps. The taper and race week sit at the target. A recorded time trial
   re-bases the weeks after it: they start again from its result.
2. **Caps.** No repeated effort is faster than the runner can repeat at the week's fitness,
   for its length: reps up to 400 m at most 800 m race pace, up to 800 m at most 1500 m race
   pace, up to a mile at most mile race pace, anything longer (a continuous tempo) at most
   2-mile race pace. Race paces at those distances come from the week's mile by Cameron's
   curve (domain/equivalence.py), the model fitted to world-class 800 m to 10 km. A capped
   range keeps a width of 3.5 % (about 15 s a mile at 7:00 pace).
3. **The seeds' figures are references.** "How to Run a 7 Minute Mile" writes its sessions for
   a runner near a 7:00 goal (400s at 6:00–6:30, 800s and the 2-mile run at 7:00–7:30). Scaled
   to the goal trained for, they are what a session asks for; the caps always win, and the
   session's "why" says which applied.
"""

from __future__ import annotations

import math
from typing import Final, NamedTuple

from miler.domain.equivalence import cameron_time, daniels_score, daniels_time
from miler.domain.units import METERS_PER_MILE, format_clock
from miler.domain.zones import PaceRange
from miler.errors import InvalidInputError

__all__ = [
    "CAP_RACES",
    "Prescribed",
    "cap_s_per_mile",
    "describe",
    "projected_mile_s",
    "race_pace_s",
    "week_fraction",
    "within_cap",
]

_MILE: Final = METERS_PER_MILE
#: Reps up to this long (m) -> the race whose pace is their cap (m). Issue 14, DESIGN.md "Paces".
CAP_RACES: Final = ((400.0, 800.0), (800.0, 1500.0), (_MILE + 1.0, _MILE),
                    (math.inf, 2 * _MILE))
_WIDTH: Final = 0.035  # a capped range: cap to cap + 3.5 % (15 s a mile at 7:00)


def week_fraction(block_week: int, last_sharpen: int, first: int = 1) -> float:
    """How far the week's fitness has moved from the start (0) to the target (1).

    ``block_week`` counts from 1; ``first`` is the week the current fitness was measured in
    (1, or the time trial's week after a re-base); ``last_sharpen`` the last week of the move.
    """
    if last_sharpen <= first:
        return 1.0 if block_week > first else 0.0
    return min(max((block_week - first) / (last_sharpen - first), 0.0), 1.0)


def projected_mile_s(current_s: float, target_s: float, fraction: float) -> float:
    """The mile of a week ``fraction`` of the way from ``current_s`` to ``target_s`` (score)."""
    if target_s >= current_s or fraction <= 0.0:
        return current_s
    if fraction >= 1.0:
        return target_s
    start = daniels_score(_MILE, current_s)
    end = daniels_score(_MILE, target_s)
    mile = daniels_time(start + (end - start) * min(fraction, 1.0), _MILE)
    return min(max(mile, target_s), current_s)  # the time solver's last digits stay inside


def race_pace_s(mile_s: float, distance_m: float) -> float:
    """Race pace (s per mile) at ``distance_m`` for a runner whose mile is ``mile_s``."""
    if math.isclose(distance_m, _MILE):
        return mile_s
    return cameron_time(mile_s, _MILE, distance_m) * _MILE / distance_m


def cap_s_per_mile(mile_s: float, rep_m: float) -> float:
    """The fastest pace (s per mile) a rep of ``rep_m`` may ask of a ``mile_s`` runner."""
    for up_to, race in CAP_RACES:  # a loop: a generator here cost a plan more than the race
        if rep_m <= up_to:
            return race_pace_s(mile_s, race)
    raise InvalidInputError("rep", "must be a length in metres", rep_m)  # NaN


class Prescribed(NamedTuple):
    """A work pace, the pace the session would ask for uncapped, and whether the cap won.
    A named tuple: the builders make one a rep, only to read it (as week_fill.Slot)."""

    pace: PaceRange
    wanted: PaceRange
    capped: bool


def within_cap(wanted: PaceRange, mile_s: float, rep_m: float) -> Prescribed:
    """``wanted``, slowed to the cap for a rep of ``rep_m`` at a ``mile_s`` fitness."""
    cap = cap_s_per_mile(mile_s, rep_m)
    if wanted.fast_s_per_mile >= cap - 1e-9:
        return Prescribed(wanted, wanted, False)
    slow = max(wanted.slow_s_per_mile, cap * (1.0 + _WIDTH))
    return Prescribed(PaceRange(cap, slow), wanted, True)


def describe(fast_s: float, slow_s: float) -> str:
    """The pace range ``fast_s``-``slow_s`` seconds a mile in words: ``7:02–7:17 a mile``.
    Two figures rather than a PaceRange: the notes describe ranges worked out from one (the
    guide's for a 7:00 goal), and a range made only to be read was a tenth of a note's cost."""
    return f"{format_clock(fast_s, 0)}–{format_clock(slow_s, 0)} a mile"
