"""Plan value objects: steps, repeats, sessions, weeks and the plan, and its miler.plan/1 document.

Distances are metres and times seconds. A running step is ended either by distance or by time
(``measure``); the other figure is estimated at the middle of its target pace range, so a
session's steps always add up to its planned distance and a week's sessions to the week's.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final

from miler.domain.units import METERS_PER_MILE
from miler.errors import InvalidInputError

if TYPE_CHECKING:
    from miler.domain.assessment import Assessment
    from miler.domain.athlete import Athlete
    from miler.domain.zones import PaceRange, TrainingPaces

__all__ = [
    "HARD_KINDS",
    "RUN_KINDS",
    "SCHEMA",
    "Intensity",
    "Measure",
    "Phase",
    "Plan",
    "Repeat",
    "Session",
    "SessionKind",
    "Step",
    "StepKind",
    "Week",
    "is_hard",
    "is_run",
    "slot_setters",
]

SCHEMA: Final = "miler.plan/1"
_new = object.__new__


def slot_setters(cls: type) -> tuple[Callable[[object, Any], None], ...]:
    """The setters of a frozen, slotted dataclass's fields, in field order: what its own
    __init__ calls through object.__setattr__ by name, for values the planner makes by the
    dozen (``Step``, ``Session``, ``sessions.SessionContext``)."""
    return tuple(cls.__dict__[f.name].__set__ for f in fields(cls))


class SessionKind(StrEnum):
    EASY = "easy"
    LONG = "long"
    SPEED = "speed"
    THRESHOLD = "threshold"
    FARTLEK = "fartlek"
    HILLS = "hills"
    STRIDES = "strides"
    TIME_TRIAL = "time_trial"
    RACE = "race"
    STRENGTH = "strength"
    MOBILITY = "mobility"
    DRILLS = "drills"
    CROSS = "cross"
    REST = "rest"


#: DESIGN.md "Plan mechanics": with intensity hard these are the week's speed sessions.
HARD_KINDS: Final = frozenset({SessionKind.SPEED, SessionKind.THRESHOLD, SessionKind.FARTLEK,
                               SessionKind.HILLS, SessionKind.TIME_TRIAL, SessionKind.RACE})
#: Sessions that are running (a day with none of these is a day without running).
RUN_KINDS: Final = HARD_KINDS | {SessionKind.EASY, SessionKind.LONG, SessionKind.STRIDES}


def is_hard(kind: str, intensity: str) -> bool:
    """A hard session: a quality kind at ``hard`` intensity (DESIGN.md, plan mechanics).
    Takes the enums or their document strings (a stored session's kind and intensity)."""
    return kind in HARD_KINDS and intensity == "hard"


def is_run(kind: str) -> bool:
    """Whether a session of ``kind`` is running (a day with none is a day without running)."""
    return kind in RUN_KINDS


class Intensity(StrEnum):
    REST = "rest"
    EASY = "easy"
    MODERATE = "moderate"
    HARD = "hard"


class Phase(StrEnum):
    BASE = "base"
    BUILD = "build"
    SHARPEN = "sharpen"
    TAPER = "taper"
    RACE = "race"


class StepKind(StrEnum):
    WARMUP = "warmup"
    WORK = "work"
    RECOVERY = "recovery"
    COOLDOWN = "cooldown"
    REPEAT = "repeat"
    EXERCISE = "exercise"
    DRILL = "drill"


class Measure(StrEnum):
    """What ends a running step: its distance, or its time (the other is an estimate)."""

    DISTANCE = "distance"
    TIME = "time"


# An enum member read through its class (``Measure.TIME``) goes through EnumType.__getattr__'s
# slow path, about as dear as a function call in Python 3.11: the step constructors use these.
_REPEAT, _DISTANCE, _TIME = StepKind.REPEAT, Measure.DISTANCE, Measure.TIME


@dataclass(frozen=True, slots=True)
class Step:
    """One step: a run (warm-up, work, recovery, cool-down), an exercise or a drill."""

    kind: StepKind
    distance_m: float | None = None
    duration_s: float | None = None
    pace: PaceRange | None = None
    effort: int | None = None
    measure: Measure | None = None
    name: str | None = None
    sets: int | None = None
    reps: int | None = None

    def __post_init__(self) -> None:
        if self.kind is _REPEAT:
            raise InvalidInputError("step.kind", "must not be 'repeat' (use Repeat)", self.kind)
        for value, name in ((self.distance_m, "step.distance_m"),
                            (self.duration_s, "step.duration_s")):
            if value is not None and not 0.0 < value < math.inf:  # NaN fails too
                raise InvalidInputError(name, "must be a positive, finite number", value)
        if self.effort is not None and not 1 <= self.effort <= 10:
            raise InvalidInputError("step.effort", "must be from 1 to 10", self.effort)

    @classmethod
    def run(cls, kind: StepKind, pace: PaceRange, *, distance_m: float | None = None,
            duration_s: float | None = None, effort: int | None = None,
            name: str | None = None) -> Step:
        """A running step ended by distance or by time; the other is estimated at mid pace."""
        if (distance_m is None) == (duration_s is None):
            raise InvalidInputError("step", "needs exactly one of distance and duration",
                                    (distance_m, duration_s))
        per_m = pace.mid_s_per_mile / METERS_PER_MILE
        if distance_m is not None:
            return _step(kind, distance_m, distance_m * per_m, pace, effort, _DISTANCE,
                         name)
        assert duration_s is not None
        return _step(kind, duration_s / per_m, duration_s, pace, effort, _TIME, name)

    @classmethod
    def by_effort(cls, kind: StepKind, duration_s: float, effort: int, estimate: PaceRange,
                  name: str | None = None) -> Step:
        """A timed run by feel (hills, strides): no pace target, distance estimated."""
        meters = duration_s * METERS_PER_MILE / estimate.mid_s_per_mile
        return _step(kind, meters, duration_s, None, effort, _TIME, name)

    @classmethod
    def distance_by_effort(cls, kind: StepKind, distance_m: float, effort: int,
                           estimate: PaceRange, name: str | None = None) -> Step:
        """A run of a set distance by feel (an untested runner's runs): time estimated."""
        seconds = distance_m * estimate.mid_s_per_mile / METERS_PER_MILE
        return _step(kind, distance_m, seconds, None, effort, _DISTANCE, name)

    @classmethod
    def exercise(cls, name: str, sets: int, reps: int | None = None,
                 duration_s: float | None = None, kind: StepKind = StepKind.EXERCISE) -> Step:
        return cls(kind, duration_s=duration_s, name=name, sets=sets, reps=reps)

    @property
    def total_distance_m(self) -> float:
        return self.distance_m or 0.0

    @property
    def total_duration_s(self) -> float:
        return (self.duration_s or 0.0) * (self.sets or 1)

    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"kind": str(self.kind)}
        for key in ("distance_m", "duration_s", "effort", "name", "sets", "reps"):
            value = getattr(self, key)
            if value is not None:
                doc[key] = value
        if self.pace is not None:
            doc["pace"] = {"s_per_mile": self.pace.as_list()}
        if self.measure is not None:
            doc["measure"] = str(self.measure)
        return doc


