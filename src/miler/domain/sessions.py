"""Build a catalogue session into steps: warm-up, work at a pace range, recoveries, cool-down.

Reps grow with each time a session comes round in the block (``n``: 0 the first time), and
shrink in the taper. Recovery jogs are easy running and count towards the distance; walks do
not. Paces are the runner's (domain/zones.py): easy running from current fitness, the seed's
sessions from the goal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from miler.domain.equivalence import riegel_time
from miler.domain.library import DRILLS, MOBILITY, RACE_DRILLS, STRENGTH, Exercise
from miler.domain.race import plan_race
from miler.domain.units import METERS_PER_MILE, format_clock, format_goal
from miler.domain.workouts import AnyStep, Phase, Repeat, Step, StepKind
from miler.domain.zones import PaceRange, TrainingPaces

__all__ = ["Built", "SessionContext", "build", "easy_run", "exercises", "fixed", "race_laps"]

_W, _R = StepKind.WORK, StepKind.RECOVERY
_MILE: Final = METERS_PER_MILE
_EASY_EFFORT: Final = 4
_LONG_EFFORT: Final = 6  # seed 001: "an effort of 6 on a scale of 1-10"
_LAP_SLACK_S: Final = 0.5  # a race lap's pace target: its split, half a second either way


@dataclass(frozen=True, slots=True)
class SessionContext:
    """What a builder needs: the paces in force, the phase, which time round this is."""

    paces: TrainingPaces
    phase: Phase
    n: int = 0
    current_mile_s: float = 480.0
    warmup_m: float = 1.5 * METERS_PER_MILE
    cooldown_m: float = METERS_PER_MILE
    light: bool = False  # an easier week: the taper's reps

    @property
    def tapering(self) -> bool:
        return self.light or self.phase in (Phase.TAPER, Phase.RACE)


@dataclass(frozen=True, slots=True)
class Built:
    title: str
    steps: tuple[AnyStep, ...]


def _pick(values: Sequence[int], n: int) -> int:
    return values[min(n, len(values) - 1)]


def _reps(ctx: SessionContext, ladder: Sequence[int], taper: int) -> int:
    return taper if ctx.tapering else _pick(ladder, ctx.n)


def _warmup(ctx: SessionContext, minutes: float | None = None) -> Step:
    """Timed where a seed says how long; otherwise a distance sized to the week's volume."""
    if minutes is not None:
        return Step.run(StepKind.WARMUP, ctx.paces.easy, duration_s=60 * minutes, effort=3)
    return Step.run(StepKind.WARMUP, ctx.paces.easy, distance_m=ctx.warmup_m, effort=3)


def _cooldown(ctx: SessionContext, minutes: float | None = None) -> Step:
    if minutes is not None:
        return Step.run(StepKind.COOLDOWN, ctx.paces.easy, duration_s=60 * minutes, effort=3)
    return Step.run(StepKind.COOLDOWN, ctx.paces.easy, distance_m=ctx.cooldown_m, effort=3)


def _jog(ctx: SessionContext, seconds: float) -> Step:
    return Step.run(_R, ctx.paces.easy, duration_s=seconds, effort=2, name="jog")


def _jog_m(ctx: SessionContext, meters: float) -> Step:
    return Step.run(_R, ctx.paces.easy, distance_m=meters, effort=2, name="jog")


def _walk(seconds: float) -> Step:
    return Step(_R, duration_s=seconds, effort=1, name="walk back")


def _strides(ctx: SessionContext, times: int, uphill: bool = False) -> Repeat:
    seconds, name = (10.0, "uphill sprint") if uphill else (20.0, "stride")
    return Repeat(times, (Step.by_effort(_W, seconds, 9, ctx.paces.repetition, name),
                          _walk(90.0 if uphill else 60.0)))


