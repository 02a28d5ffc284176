"""Is the goal realistic? Seed 000's rules, generalised with the Daniels–Gilbert fitness score.

Seed 000: a test mile of 8:00 or faster makes 7:00 a reasonable goal; slower, aim one to two
minutes faster than the test; already 7:00 or faster, aim for 6:00. Those cases hold exactly
(for the seed's 8 weeks or more). Everything else is measured as the rise in fitness score the
goal asks for, against what is reasonable at the runner's level in the weeks available:

* reasonable gain: 16.5 % of the score at 8:00 and slower (8:00 -> 7:00 asks 16.2 %), falling
  linearly to 4 % at 6:00 ("a few percent" for runners at or under 6:00) and flat beyond;
* scaled by the square root of (training weeks / 8): more weeks, more gain, with diminishing
  returns;
* ambitious: up to 1.75 x the reasonable gain (so seed 000's "7:00 -> aim for 6:00", an
  18.9 % gain, is ambitious rather than unrealistic); beyond that, unrealistic.

docs/planning.md shows the numbers for the seed's cases.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from miler.domain.age_grading import AVERAGE_MILE_S, Sex
from miler.domain.equivalence import daniels_score, daniels_time
from miler.domain.units import METERS_PER_MILE, format_clock
from miler.errors import InvalidInputError

__all__ = [
    "SEED_BLOCK_WEEKS",
    "Assessment",
    "Verdict",
    "assess",
    "assumed_mile_s",
    "check_goal",
    "gain_limits",
    "suggest_goal",
]

# Seed 000's anchors (seconds).
_SEED_TEST_S: Final = 480.0  # "If you ran your mile in 8 minutes or less..."
_SEED_GOAL_S: Final = 420.0  # "...then a 7 minute mile is a reasonable goal"
_NEXT_GOAL_S: Final = 360.0  # "already hit the 7 minute mark, consider aiming for a 6 minute mile"
_STEP_MIN_S: Final = 60.0  # "a goal one or two minutes faster than your current time"
_STEP_MAX_S: Final = 120.0
SEED_BLOCK_WEEKS: Final = 8  # "8 weeks at a minimum" (seed 000)

# The generalisation (module docstring): reasonable score gain by level, and the ambitious band.
_GAIN_SLOW: Final = 0.165  # at 8:00 and slower
_GAIN_FAST: Final = 0.04  # at 6:00 and faster: "a few percent"
_AMBITIOUS: Final = 1.75
_ROUND_S: Final = 5.0  # suggested goals over 6:00 are whole 5 s; at 6:00 and under, whole s

# The goal a plan may train for: a world-record mile to the slowest the fitness model reads.
_GOAL_RANGE_S: Final = (223.0, 900.0)
#: Seed 001 (Running Level): the average mile overall, for men and for women.
_AVERAGE_WHO: Final = {Sex.MALE: "men", Sex.FEMALE: "women"}


class Verdict(StrEnum):
    REASONABLE = "reasonable"
    AMBITIOUS = "ambitious"
    UNREALISTIC = "unrealistic"
    ACHIEVED = "achieved"
    UNTESTED = "untested"


@dataclass(frozen=True, slots=True)
class Assessment:
    """The verdict on a goal, the goal a plan trains for, and why, in words.

    ``current_mile_s`` is the test mile, or the assumed one when ``provisional``.
    """

    verdict: Verdict
    goal_mile_s: float
    suggested_mile_s: float | None
    reason: str
    current_mile_s: float
    provisional: bool
    goal_given: bool

    def to_doc(self) -> dict[str, Any]:
        return {"mile_s": self.goal_mile_s, "verdict": str(self.verdict),
                "suggested_mile_s": self.suggested_mile_s, "reason": self.reason,
                "goal_given": self.goal_given, "current_mile_s": self.current_mile_s,
                "provisional": self.provisional}


def check_goal(goal_mile_s: float) -> None:
    low, high = _GOAL_RANGE_S
    if not (math.isfinite(goal_mile_s) and low <= goal_mile_s <= high):
        raise InvalidInputError("goal", "must be a mile time from 3:43 to 15:00",
                                format_clock(goal_mile_s, 2) if math.isfinite(goal_mile_s)
                                else goal_mile_s)


def _score(mile_s: float) -> float:
    return daniels_score(METERS_PER_MILE, mile_s)


def _mile(score: float) -> float:
    return daniels_time(min(score, 90.0), METERS_PER_MILE)


def gain_limits(test_mile_s: float, weeks: int) -> tuple[float, float]:
    """The reasonable and ambitious rise in fitness score (fractions) over ``weeks``."""
    slow, fast = _score(_SEED_TEST_S), _score(_NEXT_GOAL_S)
    level = min(max((_score(test_mile_s) - slow) / (fast - slow), 0.0), 1.0)
    reasonable = (_GAIN_SLOW + (_GAIN_FAST - _GAIN_SLOW) * level) \
        * math.sqrt(max(weeks, 1) / SEED_BLOCK_WEEKS)
    return reasonable, reasonable * _AMBITIOUS


def _fastest(test_mile_s: float, gain: float) -> float:
    return _mile(_score(test_mile_s) * (1.0 + gain))


def _round_up(seconds: float, step: float) -> float:
    return math.ceil(seconds / step - 1e-9) * step


def suggest_goal(test_mile_s: float, weeks: int = SEED_BLOCK_WEEKS) -> float:
    """The goal miler suggests for a test mile: seed 000's rule, generalised."""
    reasonable, _ = gain_limits(test_mile_s, weeks)
    fastest = _fastest(test_mile_s, reasonable)
    if test_mile_s <= _NEXT_GOAL_S:
        return _round_up(fastest, 1.0)
    if test_mile_s > _SEED_TEST_S:
        # Never past 7:00, what an 8:00 runner is told, so slower runners are never told more.
        step = max(_round_up(fastest, _ROUND_S), _SEED_GOAL_S)
        return min(max(step, test_mile_s - _STEP_MAX_S), test_mile_s - _STEP_MIN_S)
    seed = _NEXT_GOAL_S if test_mile_s <= _SEED_GOAL_S else _SEED_GOAL_S
    if weeks >= SEED_BLOCK_WEEKS:
        return seed
    return max(seed, _round_up(fastest, _ROUND_S))  # fewer weeks than the seed's: trim