# The named constructors set a new step's slots through their descriptors, as the frozen
# dataclass's __init__ does by name through object.__setattr__ (a plan makes about sixty).
(_s_kind, _s_distance_m, _s_duration_s, _s_pace, _s_effort, _s_measure, _s_name, _s_sets,
 _s_reps) = slot_setters(Step)


def _step(kind: StepKind, distance_m: float | None, duration_s: float | None,
          pace: PaceRange | None, effort: int | None, measure: Measure, name: str | None
          ) -> Step:
    """``Step(kind, distance_m, duration_s, pace, effort, measure, name)``, checked the same."""
    new = _new(Step)
    _s_kind(new, kind)
    _s_distance_m(new, distance_m)
    _s_duration_s(new, duration_s)
    _s_pace(new, pace)
    _s_effort(new, effort)
    _s_measure(new, measure)
    _s_name(new, name)
    _s_sets(new, None)
    _s_reps(new, None)
    new.__post_init__()
    return new


@dataclass(frozen=True, slots=True)
class Repeat:
    """``times`` x the same steps (e.g. 6 x [400 m hard, 90 s jog])."""

    times: int
    steps: tuple[Step, ...]

    def __post_init__(self) -> None:
        if self.times < 1 or not self.steps:
            raise InvalidInputError("repeat", "needs at least one time and one step",
                                    (self.times, len(self.steps)))

    @property
    def kind(self) -> StepKind:
        return StepKind.REPEAT

    @property
    def total_distance_m(self) -> float:
        return self.times * _distance_m(self.steps)

    @property
    def total_duration_s(self) -> float:
        return self.times * sum(step.total_duration_s for step in self.steps)

    def to_doc(self) -> dict[str, Any]:
        return {"kind": "repeat", "times": self.times,
                "steps": [step.to_doc() for step in self.steps]}


