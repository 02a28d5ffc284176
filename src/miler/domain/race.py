"""Race day for the mile: lap splits, checkpoints and cues, exact to the hundredth.

The lap shape is seed 001's ("How to run a faster mile", "Pace Yourself"): lap 1 about a
second slow, lap 2 back on goal pace by 800 m, lap 3 the hardest lap, lap 4 the fastest,
each of its 100 m quicker than the last. Seed 000's "on pace or a couple of seconds
faster" is a stretch target beside the plan, not a different shape.

Everything is computed in integer hundredths of a second and integer millimetres, so the
lap splits add up to the goal exactly and the same goal always gives the same plan.
On a track the mile starts 9.344 m behind the 1600 m start: lap 1 is 409.344 m and the
checkpoints sit on the track's 200 m marks (209.344 m, 409.344 m, ...). On a road the
"laps" are quarter miles (402.336 m) and the checkpoints eighths of a mile.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final, TypeVar

from miler.domain import race_text as text
from miler.domain.pace import Pace
from miler.domain.race_text import DRILLS
from miler.domain.units import METERS_PER_MILE, Venue, format_clock, format_goal, round_half_up
from miler.errors import InvalidInputError

__all__ = [
    "DRILLS",
    "GOAL_MAX_S",
    "GOAL_MIN_S",
    "LAP1_SLOW_S",
    "LAP3_LOSS_S",
    "LAST_LAP_STEP_S",
    "STRETCH_S",
    "Checkpoint",
    "Lap",
    "RacePlan",
    "RaceStep",
    "Strategy",
    "Venue",
    "plan_race",
    "race_laps",
]


_E = TypeVar("_E", bound=StrEnum)


class Strategy(StrEnum):
    SEED = "seed"  # seed 001's four-lap shape
    EVEN = "even"  # every lap and checkpoint on goal pace


# The range miler plans a race for: 3:00 is faster than the world record (3:43.13), 30:00
# is a brisk walk. Outside it the arithmetic still works but the coaching does not.
GOAL_MIN_S: Final = 180.0
GOAL_MAX_S: Final = 1800.0

# Seed 001, Lap 1: "come in with your 400m split even a second slower than your goal mile
# split time".
LAP1_SLOW_S: Final = 1.0
# Seed 001, Lap 3: "Hang on. This is the hardest lap" (DESIGN.md: it may lose "a second or
# two"). We plan 1.5 s: it must exceed lap 1's second, because lap 2 wins that second back
# ("on pace by the 800m mark") and lap 4, which wins this one back, has to be the fastest.
LAP3_LOSS_S: Final = 1.5
# Seed 001, Lap 4: "four 100m intervals ... ratchet up your running speed with each 100m".
# The seed gives no number; 0.2 s per 100 m is ours: a clear step that stays a small part
# of the lap's gain, so the first 100 m of lap 4 is still quicker than lap 3's pace.
LAST_LAP_STEP_S: Final = 0.2
# Seed 000, race day: "Run on the 7 minute mile pace, or a couple of seconds faster."
STRETCH_S: Final = 2.0

_MILE_MM: Final = 1_609_344
_CS: Final = 100  # hundredths per second
# Lap ends in millimetres from the mile start: a track's laps, a road's quarter miles.
_LAP_ENDS_MM: Final = {
    Venue.TRACK: (409_344, 809_344, 1_209_344, 1_609_344),
    Venue.ROAD: (402_336, 804_672, 1_207_008, 1_609_344),
}
# Hundredths ahead (-) or behind (+) even pace at each lap end, seed 001's shape.
_SEED_OFFSETS_CS: Final = (round(LAP1_SLOW_S * _CS), 0, round(LAP3_LOSS_S * _CS), 0)
_STRETCH_CS: Final = round(STRETCH_S * _CS)


@dataclass(frozen=True, slots=True)
class Lap:
    """One lap of a track (a quarter mile on a road)."""

    number: int
    distance_m: float
    split_s: float
    elapsed_s: float
    cue: str

    @property
    def pace(self) -> Pace:
        return Pace.from_time(self.split_s, self.distance_m)


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A cumulative target: be at ``at_m`` metres after ``elapsed_s`` seconds.

    ``split_s`` is the time since the previous checkpoint; ``word`` is the cue cut to a
    word or two for a pace band.
    """

    at_m: float
    elapsed_s: float
    split_s: float
    label: str
    cue: str
    word: str


