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
  18.9 % gain, is ambitious rather than unrealistic); beyond that, unrealistic;
* faster than 6:00 the reasonable gain keeps falling, linearly in score, to 1 % at the world
  record (a few seconds at elite level), and no suggestion is ever at or beyond the world record
  (3:43.13 men, 4:07.64 women; the men's when sex is unknown);
* masters (40 and over, sex known): the level is read from the age-graded time (the time x the
  WMA age factor, handed in), so a 60-year-old is told a more modest goal than a 30-year-old
  with the same test; seed 000's fixed answers are for open-age runners and are not applied.

The goal the plan trains for (``Assessment.goal_mile_s``) is the runner's when it is reasonable
or ambitious; the suggestion when it is unrealistic or already achieved, unless the runner
insists. ``asked_mile_s`` keeps what was asked when the two differ.

docs/planning.md shows the numbers for the seed's cases.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, Final

from miler.domain.age_grading import AVERAGE_MILE_S, AgeTable, Sex, age_grade
from miler.domain.equivalence import daniels_score, daniels_time
from miler.domain.library import GUIDE_7, GUIDE_FASTER
from miler.domain.units import METERS_PER_MILE, format_clock, with_article
from miler.errors import InvalidInputError

__all__ = [
    "MASTERS_AGE",
    "SEED_BLOCK_WEEKS",
    "WORLD_RECORD_S",
    "Assessment",
    "Runner",
    "Verdict",
    "assess",
    "assumed_mile_s",
    "check_goal",
    "gain_limits",
    "reachable_mile_s",
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
_GAIN_ELITE: Final = 0.01  # at the world record: a few seconds
#: World records for the mile (World Athletics): Hicham El Guerrouj 3:43.13 (1999), Faith
#: Kipyegon 4:07.64 (2023). No suggestion reaches them.
WORLD_RECORD_S: Final[dict[Sex | None, float]] = {None: 223.13, Sex.MALE: 223.13,
                                                  Sex.FEMALE: 247.64}
#: From this age (sex known) goals are read age-graded: masters road racing starts at 40.
MASTERS_AGE: Final = 40
# Untested runners: a rough mile for the weekly volume, only to size provisional paces until the
# test mile (weekly miles -> mile seconds; between points, a straight line). A planning guess:
# runners on under 10 miles a week are often 10-12 minute milers.
_GUESS_BY_MILES: Final = ((5.0, 690.0), (10.0, 615.0), (20.0, 555.0), (30.0, 500.0),
                          (45.0, 440.0), (70.0, 380.0), (100.0, 330.0))
_ROUND_S: Final = 5.0  # suggested goals over 6:00 are whole 5 s; at 6:00 and under, whole s

# The goal a plan may train for: a world-record mile to the slowest the fitness model reads.
_GOAL_RANGE_S: Final = (223.0, 900.0)
#: Seed 001 (Running Level): the average mile overall, for men and for women.
# Seed 000's rules as the runner reads them, cited by the article's title.
_SAYS_SEVEN: Final = f"{GUIDE_7}: 8:00 or faster makes 7:00 reasonable"
_SAYS_STEP: Final = f"{GUIDE_7}: aim one to two minutes faster than the test"
_SAYS_SIX: Final = f"{GUIDE_7}: already at 7:00, aim for 6:00"
_AVERAGE_WHO: Final = {Sex.MALE: "men", Sex.FEMALE: "women"}


class Verdict(StrEnum):
    REASONABLE = "reasonable"
    AMBITIOUS = "ambitious"
    UNREALISTIC = "unrealistic"
    ACHIEVED = "achieved"
    UNTESTED = "untested"


@dataclass(frozen=True, slots=True)
class Runner:
    """Who is assessed beyond the test: sex, and age with the age-grading table (handed in)."""

    sex: Sex | None = None
    age: int | None = None
    table: AgeTable | None = None

    @property
    def masters(self) -> bool:
        return self.age is not None and self.age >= MASTERS_AGE and self.table is not None

    @property
    def table_age(self) -> int | None:
        """The age to read the table at (held within its ages); None unless masters."""
        if not self.masters or self.table is None or self.age is None:
            return None
        last = self.table.first_age + len(self.table.factors) - 1
        return min(max(self.age, self.table.first_age), last)

    @property
    def factor(self) -> float:
        """The WMA age factor (1 for open-age runners or when age is unknown)."""
        age = self.table_age
        return 1.0 if age is None or self.table is None else self.table.factor(age)

    @property
    def record_s(self) -> float:
        return WORLD_RECORD_S[self.sex]


@dataclass(frozen=True, slots=True)
class Assessment:
    """The verdict on a goal, the goal a plan trains for, and why, in words.

    ``current_mile_s`` is the test mile, or the assumed one when ``provisional``.
    ``goal_mile_s`` is the goal trained for; ``asked_mile_s`` the runner's, when it differs.
    """

    verdict: Verdict
    goal_mile_s: float
    suggested_mile_s: float | None
    reason: str
    current_mile_s: float
    provisional: bool
    goal_given: bool
    asked_mile_s: float | None = None
    insisted: bool = False
    estimated: bool = False  # current_mile_s is a fitness estimate from the history

    def to_doc(self) -> dict[str, Any]:
        doc = {"mile_s": self.goal_mile_s, "verdict": str(self.verdict),
               "suggested_mile_s": self.suggested_mile_s, "reason": self.reason,
               "goal_given": self.goal_given, "current_mile_s": self.current_mile_s,
               "provisional": self.provisional, "insisted": self.insisted}
        if self.asked_mile_s is not None:
            doc["asked_mile_s"] = self.asked_mile_s
        if self.estimated:
            doc["estimated"] = True
        return doc


def from_estimate(assessment: Assessment, basis: str) -> Assessment:
    """An assessment made from a fitness estimate rather than a test: the verdict stands,
    the paces are provisional, and the reason says how the mile was estimated."""
    clock = format_clock(assessment.current_mile_s, 0)
    how = basis.rstrip(".")
    reason = (f"No test mile: your mile is estimated at {clock} from your history ({how}). "
              + assessment.reason.replace(" test mile", " estimated mile")
              .replace("test mile", "estimated mile")
              + " The paces are provisional until the mid-block time trial re-sets them.")
    return replace(assessment, reason=reason, provisional=True, estimated=True)


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


def _level_gain(graded_s: float, record_s: float) -> float:
    """The reasonable 8-week gain at this level: 16.5 % -> 4 % -> 1 % at the record."""
    slow, fast = _score(_SEED_TEST_S), _score(_NEXT_GOAL_S)
    score = _score(max(graded_s, record_s))
    if score <= fast:
        level = max((score - slow) / (fast - slow), 0.0)
        return _GAIN_SLOW + (_GAIN_FAST - _GAIN_SLOW) * level
    top = max((score - fast) / (_score(record_s) - fast), 0.0)
    return _GAIN_FAST + (_GAIN_ELITE - _GAIN_FAST) * min(top, 1.0)


def gain_limits(test_mile_s: float, weeks: int,
                runner: Runner = Runner()) -> tuple[float, float]:
    """The reasonable and ambitious rise in fitness score (fractions) over ``weeks``.

    Masters: read at the age-graded level, and scaled by the age factor (slower adaptation).
    """
    factor = runner.factor
    reasonable = _level_gain(test_mile_s * factor, runner.record_s) * factor \
        * math.sqrt(max(weeks, 1) / SEED_BLOCK_WEEKS)
    return reasonable, reasonable * _AMBITIOUS


def reachable_mile_s(test_mile_s: float, weeks: int,
                     runner: Runner = Runner()) -> float:
    """The fastest mile the ambitious gain reaches in ``weeks``: where reps may head, at most."""
    return max(_fastest(test_mile_s, gain_limits(test_mile_s, weeks, runner)[1]),
               runner.record_s)


def _fastest(test_mile_s: float, gain: float) -> float:
    return _mile(_score(test_mile_s) * (1.0 + gain))


def _round_up(seconds: float, step: float) -> float:
    return math.ceil(seconds / step - 1e-9) * step


def suggest_goal(test_mile_s: float, weeks: int = SEED_BLOCK_WEEKS,
                 runner: Runner = Runner()) -> float:
    """The goal miler suggests for a test mile: seed 000's rule, generalised.

    Never at or beyond the world record; when the test is already there, the test itself.
    """
    floor = math.floor(runner.record_s) + 1.0
    suggestion = max(_seed_or_model(test_mile_s, weeks, runner), floor)
    if runner.masters:  # never more than an open-age runner with the same test is told
        suggestion = max(suggestion, _seed_or_model(test_mile_s, weeks, Runner(runner.sex)))
    return min(suggestion, test_mile_s)


def _seed_or_model(test_mile_s: float, weeks: int, runner: Runner) -> float:
    reasonable, _ = gain_limits(test_mile_s, weeks, runner)
    fastest = _fastest(test_mile_s, reasonable)
    if test_mile_s <= _NEXT_GOAL_S or runner.masters:
        return _round_up(fastest, 1.0 if fastest <= _NEXT_GOAL_S else _ROUND_S)
    if test_mile_s > _SEED_TEST_S:
        # Never past 7:00, what an 8:00 runner is told, so slower runners are never told more.
        step = max(_round_up(fastest, _ROUND_S), _SEED_GOAL_S)
        return min(max(step, test_mile_s - _STEP_MAX_S), test_mile_s - _STEP_MIN_S)
    seed = _NEXT_GOAL_S if test_mile_s <= _SEED_GOAL_S else _SEED_GOAL_S
    if weeks >= SEED_BLOCK_WEEKS:
        return seed
    return max(seed, _round_up(fastest, _ROUND_S))  # fewer weeks than the seed's: trim


def assumed_mile_s(goal_mile_s: float | None, weekly_miles: float = 20.0) -> float:
    """With no test mile: goal + 1 minute (seed 000's step), or a rough mile for the volume.

    Only provisional paces after the test mile use it; the test's result replaces it.
    """
    return _guess_by_miles(weekly_miles) if goal_mile_s is None else goal_mile_s + _STEP_MIN_S


def _guess_by_miles(weekly_miles: float) -> float:
    points = _GUESS_BY_MILES
    miles = min(max(weekly_miles, points[0][0]), points[-1][0])
    for (m0, s0), (m1, s1) in itertools.pairwise(points):
        if miles <= m1:
            return _round_up(s0 + (s1 - s0) * (miles - m0) / (m1 - m0), _ROUND_S)
    return points[-1][1]


def _verdict(test_mile_s: float, goal_mile_s: float, weeks: int, runner: Runner) -> Verdict:
    if goal_mile_s >= test_mile_s:
        return Verdict.ACHIEVED
    if goal_mile_s <= runner.record_s:
        return Verdict.UNREALISTIC
    if _is_seed_case(test_mile_s, goal_mile_s, weeks, runner):
        return Verdict.REASONABLE
    reasonable, ambitious = gain_limits(test_mile_s, weeks, runner)
    needed = _score(goal_mile_s) / _score(test_mile_s) - 1.0
    if needed <= reasonable + 1e-12:
        return Verdict.REASONABLE
    return Verdict.AMBITIOUS if needed <= ambitious + 1e-12 else Verdict.UNREALISTIC


def _is_seed_case(test_mile_s: float, goal_mile_s: float, weeks: int, runner: Runner) -> bool:
    """Seed 000 says so outright: 7:00 from 8:00 or better; one minute faster from slower."""
    if weeks < SEED_BLOCK_WEEKS or runner.masters:
        return False
    if test_mile_s <= _SEED_TEST_S:
        return goal_mile_s >= _SEED_GOAL_S
    return goal_mile_s >= test_mile_s - _STEP_MIN_S


def assess(test_mile_s: float | None, weekly_miles: float, goal_mile_s: float | None = None,
           *, block_weeks: int = SEED_BLOCK_WEEKS, base_weeks: int = 0,
           sex: Sex | None = None, runner: Runner | None = None,
           insist: bool = False) -> Assessment:
    """The verdict on ``goal_mile_s`` (or on the suggested goal when None) for this runner.

    An unrealistic or already achieved goal is replaced by the suggestion, unless ``insist``.
    """
    if goal_mile_s is not None:
        check_goal(goal_mile_s)
    who = runner if runner is not None else Runner(sex)
    weeks = block_weeks + base_weeks
    if test_mile_s is None:
        return _untested(goal_mile_s, base_weeks, weekly_miles)
    suggested = suggest_goal(test_mile_s, weeks, who)
    asked = suggested if goal_mile_s is None else goal_mile_s
    verdict = _verdict(test_mile_s, asked, weeks, who)
    swap = goal_mile_s is not None and not insist and suggested != asked \
        and verdict in (Verdict.UNREALISTIC, Verdict.ACHIEVED)
    trained = suggested if swap else asked
    reason = " ".join(part for part in (
        _reason(verdict, test_mile_s, asked, suggested, weeks,
                goal_mile_s is not None and not swap, who),
        _training_note(verdict, asked, trained, insist and goal_mile_s is not None),
        _age_note(test_mile_s, who), _base_note(weekly_miles, base_weeks),
        _average_note(test_mile_s, who.sex)) if part)
    return Assessment(verdict, trained, suggested, reason, test_mile_s, False,
                      goal_mile_s is not None, asked if asked != trained else None,
                      insist and goal_mile_s is not None)


def _training_note(verdict: Verdict, asked_s: float, trained_s: float, insisted: bool) -> str:
    if trained_s != asked_s:
        return (f"The plan trains and races for {_clock(trained_s)}; you can choose to keep "
                f"{_clock(asked_s)} instead.")
    if insisted and verdict is Verdict.UNREALISTIC:
        return (f"You chose to keep {_clock(asked_s)}: the race is paced for it, but every "
                "training pace stays within what your fitness allows, so expect the last lap "
                "to hurt.")
    if insisted and verdict is Verdict.ACHIEVED:
        return f"You chose to keep {_clock(asked_s)}, slower than you already run."
    return ""


def _age_note(test_s: float, runner: Runner) -> str:
    age = runner.table_age
    if age is None or runner.table is None:
        return ""
    grade = age_grade(test_s, age, runner.table)
    return (f"At {runner.age} your {_clock(test_s)} grades as {grade.percent:.0f} % of the "
            f"age standard ({grade.level}; an open-age {_clock(round(grade.graded_time_s))}), "
            "and goals are sized to that age-graded level.")


def _untested(goal_mile_s: float | None, base_weeks: int, weekly_miles: float) -> Assessment:
    assumed = assumed_mile_s(goal_mile_s, weekly_miles)
    goal = suggest_goal(assumed) if goal_mile_s is None else goal_mile_s
    clock = format_clock(goal, 0)
    when = "Week 1" if base_weeks == 0 else "The first week after base building"
    lead = (f"No goal or test mile given: training for {clock} for now, a first step from the "
            f"mile your {weekly_miles:g} miles a week suggest."
            if goal_mile_s is None else f"No test mile yet, so {clock} is untested.")
    reason = (f"{lead} {when} opens with a test mile (a rested day, a flat route, 10 min easy "
              "jog and a few strides, then an even, hard mile, run by feel). Until then every "
              "run is by effort; after it, paces are provisional (they assume "
              f"{with_article(format_clock(assumed, 0))} mile) until its result re-sets them.")
    return Assessment(Verdict.UNTESTED, goal, None if goal_mile_s is not None else goal,
                      reason, assumed, True, goal_mile_s is not None)


def _clock(seconds: float) -> str:
    return format_clock(seconds, 0 if seconds == round(seconds) else 1)


def _reason(verdict: Verdict, test_s: float, goal_s: float, suggested_s: float, weeks: int,
            given: bool, runner: Runner) -> str:
    test, goal = _clock(test_s), _clock(goal_s)
    if verdict is Verdict.ACHIEVED:
        return (f"Your {test} test mile already meets {goal}. Aim for {_clock(suggested_s)} "
                f"next ({_suggestion_source(test_s, runner)}).")
    opener = f"{goal} is {verdict} from {with_article(test)} test mile in {weeks} weeks"
    if goal_s <= runner.record_s:
        return f"{opener}: it is at or beyond the world record ({_clock(runner.record_s)})."
    if _is_seed_case(test_s, goal_s, weeks, runner):
        because = _SAYS_SEVEN if test_s <= _SEED_TEST_S else _SAYS_STEP
        return f"{opener} ({because})."
    reasonable, ambitious = gain_limits(test_s, weeks, runner)
    near = _clock(_round_up(_fastest(test_s, reasonable), 1))
    far = _clock(_round_up(_fastest(test_s, ambitious), 1))
    limits = (f"{opener}: reasonable down to about {near}, ambitious down to about {far} "
              "at your level.")
    if given and verdict is not Verdict.REASONABLE and suggested_s != goal_s:
        limits += f" Suggested instead: {_clock(suggested_s)}."
    return limits


def _suggestion_source(test_s: float, runner: Runner) -> str:
    if runner.masters:
        return "a gain sized to your age-graded level"
    if test_s <= _NEXT_GOAL_S:
        return "a few percent faster, as at 6:00 and under; a few seconds near the record"
    if test_s <= _SEED_GOAL_S:
        return _SAYS_SIX
    if test_s <= _SEED_TEST_S:
        return _SAYS_SEVEN
    return _SAYS_STEP


def _base_note(weekly_miles: float, base_weeks: int) -> str:
    if base_weeks == 0:
        return ""
    return (f"At {weekly_miles:g} miles a week, {base_weeks} weeks of easy running build you to "
            f"at least 15 first ({GUIDE_7}: no regular speedwork before that).")


def _average_note(test_s: float, sex: Sex | None) -> str:
    if sex is None:
        return ""
    average, who = AVERAGE_MILE_S[sex], _AVERAGE_WHO[sex]
    side = "faster than" if test_s < average else "slower than" if test_s > average else "at"
    return f"Your test is {side} the average mile for {who} ({_clock(average)}, {GUIDE_FASTER})."