AnyStep = Step | Repeat


def _distance_m(steps: tuple[AnyStep, ...]) -> float:
    """``sum(step.total_distance_m for step in steps)``, the same additions in the same order,
    as a loop: a plan adds up about sixty sessions and repeats, each a generator otherwise."""
    total: float = 0
    for step in steps:
        total += step.total_distance_m
    return total
_Date = date  # inside Session, ``date`` is the field


@dataclass(frozen=True, slots=True)
class Session:
    """One dated session. ``workout`` is its catalogue key (domain/library.py)."""

    id: str
    date: date
    kind: SessionKind
    intensity: Intensity
    title: str
    why: str
    workout: str
    steps: tuple[AnyStep, ...] = ()
    duration_s: float | None = None
    #: Running distance: the sum of the steps; None for sessions that are not runs.
    planned_distance_m: float | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        _planned_distance_m(self, _distance_m(self.steps) if self.kind in RUN_KINDS else None)

    @classmethod
    def planned(cls, id: str, day: _Date, kind: SessionKind, intensity: Intensity, title: str,
                why: str, workout: str, steps: tuple[AnyStep, ...],
                duration_s: float | None = None) -> Session:
        """``Session(id, day, ...)`` as the planner makes it: the fields set through their
        slots, as the dataclass's own __init__ does by name (a plan makes about forty)."""
        new = _new(Session)
        _id(new, id)
        _date(new, day)
        _kind(new, kind)
        _intensity(new, intensity)
        _title(new, title)
        _why(new, why)
        _workout(new, workout)
        _steps(new, steps)
        _duration_s(new, duration_s)
        new.__post_init__()
        return new

    def on(self, id: str, day: _Date) -> Session:
        """This session with another id and date: a plan's same run or workout on another day.

        Every other field is this (validated) session's, so nothing is worked out again: the
        planner makes each distinct session once and dates copies (issue 22: plan speed).
        """
        new = _new(Session)
        _id(new, id)
        _date(new, day)
        _kind(new, self.kind)
        _intensity(new, self.intensity)
        _title(new, self.title)
        _why(new, self.why)
        _workout(new, self.workout)
        _steps(new, self.steps)
        _duration_s(new, self.duration_s)
        _planned_distance_m(new, self.planned_distance_m)
        return new

    @property
    def is_run(self) -> bool:
        return is_run(self.kind)

    @property
    def is_hard(self) -> bool:
        return is_hard(self.kind, self.intensity)

    @property
    def planned_duration_s(self) -> float | None:
        if self.duration_s is not None:
            return self.duration_s
        total = sum(step.total_duration_s for step in self.steps)
        return total or None

    def to_doc(self) -> dict[str, Any]:
        return {
            "id": self.id, "date": self.date.isoformat(), "kind": str(self.kind),
            "intensity": str(self.intensity), "title": self.title, "workout": self.workout,
            "planned_distance_m": self.planned_distance_m,
            "planned_duration_s": self.planned_duration_s, "why": self.why,
            "steps": [step.to_doc() for step in self.steps],
        }


