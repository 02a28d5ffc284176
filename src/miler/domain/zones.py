"""Training paces from the runner's current fitness and goal.

Two families, kept apart on purpose (DESIGN.md, "Coaching rules"):

* Physiological zones come from **current** fitness: the Daniels–Gilbert score of today's mile,
  and the speed whose oxygen cost is a share of it. Easy running is never set from the goal.
  Shares of the score as commonly published with Daniels' method (J. Daniels, *Daniels'
  Running Formula*): easy 59–74 %, marathon 75–84 %, threshold 83–88 %, interval 95–100 %,
  repetition 105–110 %.
* The seeds' figures are scaled to the **goal**, as a reference. Seed 000 writes its sessions
  for a 7:00 goal: repeats at 6:00–6:30, its "threshold" run and 800s at 7:00–7:30. We keep the
  ratios to the goal (repeats at goal x 360/420 to goal x 390/420, the seed's tempo at goal to
  goal x 450/420). What a session prescribes is that reference slowed to the runner's caps for
  the week (domain/prescription.py): the seed's figure only as far as fitness allows.
  The seed's "threshold" is goal-pace tempo; the true threshold for a 7:00 miler is about
  8:00/mile, and that is the ``threshold`` zone here.

Every range is in seconds per mile, fast end first.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Final

from miler.domain.equivalence import daniels_score, daniels_speed, duration_distance
from miler.domain.units import METERS_PER_MILE
from miler.errors import InvalidInputError

__all__ = ["PaceRange", "TrainingPaces", "WeekPaces", "pace_label", "training_paces"]

# Shares of the Daniels–Gilbert score (oxygen cost / score), fast end first. Easy running is a
# band of 25 s a mile either side of the middle of Daniels' 59-74 % range: the whole range is a
# useless target (10:09-12:07 for a 7:45 miler; its slow end a walk for a 10:30 miler).
_EASY: Final = (0.74, 0.59)
_EASY_HALF_BAND_S: Final = 25.0
_MARATHON: Final = (0.84, 0.75)
_THRESHOLD: Final = (0.88, 0.83)
_INTERVAL: Final = (1.00, 0.95)
_REPETITION: Final = (1.10, 1.05)

# Seed 000, written for a 7:00 (420 s) goal; kept as ratios to the goal.
_SEED_GOAL_S: Final = 420.0
_SEED_REPEATS_S: Final = (360.0, 390.0)  # "200 m or 400 m repeats at 6:00-6:30 mile pace"
_SEED_TEMPO_S: Final = (420.0, 450.0)  # "2 miles at 7:00-7:30", also the 800 m repeats
_GOAL_BAND: Final = 0.01  # goal-pace work: on goal pace or up to 1 % quicker

# The 12 x 1 min session (seed 000): race paces for these race lengths, from current fitness.
_RACE_20MIN_S: Final = (1200.0, 1200.0)
_RACE_10_12MIN_S: Final = (600.0, 720.0)


@dataclass(frozen=True, slots=True)
class PaceRange:
    """A pace range in seconds per mile; ``fast_s_per_mile`` <= ``slow_s_per_mile``."""

    fast_s_per_mile: float
    slow_s_per_mile: float

    def __post_init__(self) -> None:
        fast, slow = self.fast_s_per_mile, self.slow_s_per_mile
        if not (math.isfinite(fast) and math.isfinite(slow) and 0 < fast <= slow):
            raise InvalidInputError("pace range", "must be positive with the fast end first",
                                    (fast, slow))

    @property
    def mid_s_per_mile(self) -> float:
        return (self.fast_s_per_mile + self.slow_s_per_mile) / 2.0

    def as_list(self) -> list[float]:
        return [round(self.fast_s_per_mile, 2), round(self.slow_s_per_mile, 2)]


@dataclass(frozen=True, slots=True)
class TrainingPaces:
    """Every named pace a plan uses. Easy to repetition come from current fitness."""

    easy: PaceRange
    long: PaceRange
    marathon: PaceRange
    threshold: PaceRange
    interval: PaceRange
    repetition: PaceRange
    goal_mile: PaceRange
    race_20min: PaceRange
    race_10_12min: PaceRange
    mile_race: PaceRange
    seed_repeats: PaceRange
    seed_tempo: PaceRange

    def as_dict(self) -> dict[str, PaceRange]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


# The two ends written out rather than through a generator: a plan makes a few dozen ranges.
def _share_range(score: float, shares: tuple[float, float]) -> PaceRange:
    return PaceRange(METERS_PER_MILE / daniels_speed(score * shares[0]),
                     METERS_PER_MILE / daniels_speed(score * shares[1]))


def _race_range(score: float, durations_s: tuple[float, float]) -> PaceRange:
    first, last = durations_s
    one = first * METERS_PER_MILE / duration_distance(score, first)
    two = last * METERS_PER_MILE / duration_distance(score, last)
    return PaceRange(one, two) if one <= two else PaceRange(two, one)  # as sorted() would


def _goal_range(goal_s: float, bounds_s: tuple[float, float]) -> PaceRange:
    return PaceRange(goal_s * bounds_s[0] / _SEED_GOAL_S, goal_s * bounds_s[1] / _SEED_GOAL_S)


def training_paces(current_mile_s: float, goal_mile_s: float) -> TrainingPaces:
    """Paces for a runner whose mile is ``current_mile_s`` today, training for ``goal_mile_s``."""
    score = daniels_score(METERS_PER_MILE, current_mile_s)
    if not (math.isfinite(goal_mile_s) and goal_mile_s > 0):
        raise InvalidInputError("goal", "must be a positive mile time in seconds", goal_mile_s)
    wide = _share_range(score, _EASY)
    centre = wide.mid_s_per_mile
    easy = PaceRange(centre - _EASY_HALF_BAND_S, centre + _EASY_HALF_BAND_S)
    return TrainingPaces(
        easy=easy,
        long=easy,  # the long run is conversational: the easy range, nothing quicker
        marathon=_share_range(score, _MARATHON),
        threshold=_share_range(score, _THRESHOLD),
        interval=_share_range(score, _INTERVAL),
        repetition=_share_range(score, _REPETITION),
        goal_mile=PaceRange(goal_mile_s * (1.0 - _GOAL_BAND), goal_mile_s),
        race_20min=_race_range(score, _RACE_20MIN_S),
        race_10_12min=_race_range(score, _RACE_10_12MIN_S),
        # Today's mile race pace (on it, or up to 1 % slower): never the goal's.
        mile_race=PaceRange(current_mile_s, current_mile_s * (1.0 + _GOAL_BAND)),
        seed_repeats=_goal_range(goal_mile_s, _SEED_REPEATS_S),
        seed_tempo=_goal_range(goal_mile_s, _SEED_TEMPO_S),
    )


class WeekPaces:
    """The work paces of ``training_paces(mile_s, goal_mile_s)``, each worked out the first
    time a session asks for it: a week's sessions read two or three of the twelve (the
    planner makes one a week). Same functions, same arguments: the same values."""

    __slots__ = ("_goal_s", "_made", "_mile_s", "_score")

    def __init__(self, mile_s: float, goal_mile_s: float) -> None:
        self._score = daniels_score(METERS_PER_MILE, mile_s)  # refuses what training_paces does
        if not (math.isfinite(goal_mile_s) and goal_mile_s > 0):
            raise InvalidInputError("goal", "must be a positive mile time in seconds",
                                    goal_mile_s)
        self._mile_s, self._goal_s = mile_s, goal_mile_s
        self._made: dict[str, PaceRange] = {}

    def _once(self, name: str, make: Callable[[float, tuple[float, float]], PaceRange],
              figures: tuple[float, float]) -> PaceRange:
        found = self._made.get(name)
        if found is None:
            found = self._made[name] = make(self._score, figures)
        return found

    @property
    def threshold(self) -> PaceRange:
        return self._once("threshold", _share_range, _THRESHOLD)

    @property
    def interval(self) -> PaceRange:
        return self._once("interval", _share_range, _INTERVAL)

    @property
    def race_20min(self) -> PaceRange:
        return self._once("race_20min", _race_range, _RACE_20MIN_S)

    @property
    def race_10_12min(self) -> PaceRange:
        return self._once("race_10_12min", _race_range, _RACE_10_12MIN_S)

    @property
    def goal_mile(self) -> PaceRange:
        return PaceRange(self._goal_s * (1.0 - _GOAL_BAND), self._goal_s)

    @property
    def mile_race(self) -> PaceRange:
        return PaceRange(self._mile_s, self._mile_s * (1.0 + _GOAL_BAND))

    @property
    def seed_repeats(self) -> PaceRange:
        return _goal_range(self._goal_s, _SEED_REPEATS_S)

    @property
    def seed_tempo(self) -> PaceRange:
        return _goal_range(self._goal_s, _SEED_TEMPO_S)


# What each named pace is called where a runner reads it. The guide's figures are references
# scaled to the goal, not what the sessions ask (domain/prescription.py caps them).
_LABELS: Final = {"goal_mile": "goal mile", "mile_race": "mile race (today)",
                  "race_20min": "20-min race", "race_10_12min": "10–12-min race",
                  "seed_repeats": "guide's repeats (reference)",
                  "seed_tempo": "guide's tempo and 800s (reference)"}


def pace_label(name: str) -> str:
    """The runner's name for the pace ``name`` of a plan document (``seed_tempo``...)."""
    return _LABELS.get(name, name.replace("_", " "))