def assumed_mile_s(goal_mile_s: float | None) -> float:
    """DESIGN.md: with no test mile, assume goal + 1 minute, or 8:00 with no goal either."""
    return _SEED_TEST_S if goal_mile_s is None else goal_mile_s + _STEP_MIN_S


def _verdict(test_mile_s: float, goal_mile_s: float, weeks: int) -> Verdict:
    if goal_mile_s >= test_mile_s:
        return Verdict.ACHIEVED
    if _is_seed_case(test_mile_s, goal_mile_s, weeks):
        return Verdict.REASONABLE
    reasonable, ambitious = gain_limits(test_mile_s, weeks)
    needed = _score(goal_mile_s) / _score(test_mile_s) - 1.0
    if needed <= reasonable + 1e-12:
        return Verdict.REASONABLE
    return Verdict.AMBITIOUS if needed <= ambitious + 1e-12 else Verdict.UNREALISTIC


def _is_seed_case(test_mile_s: float, goal_mile_s: float, weeks: int) -> bool:
    """Seed 000 says so outright: 7:00 from 8:00 or better; one minute faster from slower."""
    if weeks < SEED_BLOCK_WEEKS:
        return False
    if test_mile_s <= _SEED_TEST_S:
        return goal_mile_s >= _SEED_GOAL_S
    return goal_mile_s >= test_mile_s - _STEP_MIN_S


def assess(test_mile_s: float | None, weekly_miles: float, goal_mile_s: float | None = None,
           *, block_weeks: int = SEED_BLOCK_WEEKS, base_weeks: int = 0,
           sex: Sex | None = None) -> Assessment:
    """The verdict on ``goal_mile_s`` (or on the suggested goal when None) for this runner."""
    if goal_mile_s is not None:
        check_goal(goal_mile_s)
    weeks = block_weeks + base_weeks
    if test_mile_s is None:
        return _untested(goal_mile_s, base_weeks)
    suggested = suggest_goal(test_mile_s, weeks)
    goal = suggested if goal_mile_s is None else goal_mile_s
    verdict = _verdict(test_mile_s, goal, weeks)
    reason = " ".join(part for part in (
        _reason(verdict, test_mile_s, goal, suggested, weeks, goal_mile_s is not None),
        _base_note(weekly_miles, base_weeks), _average_note(test_mile_s, sex)) if part)
    return Assessment(verdict, goal, suggested, reason, test_mile_s, False,
                      goal_mile_s is not None)