# Session.on sets a new session's slots through their descriptors, as object.__setattr__
# (what a frozen dataclass's __init__ calls) does after looking each one up by name.
(_id, _date, _kind, _intensity, _title, _why, _workout, _steps, _duration_s,
 _planned_distance_m) = slot_setters(Session)


@dataclass(frozen=True, slots=True)
class Week:
    """Seven days from ``start_date`` (the race week may end early: nothing after the race)."""

    index: int
    phase: Phase
    start_date: date
    sessions: tuple[Session, ...]
    easier: bool = False
    #: The mile the week's work paces are set from (domain/prescription.py); None in base weeks.
    fitness_mile_s: float | None = None

    @property
    def planned_distance_m(self) -> float:
        total: float = 0  # sum() of the sessions' distances, as a loop (see _distance_m)
        for session in self.sessions:
            total += session.planned_distance_m or 0.0
        return total

    @property
    def hard_sessions(self) -> tuple[Session, ...]:
        return tuple(s for s in self.sessions if s.is_hard)

    def to_doc(self) -> dict[str, Any]:
        return {"index": self.index, "phase": str(self.phase),
                "start_date": self.start_date.isoformat(),
                "planned_distance_m": self.planned_distance_m, "easier": self.easier,
                "fitness_mile_s": None if self.fitness_mile_s is None
                else round(self.fitness_mile_s, 2),
                "sessions": [s.to_doc() for s in self.sessions]}


@dataclass(frozen=True, slots=True)
class Plan:
    """A dated plan: base weeks (if any), then the mile block ending on race day."""

    athlete: Athlete
    assessment: Assessment
    paces: TrainingPaces
    start_date: date
    race_date: date
    weeks: tuple[Week, ...]
    base_weeks: int
    block_weeks: int
    time_trial_date: date | None = None
    time_trial_s: float | None = None
    paces_after_time_trial: TrainingPaces | None = None
    #: Where the block's fitness heads: the goal trained for, at most the ambitious gain.
    target_mile_s: float | None = None
    #: How this plan departs from the usual week and why, in words (few days, age...).
    notes: tuple[str, ...] = ()

    @property
    def sessions(self) -> tuple[Session, ...]:
        return tuple(s for week in self.weeks for s in week.sessions)

    def to_doc(self) -> dict[str, Any]:
        """The ``miler.plan/1`` document (schemas/plan.schema.json); extra fields allowed."""
        doc: dict[str, Any] = {
            "schema": SCHEMA,
            "athlete": _athlete_doc(self.athlete),
            "goal": self.assessment.to_doc(),
            "paces": _paces_doc(self.paces),
            "start_date": self.start_date.isoformat(),
            "race_date": self.race_date.isoformat(),
            "base_weeks": self.base_weeks,
            "block_weeks": self.block_weeks,
            "time_trial": None,
            "notes": list(self.notes),
            "target_mile_s": None if self.target_mile_s is None
            else round(self.target_mile_s, 2),
            "weeks": [week.to_doc() for week in self.weeks],
        }
        if self.time_trial_date is not None:
            doc["time_trial"] = {
                "date": self.time_trial_date.isoformat(), "result_s": self.time_trial_s,
                "paces": None if self.paces_after_time_trial is None
                else _paces_doc(self.paces_after_time_trial)}
        return doc


def _paces_doc(paces: TrainingPaces) -> dict[str, Any]:
    return {name: {"s_per_mile": rng.as_list()} for name, rng in paces.as_dict().items()}


def _athlete_doc(athlete: Athlete) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "weekly_miles": athlete.weekly_miles, "test_mile_s": athlete.test_mile_s,
        "training_days": [day.short for day in sorted(athlete.training_days)],
        "long_run_day": athlete.long_day.short, "units": str(athlete.units),
    }
    for key in ("name", "age", "sex"):
        value = getattr(athlete, key)
        if value is not None:
            doc[key] = value if key != "sex" else str(value)
    return doc