def _around(ctx: SessionContext, work: Sequence[AnyStep], *, drills: bool = True,
            warmup: Step | None = None, cooldown: Step | None = None) -> tuple[AnyStep, ...]:
    head: list[AnyStep] = [warmup or _warmup(ctx)]
    if drills:
        head.append(_drill_step())
    return (*head, *work, cooldown or _cooldown(ctx))


def _drill_step() -> Step:
    return Step.exercise("Drills: high knees, A-skips, butt kicks", 1, duration_s=300,
                         kind=StepKind.DRILL)


def _repeats_400(ctx: SessionContext) -> Built:
    reps = _reps(ctx, (6, 8, 8, 10), 4)
    work = Step.run(_W, ctx.paces.seed_repeats, distance_m=400.0, effort=8)
    return Built(f"400 m repeats: {reps} x 400 m, 90 s jog",
                 _around(ctx, [Repeat(reps, (work, _jog(ctx, 90.0)))]))


def _repeats_200(ctx: SessionContext) -> Built:
    reps = _reps(ctx, (8, 10, 12, 12), 6)
    work = Step.run(_W, ctx.paces.seed_repeats, distance_m=200.0, effort=8)
    return Built(f"200 m repeats: {reps} x 200 m, 200 m jog",
                 _around(ctx, [Repeat(reps, (work, _jog_m(ctx, 200.0)))]))


def _fartlek(ctx: SessionContext) -> Built:
    reps, seconds = [(6, 80), (8, 80), (8, 90), (10, 90)][min(ctx.n, 3)]
    if ctx.tapering:
        reps, seconds = 5, 80
    work = Step.run(_W, ctx.paces.interval, duration_s=float(seconds), effort=8)
    return Built(f"Fartlek: {reps} x {seconds} s hard, 60 s jog",
                 _around(ctx, [Repeat(reps, (work, _jog(ctx, 60.0)))], drills=False))


def _ladder(ctx: SessionContext) -> Built:
    blocks = [Repeat(4, (Step.run(_W, pace, duration_s=60.0, effort=effort, name=name),
                         _jog(ctx, 60.0)))
              for pace, effort, name in ((ctx.paces.race_20min, 7, "20-min race pace"),
                                         (ctx.paces.race_10_12min, 8, "10-12-min race pace"),
                                         (ctx.paces.mile_race, 9, "mile race pace"))]
    # Seed 000: "Cool down with a 10-20 minute easy jog".
    return Built("12 x 1 min hard / 1 min easy, getting faster",
                 _around(ctx, blocks, cooldown=_cooldown(ctx, 10.0)))


def can_hold_tempo(ctx: SessionContext) -> bool:
    """Can the runner hold the seed's tempo pace for 2 miles now (Riegel from the mile)?"""
    two_mile_s = riegel_time(ctx.current_mile_s, _MILE, 2 * _MILE)
    return two_mile_s / 2 <= ctx.paces.seed_tempo.slow_s_per_mile


def _goal_tempo(ctx: SessionContext) -> Built:
    # Seed 000: warm up 1-2 miles, 2 miles at 7:00-7:30 (for 7:00), 1 mile cool-down.
    warm = Step.run(StepKind.WARMUP, ctx.paces.easy,
                    distance_m=min(max(ctx.warmup_m, _MILE), 2 * _MILE), effort=3)
    cool = Step.run(StepKind.COOLDOWN, ctx.paces.easy, distance_m=_MILE, effort=3)
    pace = ctx.paces.seed_tempo
    if can_hold_tempo(ctx):
        work: list[AnyStep] = [Step.run(_W, pace, distance_m=2 * _MILE, effort=8)]
        title = "Goal-pace tempo: 2 miles (seed 000's 'threshold')"
    else:
        work = [Repeat(2, (Step.run(_W, pace, distance_m=_MILE, effort=8), _jog(ctx, 180.0)))]
        title = "Goal-pace tempo: 2 x 1 mile, 3 min jog (seed 000's 2 miles, split)"
    return Built(title, _around(ctx, work, drills=False, warmup=warm, cooldown=cool))