@dataclass(frozen=True, slots=True)
class RaceStep:
    """A warm-up or cool-down step; ``minutes`` is a (low, high) range when it is timed."""

    kind: str
    text: str
    minutes: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class RacePlan:
    """A mile race, lap by lap: the ``miler.race/1`` document's content."""

    goal_s: float
    venue: Venue
    strategy: Strategy
    laps: tuple[Lap, ...]
    checkpoints: tuple[Checkpoint, ...]
    warmup: tuple[RaceStep, ...]
    cooldown: tuple[RaceStep, ...]
    advice: tuple[str, ...]
    stretch_goal_s: float

    @property
    def distance_m(self) -> float:
        return METERS_PER_MILE

    @property
    def goal_pace(self) -> Pace:
        return Pace.per_mile(self.goal_s)

    def to_doc(self) -> dict[str, Any]:
        """The ``miler.race/1`` document (``schemas/race.schema.json``), plus extra fields."""
        return {
            "schema": "miler.race/1",
            "goal_s": self.goal_s,
            "distance_m": METERS_PER_MILE,
            "venue": str(self.venue),
            "strategy": str(self.strategy),
            "stretch_goal_s": self.stretch_goal_s,
            "warmup": [step.text for step in self.warmup],
            "checkpoints": [_checkpoint_doc(point) for point in self.checkpoints],
            "laps": [_lap_doc(lap) for lap in self.laps],
            "cooldown": [step.text for step in self.cooldown],
            "advice": list(self.advice),
        }


def _lap_doc(lap: Lap) -> dict[str, Any]:
    return {"lap": lap.number, "distance_m": lap.distance_m, "split_s": lap.split_s,
            "elapsed_s": lap.elapsed_s,
            "pace_s_per_mile": round_half_up(lap.pace.s_per_mile, 2), "cue": lap.cue}


def _checkpoint_doc(point: Checkpoint) -> dict[str, Any]:
    return {"at_m": point.at_m, "elapsed_s": point.elapsed_s, "split_s": point.split_s,
            "label": point.label, "cue": point.cue}


def plan_race(goal_s: float, venue: Venue = Venue.TRACK,
              strategy: Strategy = Strategy.SEED) -> RacePlan:
    """The race-day plan for a mile in ``goal_s`` seconds (rounded half up to hundredths)."""
    goal_cs = _goal_hundredths(goal_s)
    venue = _member(Venue, venue, "venue")
    strategy = _member(Strategy, strategy, "strategy")
    lap_ends_cs = _lap_ends_cs(goal_cs, venue, strategy)
    points_cs = _checkpoints_cs(goal_cs, venue, strategy, lap_ends_cs)
    goal = goal_cs / _CS
    return RacePlan(
        goal_s=goal,
        venue=venue,
        strategy=strategy,
        laps=_laps(venue, strategy, lap_ends_cs),
        checkpoints=_checkpoints(venue, strategy, points_cs),
        warmup=_WARMUP,
        cooldown=_COOLDOWN,
        advice=_advice(venue, goal_cs),
        stretch_goal_s=(goal_cs - _STRETCH_CS) / _CS,
    )



def race_laps(goal_s: float, venue: Venue = Venue.TRACK,
              strategy: Strategy = Strategy.SEED) -> tuple[Lap, ...]:
    """``plan_race(goal_s, venue, strategy).laps`` without the checkpoints and advice (a
    plan's race session needs only the laps)."""
    goal_cs = _goal_hundredths(goal_s)
    venue = _member(Venue, venue, "venue")
    strategy = _member(Strategy, strategy, "strategy")
    return _laps(venue, strategy, _lap_ends_cs(goal_cs, venue, strategy))

def _member(kind: type[_E], value: object, field: str) -> _E:
    try:
        return kind(str(value))
    except ValueError:
        raise InvalidInputError(field, f"must be one of {', '.join(kind)}", value) from None


def _goal_hundredths(goal_s: float) -> int:
    if not isinstance(goal_s, int | float) or not math.isfinite(goal_s) \
            or not GOAL_MIN_S <= goal_s <= GOAL_MAX_S:
        rule = (f"must be between {format_clock(GOAL_MIN_S)} and {format_clock(GOAL_MAX_S)}"
                " for a mile")
        raise InvalidInputError("goal", rule, goal_s)
    return round(round_half_up(goal_s, 2) * _CS)


def _even_cs(goal_cs: int, at_mm: int) -> int:
    """Elapsed hundredths at ``at_mm`` on even goal pace, rounded half up, in exact integers."""
    return (2 * goal_cs * at_mm + _MILE_MM) // (2 * _MILE_MM)


def _lap_ends_cs(goal_cs: int, venue: Venue, strategy: Strategy) -> tuple[int, ...]:
    offsets = _SEED_OFFSETS_CS if strategy is Strategy.SEED else (0, 0, 0, 0)
    return tuple(_even_cs(goal_cs, end) + off
                 for end, off in zip(_LAP_ENDS_MM[venue], offsets, strict=True))


def _checkpoint_mm(venue: Venue) -> tuple[int, ...]:
    """Half-lap marks in laps 1-3, then every quarter of the last lap."""
    ends = _LAP_ENDS_MM[venue]
    half = (ends[3] - ends[2]) // 2
    quarter = half // 2
    marks = [mark for end in ends[:3] for mark in (end - half, end)]
    return (*marks, *(ends[2] + quarter * k for k in (1, 2, 3)), ends[3])