def _untested(goal_mile_s: float | None, base_weeks: int) -> Assessment:
    assumed = assumed_mile_s(goal_mile_s)
    goal = _SEED_GOAL_S if goal_mile_s is None else goal_mile_s
    clock = format_clock(goal, 0)
    when = "Week 1" if base_weeks == 0 else "The first week after base building"
    lead = (f"No goal or test mile given: training for {clock}, seed 000's goal for a runner "
            "near 8:00." if goal_mile_s is None else f"No test mile yet, so {clock} is untested.")
    reason = (f"{lead} {when} opens with a test mile (a rested day, a flat route, 10 min easy "
              "jog and a few strides, then an even, hard mile); until its result re-sets them, "
              f"paces assume {_a(format_clock(assumed, 0))} mile.")
    return Assessment(Verdict.UNTESTED, goal, None if goal_mile_s is not None else goal,
                      reason, assumed, True, goal_mile_s is not None)


def _a(clock: str) -> str:
    """The article for a spoken time: "an 8:00", "an 11:30", "a 7:45"."""
    head = clock.split(":")[0]
    return f"an {clock}" if head in ("8", "11", "18") or head.startswith("8") else f"a {clock}"


def _clock(seconds: float) -> str:
    return format_clock(seconds, 0 if seconds == round(seconds) else 1)


def _reason(verdict: Verdict, test_s: float, goal_s: float, suggested_s: float, weeks: int,
            given: bool) -> str:
    test, goal = _clock(test_s), _clock(goal_s)
    if verdict is Verdict.ACHIEVED:
        return (f"Your {test} test mile already meets {goal}. Aim for {_clock(suggested_s)} "
                f"next ({_suggestion_source(test_s)}).")
    opener = f"{goal} is {verdict} from {_a(test)} test mile in {weeks} weeks"
    if _is_seed_case(test_s, goal_s, weeks):
        because = ("seed 000: 8:00 or faster makes 7:00 reasonable" if test_s <= _SEED_TEST_S
                   else "seed 000: aim one to two minutes faster than the test")
        return f"{opener} ({because})."
    reasonable, ambitious = gain_limits(test_s, weeks)
    near = _clock(_round_up(_fastest(test_s, reasonable), 1))
    far = _clock(_round_up(_fastest(test_s, ambitious), 1))
    limits = (f"{opener}: reasonable down to about {near}, ambitious down to about {far} "
              "at your level (docs/planning.md).")
    if given and verdict is not Verdict.REASONABLE and suggested_s != goal_s:
        limits += f" Suggested instead: {_clock(suggested_s)}."
    return limits


def _suggestion_source(test_s: float) -> str:
    if test_s <= _NEXT_GOAL_S:
        return "a few percent faster, as at 6:00 and under"
    if test_s <= _SEED_GOAL_S:
        return "seed 000: already at 7:00, aim for 6:00"
    if test_s <= _SEED_TEST_S:
        return "seed 000: 8:00 or faster makes 7:00 reasonable"
    return "seed 000: aim one to two minutes faster than the test"


def _base_note(weekly_miles: float, base_weeks: int) -> str:
    if base_weeks == 0:
        return ""
    return (f"At {weekly_miles:g} miles a week, {base_weeks} weeks of easy running build you to "
            "at least 15 first (seed 000: no regular speedwork before that).")


def _average_note(test_s: float, sex: Sex | None) -> str:
    if sex is None:
        return ""
    average, who = AVERAGE_MILE_S[sex], _AVERAGE_WHO[sex]
    side = "faster than" if test_s < average else "slower than" if test_s > average else "at"
    return f"Your test is {side} the average mile for {who} ({_clock(average)}, seed 001)."