def _repeats_800(ctx: SessionContext) -> Built:
    reps, jog = [(3, 180.0), (4, 180.0), (4, 150.0)][min(ctx.n, 2)]
    if ctx.tapering:
        reps, jog = 2, 180.0
    work = Step.run(_W, ctx.paces.seed_tempo, distance_m=800.0, effort=8)
    return Built(f"800 m repeats: {reps} x 800 m, {jog / 60:g} min jog",
                 _around(ctx, [Repeat(reps, (work, _jog(ctx, jog)))]))


def _race_pace(ctx: SessionContext) -> Built:
    if ctx.phase is Phase.RACE:  # the race-week sharpener: short, sharp, no fatigue
        work = Step.run(_W, ctx.paces.goal_mile, distance_m=200.0, effort=7)
        return Built("Race-week sharpener: 4 x 200 m at goal pace, 200 m jog",
                     _around(ctx, [Repeat(4, (work, _jog_m(ctx, 200.0)))]))
    reps = _reps(ctx, (4, 5, 6), 4)
    work = Step.run(_W, ctx.paces.goal_mile, distance_m=400.0, effort=8)
    return Built(f"Goal-pace 400s: {reps} x 400 m, 2 min jog",
                 _around(ctx, [Repeat(reps, (work, _jog(ctx, 120.0)))]))


def _vo2max(ctx: SessionContext) -> Built:
    reps = _reps(ctx, (4, 5, 5), 3)
    work = Step.run(_W, ctx.paces.interval, distance_m=1000.0, effort=8)
    return Built(f"VO2max intervals: {reps} x 1000 m, 3 min jog",
                 _around(ctx, [Repeat(reps, (work, _jog(ctx, 180.0)))]))


def _hills(ctx: SessionContext) -> Built:
    reps = _reps(ctx, (6, 8, 10), 5)
    # Uphill is slower than flat: the distance is estimated at threshold pace.
    up = Step.by_effort(_W, 45.0, 9, ctx.paces.threshold, "uphill, hard")
    return Built(f"Hill repeats: {reps} x 45 s uphill, jog down",
                 _around(ctx, [Repeat(reps, (up, _jog(ctx, 90.0)))]))


def _mile(ctx: SessionContext, pace: PaceRange) -> Step:
    return Step.run(_W, pace, distance_m=_MILE, effort=10, name="mile")


def _test_mile(ctx: SessionContext) -> Built:
    # Seed 000's protocol: 10 min easy jog and a few strides, then an even, hard mile.
    return Built("Test mile: one even, hard mile",
                 _around(ctx, [_strides(ctx, 4), _mile(ctx, ctx.paces.mile_race)],
                         drills=False, warmup=_warmup(ctx, 10.0)))


def _time_trial(ctx: SessionContext) -> Built:
    return Built("Mile time trial",
                 _around(ctx, [_strides(ctx, 3), _mile(ctx, ctx.paces.mile_race)]))


def race_laps(goal_mile_s: float) -> tuple[Step, ...]:
    """The race mile as the race plan's four track laps (domain/race.py, seed 001's shape).

    Each lap is a step of its exact distance (409.344 m, then 400 m) whose duration is its
    split, so the laps add up to the mile and the goal; the pace target allows half a second
    either way on the lap. The name carries the lap's cue.
    """
    steps = []
    for lap in plan_race(goal_mile_s).laps:
        pace = lap.pace.s_per_mile
        slack = _LAP_SLACK_S * _MILE / lap.distance_m
        steps.append(Step.run(_W, PaceRange(pace - slack, pace + slack),
                              distance_m=lap.distance_m, effort=10,
                              name=f"lap {lap.number}: {lap.cue}"))
    return tuple(steps)