def _checkpoints_cs(goal_cs: int, venue: Venue, strategy: Strategy,
                    lap_ends: tuple[int, ...]) -> tuple[int, ...]:
    marks = _checkpoint_mm(venue)
    if strategy is Strategy.EVEN:
        return tuple(_even_cs(goal_cs, mark) for mark in marks)
    ends_mm = _LAP_ENDS_MM[venue]
    # Seed 001: "Check at the 200m mark that you are on your goal pace"; the slow second of
    # lap 1 comes after it. Laps 2 and 3 are run evenly within the lap.
    first = _even_cs(goal_cs, marks[0])
    middles = [_interpolate(lap_ends[i - 1], lap_ends[i], ends_mm[i - 1], ends_mm[i],
                            marks[2 * i]) for i in (1, 2)]
    last = _last_lap_cs(lap_ends[2], lap_ends[3])
    return (first, lap_ends[0], middles[0], lap_ends[1], middles[1], lap_ends[2], *last)


def _interpolate(start_cs: int, end_cs: int, start_mm: int, end_mm: int, at_mm: int) -> int:
    """Elapsed hundredths at ``at_mm`` on an even pace between two (distance, time) points."""
    span = end_mm - start_mm
    return start_cs + (2 * (end_cs - start_cs) * (at_mm - start_mm) + span) // (2 * span)


def _last_lap_cs(start_cs: int, end_cs: int) -> tuple[int, ...]:
    """Four segments, each LAST_LAP_STEP_S quicker than the one before, adding up exactly."""
    half = round(LAST_LAP_STEP_S * _CS / 2)
    base, spare = divmod(end_cs - start_cs, 4)
    # Offsets of +3, +1, -1, -3 half steps sum to zero; the spare hundredths go to the
    # earliest segments, which keeps every segment strictly quicker than the one before.
    segments = [base + off * half + (1 if k < spare else 0)
                for k, off in enumerate((3, 1, -1, -3))]
    elapsed, out = start_cs, []
    for segment in segments:
        elapsed += segment
        out.append(elapsed)
    return tuple(out)


def _laps(venue: Venue, strategy: Strategy, ends_cs: tuple[int, ...]) -> tuple[Lap, ...]:
    cues = text.SEED_LAP_CUES if strategy is Strategy.SEED else text.EVEN_LAP_CUES
    ends_mm = _LAP_ENDS_MM[venue]
    laps = []
    for i, (end_mm, end_cs) in enumerate(zip(ends_mm, ends_cs, strict=True)):
        start_mm, start_cs = (ends_mm[i - 1], ends_cs[i - 1]) if i else (0, 0)
        laps.append(Lap(number=i + 1, distance_m=(end_mm - start_mm) / 1000,
                        split_s=(end_cs - start_cs) / _CS, elapsed_s=end_cs / _CS,
                        cue=cues[i].format(**_words(venue))))
    return tuple(laps)


def _checkpoints(venue: Venue, strategy: Strategy,
                 points_cs: tuple[int, ...]) -> tuple[Checkpoint, ...]:
    cues = text.SEED_POINTS if strategy is Strategy.SEED else text.EVEN_POINTS
    words = _words(venue)
    out = []
    previous = 0
    for mark_mm, at_cs, label, (word, cue) in zip(
            _checkpoint_mm(venue), points_cs, text.LABELS[venue], cues, strict=True):
        out.append(Checkpoint(at_m=mark_mm / 1000, elapsed_s=at_cs / _CS,
                              split_s=(at_cs - previous) / _CS, label=label,
                              cue=cue.format(**words), word=word.format(**words)))
        previous = at_cs
    return tuple(out)


def _advice(venue: Venue, goal_cs: int) -> tuple[str, ...]:
    values = {"same": text.SAME_PLACE[venue], "goal": format_goal(goal_cs / _CS),
              "stretch": format_goal((goal_cs - _STRETCH_CS) / _CS)}
    return tuple(line.format(**values) for line in text.ADVICE)


def _steps(rows: tuple[tuple[str, str, tuple[int, int] | None], ...]) -> tuple[RaceStep, ...]:
    return tuple(RaceStep(kind, words, minutes) for kind, words, minutes in rows)


def _words(venue: Venue) -> dict[str, str]:
    return _WORDS[venue]


_WORDS: Final = {venue: {**text.WORDS[venue], "slow": f"{LAP1_SLOW_S:g} s",
                         "loss": f"{LAP3_LOSS_S:g} s"} for venue in Venue}


_WARMUP: Final = _steps(text.WARMUP)
_COOLDOWN: Final = _steps(text.COOLDOWN)
