"""What a watch runs: a plan's sessions as watch workouts, one per run.

Pure decisions the FIT and intervals.icu exports share (adapters/exports): which sessions
go together, what each step asks of the watch, and what the workout is called.

- One workout per run (issue 18): strides, hill sprints and drills that follow a run on the
  same day fold into it; a day with two runs (a double) has two workouts. Strength sessions
  are workouts of their own.
- Recoveries (jogs, walks back) carry no pace target: the runner recovers by feel.
- No target is narrower than :data:`MIN_HALF_WIDTH_S` either side of its middle.
- Race, time-trial and test-mile efforts start with an open "to the start line, press lap"
  step. Race laps end on the lap button (GPS drifts against the painted lines) and their
  targets allow :data:`LAP_TOLERANCE` either way; the lap's cue is the step's notes.
- Strength: each exercise is reps or a timed hold, with a named rest after every set.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from miler.domain.plan_view import SessionView
from miler.domain.units import METERS_PER_MILE, format_clock
from miler.domain.workouts import Measure, Repeat, SessionKind, Step, StepKind

__all__ = ["LAP_TOLERANCE", "MIN_HALF_WIDTH_S", "SET_REST_S", "End", "Outing", "Role",
           "WatchRepeat", "WatchStep", "compact_title", "outing_name", "outings", "watch_steps"]

#: Narrowest target either side of its middle, seconds per mile: a watch's pace reading
#: moves by a few seconds a mile from one second to the next (our choice).
MIN_HALF_WIDTH_S: Final = 3.0
#: A race lap's target: its pace, 3 % either way. GPS pace on a track is commonly a few
#: per cent off (tight bends, tall stands); a wider band keeps alerts for real drift.
LAP_TOLERANCE: Final = 0.03
#: Rest after each set of a strength exercise (common practice for body-weight and light
#: sets: about a minute).
SET_REST_S: Final = 60.0
#: Sessions that fold into the run they follow on the same day.
_ADD_ONS: Final = frozenset({SessionKind.STRIDES, SessionKind.DRILLS})
_RUNS: Final = frozenset({SessionKind.EASY, SessionKind.LONG, SessionKind.SPEED,
                          SessionKind.THRESHOLD, SessionKind.FARTLEK, SessionKind.HILLS,
                          SessionKind.TIME_TRIAL, SessionKind.RACE})
_EFFORTS: Final = frozenset({SessionKind.RACE, SessionKind.TIME_TRIAL})


class Role(StrEnum):
    """A step's intensity on the watch (FIT's ``intensity``)."""

    WARMUP = "warmup"
    ACTIVE = "active"
    RECOVERY = "recovery"
    REST = "rest"
    COOLDOWN = "cooldown"


class End(StrEnum):
    """What ends a step: a time, a distance, a rep count, or the lap button."""

    TIME = "time"
    DISTANCE = "distance"
    REPS = "reps"
    LAP = "lap"


@dataclass(frozen=True, slots=True)
class WatchStep:
    """One step on the watch. ``amount`` is seconds, metres or reps by ``end`` (a lap-button
    step may carry its nominal distance); ``pace`` is ``(fast, slow)`` s/mile."""

    name: str
    role: Role
    end: End
    amount: float | None = None
    pace: tuple[float, float] | None = None
    notes: str | None = None
    exercise: str | None = None  # a strength exercise's name, for its FIT profile entry


@dataclass(frozen=True, slots=True)
class WatchRepeat:
    times: int
    steps: tuple[WatchStep, ...]


WatchItem = WatchStep | WatchRepeat


@dataclass(frozen=True, slots=True)
class Outing:
    """A watch workout: a run with the strides or drills that follow it, or a strength
    session."""

    main: SessionView
    extras: tuple[SessionView, ...] = ()

    @property
    def sessions(self) -> tuple[SessionView, ...]:
        return (self.main, *self.extras)

    @property
    def is_strength(self) -> bool:
        return self.main.kind is SessionKind.STRENGTH


def outings(sessions: Iterable[SessionView]) -> tuple[Outing, ...]:
    """The watch workouts of ``sessions`` (in plan order): each run with the strides, hill
    sprints and drills after it on its day; strides with no run before them that day are a
    workout of their own; drills alone, mobility, cross-training and rest are none."""
    out: list[Outing] = []
    for session in sessions:
        last = out[-1] if out else None
        if session.kind in _ADD_ONS and last is not None and not last.is_strength \
                and last.main.date == session.date:
            out[-1] = Outing(last.main, (*last.extras, session))
        elif session.kind in _RUNS or session.kind in {SessionKind.STRIDES,
                                                       SessionKind.STRENGTH}:
            out.append(Outing(session))
    return tuple(out)


def compact_title(title: str) -> str:
    """A session title as a watch shows it: ``Fartlek: 7 x 80 s hard, 60 s jog`` ->
    ``Fartlek 7x80s``; ``Easy run: 2.75 miles`` -> ``Easy 2.75 mi``."""
    head, _, tail = title.replace("Race day: the mile in", "Race: mile in").partition(": ")
    tail = tail.split(" (")[0].split(",")[0].split(" at ")[0]
    text = f"{head} {tail}" if tail else head.split(" (")[0].split(",")[0]
    for long, short in ((" x ", "x"), (" miles", " mi"), (" mile", " mi"), (" hard", ""),
                        (" min", "min"), (" s ", "s "), (" m ", "m "), ("Easy run", "Easy"),
                        ("Long run", "Long"), ("Race mi in", "Race: mile in")):
        text = text.replace(long, short)
    for unit in ("s", "m"):
        if text.endswith(f" {unit}"):
            text = text[:-2] + unit
    return text.strip()


def _extra_word(session: SessionView) -> str:
    if session.kind is SessionKind.DRILLS:
        return "drills"
    return "hill sprints" if session.title.lower().startswith("hill") else "strides"


def outing_name(outing: Outing) -> str:
    """``Tue 01 Dec · Fartlek 7x80s``; folded strides or drills add ``+ drills, strides``."""
    words = list(dict.fromkeys(_extra_word(s) for s in outing.extras))
    plus = f" + {', '.join(words)}" if words else ""
    return f"{outing.main.date.strftime('%a %d %b')} · {compact_title(outing.main.title)}{plus}"


def _widen(pace: tuple[float, float], half: float) -> tuple[float, float]:
    fast, slow = pace
    mid = (fast + slow) / 2
    return (min(fast, mid - half), max(slow, mid + half))


def _run(step: Step, role: Role, work: str = "Run") -> WatchStep:
    """A running step; ``work`` names an unnamed work step (the session's kind)."""
    name = step.name or {Role.WARMUP: "Warm-up", Role.COOLDOWN: "Cool-down",
                         Role.RECOVERY: "Recovery"}.get(role, work)
    timed = bool(step.duration_s) if step.measure is None else \
        step.measure is Measure.TIME and bool(step.duration_s)
    end, amount = (End.TIME, step.duration_s) if timed else (End.DISTANCE, step.distance_m)
    if amount is None:
        end = End.LAP
    pace = None
    if step.pace is not None and role is not Role.RECOVERY:
        pace = _widen((step.pace.fast_s_per_mile, step.pace.slow_s_per_mile),
                      MIN_HALF_WIDTH_S)
    notes = f"effort {step.effort}/10" if step.pace is None and step.effort else None
    return WatchStep(name, role, end, amount, pace, notes)


_ROLES: Final = {StepKind.WARMUP: Role.WARMUP, StepKind.COOLDOWN: Role.COOLDOWN,
                 StepKind.RECOVERY: Role.RECOVERY}


def _exercise_text(step: Step) -> str:
    sets = step.sets or 1
    each = f"{step.reps}" if step.reps is not None else \
        f"{step.duration_s:g} s" if step.duration_s else ""
    return f"{step.name} {sets} x {each}" if sets > 1 else f"{step.name} {each}".strip()


def _drills(group: Sequence[Step]) -> WatchStep:
    """Drills in a run: one step. A single timed drill block is timed; several are done
    at the runner's pace and end on the lap button, listed in the notes."""
    notes = "; ".join(_exercise_text(s) for s in group)
    if len(group) == 1 and group[0].duration_s and (group[0].sets or 1) == 1:
        return WatchStep(group[0].name or "Drills", Role.ACTIVE, End.TIME,
                         group[0].duration_s)
    return WatchStep("Drills, press lap when done", Role.ACTIVE, End.LAP, notes=notes)


def _lap(step: Step, number: int) -> WatchStep:
    """A race lap: ends on the lap button at the line; the cue is in the notes."""
    cue = (step.name or "").partition(": ")[2] or (step.name or "")
    split = format_clock(step.duration_s or 0.0, 2)
    pace = (step.pace.mid_s_per_mile if step.pace is not None
            else (step.duration_s or 0.0) * METERS_PER_MILE / (step.distance_m or 1.0))
    target = (pace * (1 - LAP_TOLERANCE), pace * (1 + LAP_TOLERANCE))
    return WatchStep(f"Lap {number} in {split}", Role.ACTIVE, End.LAP, step.distance_m,
                     target, notes=f"Lap {number}, {split}: {cue}")


def _mile(step: Step) -> WatchStep:
    pace = None if step.pace is None else _widen(
        (step.pace.fast_s_per_mile, step.pace.slow_s_per_mile), MIN_HALF_WIDTH_S)
    what = (step.name or "mile").capitalize()
    return WatchStep("Mile: press lap at the finish", Role.ACTIVE, End.LAP, step.distance_m,
                     pace, notes=f"{what}. On a track the mile is four laps plus 9.344 m: "
                     "start 9.344 m behind the 1600 m start line.")


_START: Final = WatchStep("To the start line, press lap", Role.REST, End.LAP,
                          notes="Walk to the start line; press lap as you start.")


def _running(session: SessionView) -> list[WatchItem]:
    out: list[WatchItem] = []
    drills: list[Step] = []
    effort = session.kind in _EFFORTS
    work = compact_title(session.title).split(" ")[0]
    laps = 0
    for step in session.steps:
        if isinstance(step, Step) and step.kind is StepKind.DRILL:
            drills.append(step)
            continue
        if drills:
            out.append(_drills(drills))
            drills = []
        if isinstance(step, Repeat):
            out.append(WatchRepeat(step.times, tuple(
                _run(s, _ROLES.get(s.kind, Role.ACTIVE), work) for s in step.steps)))
        elif effort and step.kind is StepKind.WORK:
            if not laps:
                out.append(_START)
            laps += 1
            lap = session.kind is SessionKind.RACE and (step.name or "").startswith("lap ")
            out.append(_lap(step, laps) if lap else _mile(step))
        else:
            out.append(_run(step, _ROLES.get(step.kind, Role.ACTIVE), work))
    if drills:
        out.append(_drills(drills))
    return out


def _strength(session: SessionView) -> list[WatchItem]:
    out: list[WatchItem] = []
    for step in session.steps:
        if not isinstance(step, Step):
            continue
        name = step.name or "Exercise"
        if step.reps is not None:
            work = WatchStep(name, Role.ACTIVE, End.REPS, float(step.reps), exercise=name)
        elif step.duration_s:
            work = WatchStep(name, Role.ACTIVE, End.TIME, step.duration_s, exercise=name)
        else:
            work = WatchStep(name, Role.ACTIVE, End.LAP, exercise=name)
        rest = WatchStep(f"Rest {SET_REST_S:g} s", Role.REST, End.TIME, SET_REST_S)
        out.append(WatchRepeat(step.sets or 1, (work, rest)))
    return out


def watch_steps(outing: Outing) -> tuple[WatchItem, ...]:
    """The steps of a watch workout, in order (a repeat holds steps, never a repeat)."""
    if outing.is_strength:
        return tuple(_strength(outing.main))
    items = _running(outing.main)
    for extra in outing.extras:
        items += _running(extra) if extra.steps else []
    if not items:  # a run with no steps: one open step, press lap when done
        items = [WatchStep(outing.main.title, Role.ACTIVE, End.LAP,
                           outing.main.planned_distance_m)]
    return tuple(items)