def _race(ctx: SessionContext) -> Built:
    # Seeds: 15-20 min jog, dynamic drills (walking lunges, bounding, leg swings, high knees),
    # a few strides; then the mile, lap by lap as race day plans it; then an easy cool-down.
    goal_s = ctx.paces.goal_mile.slow_s_per_mile
    drills = [Step.exercise(e.name, e.sets, e.reps, e.duration_s, kind=StepKind.DRILL)
              for e in RACE_DRILLS]
    laps = race_laps(goal_s)
    splits = ", ".join(format_clock(step.duration_s or 0.0, 2) for step in laps)
    work: list[AnyStep] = [*drills, _strides(ctx, 3), *laps]
    return Built(f"Race day: the mile in {format_goal(goal_s)} (laps {splits})",
                 _around(ctx, work, drills=False, warmup=_warmup(ctx, 15.0)))


def _strides_session(ctx: SessionContext) -> Built:
    reps = {Phase.BUILD: _pick((4, 5, 6), ctx.n), Phase.SHARPEN: 6}.get(ctx.phase, 4)
    return Built(f"Strides: {reps} x 20 s, walk back", (_strides(ctx, reps),))


def _hill_sprints(ctx: SessionContext) -> Built:
    reps = _pick((6, 8, 8, 10), ctx.n)
    return Built(f"Hill sprints: {reps} x 10 s, walk down", (_strides(ctx, reps, uphill=True),))


def easy_run(paces: TrainingPaces, meters: float, *, long: bool = False) -> tuple[AnyStep, ...]:
    pace = paces.long if long else paces.easy
    return (Step.run(_W, pace, distance_m=meters, effort=_LONG_EFFORT if long else _EASY_EFFORT),)


def exercises(items: Sequence[Exercise], kind: StepKind = StepKind.EXERCISE) -> tuple[Step, ...]:
    return tuple(Step.exercise(e.name, e.sets, e.reps, e.duration_s, kind=kind) for e in items)


def _shakeout(ctx: SessionContext) -> Built:
    run = Step.run(_W, ctx.paces.easy, duration_s=1200.0, effort=3)
    return Built("Shake-out: 20 min easy, 4 strides", (run, _strides(ctx, 4)))


_BUILDERS: Final[dict[str, Callable[[SessionContext], Built]]] = {
    "repeats_400": _repeats_400, "repeats_200": _repeats_200, "fartlek": _fartlek,
    "ladder": _ladder, "goal_tempo": _goal_tempo, "repeats_800": _repeats_800,
    "race_pace": _race_pace, "vo2max": _vo2max, "hills": _hills, "test_mile": _test_mile,
    "time_trial": _time_trial, "race": _race, "strides": _strides_session,
    "hill_sprints": _hill_sprints, "shakeout": _shakeout,
}
_STRENGTH_TITLES: Final = {
    "strength_base": "Strength (body weight)", "strength": "Strength",
    "strength_plyo": "Strength and plyometrics", "strength_light": "Strength (light)"}
# Sessions that are the same whoever runs them: built once.
_FIXED: Final[dict[str, Built]] = {
    "drills": Built("Running drills", exercises(DRILLS, StepKind.DRILL)),
    "mobility": Built("Mobility", exercises(MOBILITY)),
    "rest": Built("Rest day", ()),
    "cross": Built("Cross-training: 30 min easy", (
        Step(_W, duration_s=1800.0, effort=4,
             name="cycling, swimming, rowing, elliptical, aqua jogging or hiking"),)),
    **{key: Built(title, exercises(STRENGTH[key])) for key, title in _STRENGTH_TITLES.items()},
}


def fixed(key: str) -> Built | None:
    """The session ``key`` if it is the same whoever runs it (rest, mobility, strength...)."""
    return _FIXED.get(key)


def build(key: str, ctx: SessionContext) -> Built:
    """Title and steps of catalogue session ``key`` (not easy/long runs: see easy_run)."""
    fixed = _FIXED.get(key)
    return fixed if fixed is not None else _BUILDERS[key](ctx)
