"""Build a catalogue session into steps: warm-up, work at a pace range, recoveries, cool-down.

Reps grow with each time a session comes round in the block (``n``: 0 the first time), and
shrink in the taper. Recovery jogs are easy running and count towards the distance; walks do
not. Easy running, jogs and warm-ups come from today's fitness (``paces``); every work pace
from the week's fitness (``work``, domain/prescription.py), capped for its length, with the
seeds' figures as the reference it approaches. ``Built.note`` says where the pace came from.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final, NamedTuple, TypeVar

from miler.domain.library import DRILLS, GUIDE_7, MOBILITY, RACE_DRILLS, STRENGTH, Exercise
from miler.domain.prescription import Prescribed, describe, within_cap
from miler.domain.race import race_laps as _race_laps
from miler.domain.units import METERS_PER_MILE, format_clock, format_goal, with_article
from miler.domain.workouts import AnyStep, Phase, Repeat, Step, StepKind, slot_setters
from miler.domain.zones import PaceRange, TrainingPaces, WeekPaces

__all__ = ["ROUND_ONLY", "Built", "PlanMemo", "SessionContext", "build", "easy_run", "exercises",
           "fixed", "race_laps"]

T = TypeVar("T")
# An enum member read through its class (``StepKind.WORK``) goes through EnumType.__getattr__'s
# slow path, about as dear as a function call in Python 3.11: the builders use these.
_W, _R = StepKind.WORK, StepKind.RECOVERY
_WARMUP, _COOLDOWN = StepKind.WARMUP, StepKind.COOLDOWN
_BUILD, _SHARPEN, _RACE = Phase.BUILD, Phase.SHARPEN, Phase.RACE
_TAPERING: Final = frozenset({Phase.TAPER, Phase.RACE})
_MILE: Final = METERS_PER_MILE
_EASY_EFFORT: Final = 4
_LONG_EFFORT: Final = 6  # seed 001: "an effort of 6 on a scale of 1-10"
_LAP_SLACK_S: Final = 0.5  # a race lap's pace target: its split, half a second either way
_BY_FEEL: Final = "by feel: conversational, walk breaks allowed"
# VO2max reps last about 3-5 minutes whatever the runner's speed (common coaching practice):
# the distance is the one of these closest to 4 minutes at the week's interval pace.
_VO2_DISTANCES_M: Final = (400.0, 600.0, 800.0, 1000.0, 1200.0)
_VO2_TARGET_S: Final = 240.0
# The seed's 2 miles run continuous once the week's fitness is within 1 % of the goal; further
# off, as 2 x 1 mile with a short jog (the "far from the goal").
_SPLIT_OFF_GOAL: Final = 0.01
# Quality that scales with the week (issue 15): each hard session's work as a share of the
# week's distance, where that gives more than the session's ladder. Reps (200s, 400s, 800s,
# goal pace) about 5 %, fartlek surges 6 %, VO2max intervals 8 %, threshold 10 %.
_REPS_SHARE: Final = 0.05
_FARTLEK_SHARE: Final = 0.06
_INTERVAL_SHARE: Final = 0.08
_THRESHOLD_SHARE: Final = 0.10
_TAPER_SHARE: Final = 0.6
_MOST: Final = {200.0: 16, 400.0: 16, 800.0: 8}  # reps a session never passes, by length
_SEED_GOAL_S: Final = 420.0  # seed 000 writes its sessions for a 7:00 goal


@dataclass(slots=True)
class PlanMemo:
    """A plan's easy steps (warm-ups, jogs, strides) by what they are made of, and its paces
    and fitness in words: the same in every session that has them, so made once a plan."""

    steps: dict[tuple[object, ...], Step] = field(default_factory=dict)
    words: dict[object, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SessionContext:
    """What a builder needs: today's paces, the week's, the phase, which time round this is."""

    paces: TrainingPaces
    phase: Phase
    n: int = 0
    current_mile_s: float = 480.0
    warmup_m: float = 1.5 * METERS_PER_MILE
    cooldown_m: float = METERS_PER_MILE
    light: bool = False  # an easier week: the taper's reps
    work: TrainingPaces | WeekPaces | None = None  # the week's fitness; None: today's
    mile_s: float | None = None  # the week's mile; None: today's
    by_effort: bool = False  # no pace yet (an untested runner before the test mile)
    week_m: float = 20 * METERS_PER_MILE  # the week's planned distance: sessions scale with it
    #: What a plan's sessions share, made once a plan (domain/plan_builder.py passes one;
    #: None: made every time).
    memo: PlanMemo | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, paces: TrainingPaces, phase: Phase, n: int, current_mile_s: float,
           warmup_m: float, cooldown_m: float, light: bool,
           work: TrainingPaces | WeekPaces | None, mile_s: float | None, by_effort: bool,
           week_m: float, memo: PlanMemo | None) -> SessionContext:
        """``SessionContext(...)`` with every field given, set through their slots as the
        dataclass's own __init__ does by name (the planner makes one per distinct session)."""
        new = _new(SessionContext)
        _c_paces(new, paces)
        _c_phase(new, phase)
        _c_n(new, n)
        _c_current_mile_s(new, current_mile_s)
        _c_warmup_m(new, warmup_m)
        _c_cooldown_m(new, cooldown_m)
        _c_light(new, light)
        _c_work(new, work)
        _c_mile_s(new, mile_s)
        _c_by_effort(new, by_effort)
        _c_week_m(new, week_m)
        _c_memo(new, memo)
        return new

    @property
    def tapering(self) -> bool:
        return self.light or self.phase in _TAPERING

    @property
    def week(self) -> TrainingPaces | WeekPaces:
        return self.work if self.work is not None else self.paces

    @property
    def fitness_s(self) -> float:
        return self.mile_s if self.mile_s is not None else self.current_mile_s

    @property
    def goal_s(self) -> float:
        return self.paces.goal_mile.slow_s_per_mile


_new = object.__new__
(_c_paces, _c_phase, _c_n, _c_current_mile_s, _c_warmup_m, _c_cooldown_m, _c_light, _c_work,
 _c_mile_s, _c_by_effort, _c_week_m, _c_memo) = slot_setters(SessionContext)


class Built(NamedTuple):
    """A catalogue session as a builder made it, before it is dated (plan_builder._session).
    A named tuple: a plan makes about twenty-five, each only read once (as week_fill.Slot)."""

    title: str
    steps: tuple[AnyStep, ...]
    note: str = ""  # where the session's paces came from, in words


def _pick(values: Sequence[int], n: int) -> int:
    return values[min(n, len(values) - 1)]


def _reps(ctx: SessionContext, ladder: Sequence[int], taper: int, rep_m: float = 0.0,
          share: float = 0.0, most: int = 0) -> int:
    """The ladder's reps this time round, or more when the week is big: work of about
    ``share`` of the week in reps of ``rep_m`` (plus one a time round), at most ``most`` (what
    a coach sets even a 100-mile miler). The taper keeps the intensity at about 60 % of it."""
    scaled = round(share * ctx.week_m / rep_m) + ctx.n if rep_m and share else 0
    full = min(max(_pick(ladder, ctx.n), scaled), max(most, ladder[-1]))
    return max(taper, round(_TAPER_SHARE * full)) if ctx.tapering else full


def _once(table: dict[Any, T] | None, key: object, make: Callable[..., T], *args: Any) -> T:
    """``make(*args)``, or what it made for ``key`` before in ``table`` (a plan's memo; None:
    nothing kept, made every time). The arguments are passed rather than closed over: a
    closure made on every lookup cost more than most lookups save."""
    if table is None:
        return make(*args)
    found = table.get(key)
    if found is None:
        found = table[key] = make(*args)
    return found


def _easy(ctx: SessionContext, kind: StepKind, *, distance_m: float | None = None,
          duration_s: float | None = None, effort: int = 3, name: str | None = None) -> Step:
    """Easy running from today's fitness; by feel while the runner has no pace yet."""
    # Today's paces are the plan's or the time trial's, alive as long as the plan's memo.
    return _once(None if ctx.memo is None else ctx.memo.steps,
                 (id(ctx.paces), ctx.by_effort, kind, distance_m, duration_s, effort, name),
                 _easy_step, ctx, kind, distance_m, duration_s, effort, name)


def _easy_step(ctx: SessionContext, kind: StepKind, distance_m: float | None,
               duration_s: float | None, effort: int, name: str | None) -> Step:
    if not ctx.by_effort:
        return Step.run(kind, ctx.paces.easy, distance_m=distance_m, duration_s=duration_s,
                        effort=effort, name=name)
    if distance_m is not None:
        return Step.distance_by_effort(kind, distance_m, effort, ctx.paces.easy, name)
    assert duration_s is not None
    return Step.by_effort(kind, duration_s, effort, ctx.paces.easy, name)


def _warmup(ctx: SessionContext, minutes: float | None = None) -> Step:
    """Timed where a seed says how long; otherwise a distance sized to the week's volume."""
    if minutes is not None:
        return _easy(ctx, _WARMUP, duration_s=60 * minutes)
    return _easy(ctx, _WARMUP, distance_m=ctx.warmup_m)


def _cooldown(ctx: SessionContext, minutes: float | None = None) -> Step:
    if minutes is not None:
        return _easy(ctx, _COOLDOWN, duration_s=60 * minutes)
    return _easy(ctx, _COOLDOWN, distance_m=ctx.cooldown_m)


def _jog(ctx: SessionContext, seconds: float) -> Step:
    return _easy(ctx, _R, duration_s=seconds, effort=2, name="jog")


def _jog_m(ctx: SessionContext, meters: float) -> Step:
    return _easy(ctx, _R, distance_m=meters, effort=2, name="jog")


_WALKS: Final = {seconds: Step(_R, duration_s=seconds, effort=1, name="walk back")
                 for seconds in (60.0, 90.0)}


def _strides(ctx: SessionContext, times: int, uphill: bool = False) -> Repeat:
    seconds, name = (10.0, "uphill sprint") if uphill else (20.0, "stride")
    step = _once(None if ctx.memo is None else ctx.memo.steps, (id(ctx.paces), uphill),
                 Step.by_effort, _W, seconds, 9, ctx.paces.repetition, name)
    return Repeat(times, (step, _WALKS[90.0 if uphill else 60.0]))


def _around(ctx: SessionContext, work: Sequence[AnyStep], *, drills: bool = True,
            warmup: Step | None = None, cooldown: Step | None = None) -> tuple[AnyStep, ...]:
    head: list[AnyStep] = [warmup or _warmup(ctx)]
    if drills:
        head.append(_DRILL_STEP)
    return (*head, *work, cooldown or _cooldown(ctx))


_DRILL_STEP: Final = Step.exercise("Drills: high knees, A-skips, butt kicks", 1, duration_s=300,
                                   kind=StepKind.DRILL)


def _clock(seconds: float) -> str:
    return format_clock(seconds, 0)


def _work_m(ctx: SessionContext, wanted: PaceRange, meters: float, effort: int = 8,
            name: str | None = None, cap_m: float | None = None) -> tuple[Step, Prescribed]:
    """A rep of ``meters`` at ``wanted``, capped for its length (or ``cap_m``) this week."""
    given = within_cap(wanted, ctx.fitness_s, cap_m or meters)
    return Step.run(_W, given.pace, distance_m=meters, effort=effort, name=name), given


def _work_s(ctx: SessionContext, wanted: PaceRange, seconds: float, effort: int = 8,
            name: str | None = None) -> tuple[Step, Prescribed]:
    """A timed rep at ``wanted``, capped for the distance it covers."""
    meters = seconds * _MILE / wanted.mid_s_per_mile
    given = within_cap(wanted, ctx.fitness_s, meters)
    return Step.run(_W, given.pace, duration_s=seconds, effort=effort, name=name), given


def _fitness_words(ctx: SessionContext) -> str:
    return _once(None if ctx.memo is None else ctx.memo.words, ctx.fitness_s, _fitness_text,
                 ctx.fitness_s)


def _fitness_text(mile_s: float) -> str:
    return f"your fitness this week (about {with_article(_clock(mile_s))} mile)"


def _describe(ctx: SessionContext, fast_s: float, slow_s: float) -> str:
    """describe() of the pace range ``fast_s``-``slow_s`` a mile, once a plan."""
    return _once(None if ctx.memo is None else ctx.memo.words, (fast_s, slow_s), describe,
                 fast_s, slow_s)


def _said(ctx: SessionContext, pace: PaceRange) -> str:
    return _describe(ctx, pace.fast_s_per_mile, pace.slow_s_per_mile)


def _seed_note(ctx: SessionContext, what: str, given: Prescribed) -> str:
    """Where a seed-referenced pace came from, in words."""
    wanted, goal_s = given.wanted, ctx.goal_s
    seven = _describe(ctx, wanted.fast_s_per_mile * _SEED_GOAL_S / goal_s,
                      wanted.slow_s_per_mile * _SEED_GOAL_S / goal_s)
    ref = f'"{GUIDE_7}" runs {what} at {seven} for a 7:00 goal'
    ref += "." if ctx.goal_s == _SEED_GOAL_S else \
        f": {_said(ctx, given.wanted)} for your {format_goal(ctx.goal_s)}."
    if given.capped:
        later = "" if ctx.tapering else " They get quicker as you get fitter."
        return (f"{ref} At {_fitness_words(ctx)} that is faster than you can repeat, so this "
                f"week's are at {_said(ctx, given.pace)}.{later}")
    return f"{ref} {_fitness_words(ctx).capitalize()} can hold that now."


def _zone_note(ctx: SessionContext, what: str, given: Prescribed) -> str:
    base = f"{what} from {_fitness_words(ctx)}: {_said(ctx, given.pace)}"
    if given.capped:
        return f"{base}, no faster than you can repeat for their length."
    return f"{base}."


def _repeats(ctx: SessionContext, meters: float, ladder: Sequence[int], taper: int,
             jog: Step, jog_words: str) -> Built:
    reps = _reps(ctx, ladder, taper, meters, _REPS_SHARE, _MOST[meters])
    work, given = _work_m(ctx, ctx.week.seed_repeats, meters)
    return Built(f"{meters:g} m repeats: {reps} x {meters:g} m, {jog_words}",
                 _around(ctx, [Repeat(reps, (work, jog))]),
                 _seed_note(ctx, f"these {meters:g}s", given))


def _repeats_400(ctx: SessionContext) -> Built:
    return _repeats(ctx, 400.0, (6, 8, 8, 10), 4, _jog(ctx, 90.0), "90 s jog")


def _repeats_200(ctx: SessionContext) -> Built:
    return _repeats(ctx, 200.0, (8, 10, 12, 12), 6, _jog_m(ctx, 200.0), "200 m jog")


def _fartlek(ctx: SessionContext) -> Built:
    seconds = 80 if ctx.tapering else [80, 80, 90, 90][min(ctx.n, 3)]
    surge_m = seconds * METERS_PER_MILE / ctx.week.interval.mid_s_per_mile
    reps = _reps(ctx, (6, 8, 8, 10), 5, surge_m, _FARTLEK_SHARE, 12)
    work, given = _work_s(ctx, ctx.week.interval, float(seconds))
    return Built(f"Fartlek: {reps} x {seconds} s hard, 60 s jog",
                 _around(ctx, [Repeat(reps, (work, _jog(ctx, 60.0)))], drills=False),
                 _zone_note(ctx, "The surges run at interval pace", given))


def _ladder(ctx: SessionContext) -> Built:
    blocks: list[AnyStep] = []
    for pace, effort, name in ((ctx.week.race_20min, 7, "20-min race pace"),
                               (ctx.week.race_10_12min, 8, "10-12-min race pace"),
                               (ctx.week.mile_race, 9, "mile race pace")):
        work, _ = _work_s(ctx, pace, 60.0, effort, name)
        blocks.append(Repeat(4, (work, _jog(ctx, 60.0))))
    # Seed 000: "Cool down with a 10-20 minute easy jog".
    return Built("12 x 1 min hard / 1 min easy, getting faster",
                 _around(ctx, blocks, cooldown=_cooldown(ctx, 10.0)),
                 f"The race paces are yours at {_fitness_words(ctx)}, not the goal's.")


def _goal_tempo(ctx: SessionContext) -> Built:
    # Seed 000: warm up 1-2 miles, 2 miles at 7:00-7:30 (for 7:00), 1 mile cool-down. Capped as
    # one continuous 2 miles, split or not.
    warm = _easy(ctx, _WARMUP, distance_m=min(max(ctx.warmup_m, _MILE), 2 * _MILE))
    cool = _easy(ctx, _COOLDOWN, distance_m=_MILE)
    off_s = ctx.fitness_s - ctx.goal_s
    if off_s <= _SPLIT_OFF_GOAL * ctx.goal_s:
        step, given = _work_m(ctx, ctx.week.seed_tempo, 2 * _MILE)
        work: list[AnyStep] = [step]
        title = "Goal-pace tempo: 2 miles continuous"
    else:
        step, given = _work_m(ctx, ctx.week.seed_tempo, _MILE, cap_m=2 * _MILE)
        work = [Repeat(2, (step, _jog(ctx, 120.0)))]
        title = (f"Goal-pace tempo: 2 x 1 mile, 2 min jog (the 2 miles split: {off_s:.0f} s a "
                 "mile off your goal this week)")
    return Built(title, _around(ctx, work, drills=False, warmup=warm, cooldown=cool),
                 _seed_note(ctx, "its 2-mile 'threshold'", given))


def _repeats_800(ctx: SessionContext) -> Built:
    jog = 180.0 if ctx.tapering else [180.0, 180.0, 150.0][min(ctx.n, 2)]
    reps = _reps(ctx, (3, 4, 4), 2, 800.0, _REPS_SHARE, _MOST[800.0])
    work, given = _work_m(ctx, ctx.week.seed_tempo, 800.0)
    return Built(f"800 m repeats: {reps} x 800 m, {jog / 60:g} min jog",
                 _around(ctx, [Repeat(reps, (work, _jog(ctx, jog)))]),
                 _seed_note(ctx, "its 800s", given))


def _race_pace(ctx: SessionContext) -> Built:
    goal = format_goal(ctx.goal_s)
    if ctx.phase is _RACE:  # the race-week sharpener: short, sharp, no fatigue
        work, given = _work_m(ctx, ctx.week.goal_mile, 200.0, effort=7)
        return Built("Race-week sharpener: 4 x 200 m at goal pace, 200 m jog",
                     _around(ctx, [Repeat(4, (work, _jog_m(ctx, 200.0)))]),
                     f"Goal pace for {goal}: {_said(ctx, given.pace)}.")
    reps = _reps(ctx, (4, 5, 6), 4, 400.0, _REPS_SHARE, 10)
    work, given = _work_m(ctx, ctx.week.goal_mile, 400.0)
    note = (f"Goal pace for {goal} is {_said(ctx, given.wanted)}; at {_fitness_words(ctx)} "
            f"that is faster than you can repeat, so this week's are at {_said(ctx, given.pace)}."
            if given.capped else f"Goal pace for {goal}: {_said(ctx, given.pace)}.")
    return Built(f"Goal-pace 400s: {reps} x 400 m, 2 min jog",
                 _around(ctx, [Repeat(reps, (work, _jog(ctx, 120.0)))]), note)


def _vo2_distance(ctx: SessionContext) -> float:
    per_m = ctx.week.interval.mid_s_per_mile / _MILE
    return min(_VO2_DISTANCES_M, key=lambda m: abs(m * per_m - _VO2_TARGET_S))


def _vo2max(ctx: SessionContext) -> Built:
    meters = _vo2_distance(ctx)
    reps = _reps(ctx, (4, 5, 5), 3, meters, _INTERVAL_SHARE, 6)
    work, given = _work_m(ctx, ctx.week.interval, meters)
    minutes = (work.duration_s or 0.0) / 60
    return Built(f"VO2max intervals: {reps} x {meters:g} m (about {minutes:.1f} min), 3 min jog",
                 _around(ctx, [Repeat(reps, (work, _jog(ctx, 180.0)))]),
                 _zone_note(ctx, f"Interval pace, {meters:g} m so each rep lasts 3 to 5 "
                                 "minutes at your speed,", given))


def _threshold(ctx: SessionContext) -> Built:
    reps, minutes = (2, 8) if ctx.tapering else [(2, 10), (3, 8), (3, 10)][min(ctx.n, 2)]
    wanted = _THRESHOLD_SHARE * ctx.week_m * ctx.week.threshold.mid_s_per_mile \
        / METERS_PER_MILE / 60.0  # minutes of threshold running the week calls for
    if not ctx.tapering and wanted > reps * minutes:
        reps = min(max(round(wanted / 10.0), reps), 4)
        minutes = 10
    work, given = _work_s(ctx, ctx.week.threshold, 60.0 * minutes, effort=6)
    return Built(f"Threshold: {reps} x {minutes} min, 1 min jog",
                 _around(ctx, [Repeat(reps, (work, _jog(ctx, 60.0)))], drills=False),
                 _zone_note(ctx, "True threshold pace (about what you could race for an "
                                 "hour)", given))


def _hills(ctx: SessionContext) -> Built:
    reps = _reps(ctx, (6, 8, 10), 5)
    # Uphill is slower than flat: the distance is estimated at threshold pace.
    up = Step.by_effort(_W, 45.0, 9, ctx.paces.threshold, "uphill, hard")
    return Built(f"Hill repeats: {reps} x 45 s uphill, jog down",
                 _around(ctx, [Repeat(reps, (up, _jog(ctx, 90.0)))]),
                 "By effort: hard but controlled, the same effort on every rep.")


def _test_mile(ctx: SessionContext) -> Built:
    # Seed 000's protocol: 10 min easy jog and a few strides, then an even, hard mile. By feel:
    # a pace target from an assumed mile would invite a blow-up.
    mile = Step.distance_by_effort(_W, _MILE, 10, ctx.paces.mile_race, "mile: even, hard")
    return Built("Test mile: one even, hard mile, by feel",
                 _around(ctx, [_strides(ctx, 4), mile], drills=False, warmup=_warmup(ctx, 10.0)),
                 "No pace target: run it even and hard, finishing as if you could not run "
                 "much farther at that pace.")


def _time_trial(ctx: SessionContext) -> Built:
    low = ctx.fitness_s
    target = PaceRange(low, max(ctx.current_mile_s, low * 1.01))
    mile = Step.run(_W, target, distance_m=_MILE, effort=10, name="mile")
    return Built("Mile time trial", _around(ctx, [_strides(ctx, 3), mile]),
                 f"Run it as a race. From your fitness now expect about {_said(ctx, target)}; "
                 "the result re-sets the paces for the weeks after.")


def race_laps(goal_mile_s: float) -> tuple[Step, ...]:
    """The race mile as the race plan's four track laps (domain/race.py, seed 001's shape).

    Each lap is a step of its exact distance (409.344 m, then 400 m) whose duration is its
    split, so the laps add up to the mile and the goal; the pace target allows half a second
    either way on the lap. The name carries the lap's cue.
    """
    steps = []
    for lap in _race_laps(goal_mile_s):
        pace = lap.split_s / lap.distance_m * _MILE  # lap.pace.s_per_mile, without the Pace
        slack = _LAP_SLACK_S * _MILE / lap.distance_m
        steps.append(Step.run(_W, PaceRange(pace - slack, pace + slack),
                              distance_m=lap.distance_m, effort=10,
                              name=f"lap {lap.number}: {lap.cue}"))
    return tuple(steps)


def _race(ctx: SessionContext) -> Built:
    # Seeds: 15-20 min jog, dynamic drills (walking lunges, bounding, leg swings, high knees),
    # a few strides; then the mile, lap by lap as race day plans it; then an easy cool-down.
    goal_s = ctx.goal_s
    laps = race_laps(goal_s)
    splits = ", ".join(format_clock(step.duration_s or 0.0, 2) for step in laps)
    work: list[AnyStep] = [*_RACE_DRILL_STEPS, _strides(ctx, 3), *laps]
    # The cool-down as race day plans it (domain/race_text.py): 10-20 min easy jogging.
    return Built(f"Race day: the mile in {format_goal(goal_s)} (laps {splits})",
                 _around(ctx, work, drills=False, warmup=_warmup(ctx, 15.0),
                         cooldown=_cooldown(ctx, 15.0)),
                 f"The laps are paced for {format_goal(goal_s)}, the goal this plan trains "
                 "for.")


_STRIDES_REPS: Final = (4, 5, 6)  # build weeks, by time round
_HILL_SPRINT_REPS: Final = (6, 8, 8, 10)


def _strides_session(ctx: SessionContext) -> Built:
    reps = {_BUILD: _pick(_STRIDES_REPS, ctx.n), _SHARPEN: 6}.get(ctx.phase, 4)
    return Built(f"Strides: {reps} x 20 s, walk back", (_strides(ctx, reps),))


def _hill_sprints(ctx: SessionContext) -> Built:
    reps = _pick(_HILL_SPRINT_REPS, ctx.n)
    return Built(f"Hill sprints: {reps} x 10 s, walk down", (_strides(ctx, reps, uphill=True),))


def easy_run(paces: TrainingPaces, meters: float, *, long: bool = False,
             by_effort: bool = False) -> tuple[AnyStep, ...]:
    """An easy or long run from today's fitness; by feel while the runner has no pace yet."""
    pace = paces.long if long else paces.easy
    effort = _LONG_EFFORT if long else _EASY_EFFORT
    if by_effort:
        return (Step.distance_by_effort(_W, meters, effort, pace, _BY_FEEL),)
    return (Step.run(_W, pace, distance_m=meters, effort=effort),)


def exercises(items: Sequence[Exercise], kind: StepKind = StepKind.EXERCISE) -> tuple[Step, ...]:
    return tuple(Step.exercise(e.name, e.sets, e.reps, e.duration_s, kind=kind) for e in items)


def _shakeout(ctx: SessionContext) -> Built:
    run = _easy(ctx, _W, duration_s=1200.0)
    return Built("Shake-out: 20 min easy, 4 strides", (run, _strides(ctx, 4)))


_BUILDERS: Final[dict[str, Callable[[SessionContext], Built]]] = {
    "repeats_400": _repeats_400, "repeats_200": _repeats_200, "fartlek": _fartlek,
    "ladder": _ladder, "goal_tempo": _goal_tempo, "repeats_800": _repeats_800,
    "race_pace": _race_pace, "vo2max": _vo2max, "hills": _hills, "test_mile": _test_mile,
    "threshold": _threshold,
    "time_trial": _time_trial, "race": _race, "strides": _strides_session,
    "hill_sprints": _hill_sprints, "shakeout": _shakeout,
}
_STRENGTH_TITLES: Final = {
    "strength_base": "Strength (body weight)", "strength": "Strength",
    "strength_plyo": "Strength and plyometrics", "strength_light": "Strength (light)",
    "strength_50": "Strength (lighter)",
    "strength_plyo_50": "Strength and plyometrics (less volume)",
    "strength_plyo_60": "Strength and low-impact plyometrics"}
# Sessions that are the same whoever runs them, and the race's drills: built once.
_RACE_DRILL_STEPS: Final = exercises(RACE_DRILLS, StepKind.DRILL)
_FIXED: Final[dict[str, Built]] = {
    "drills": Built("Running drills", exercises(DRILLS, StepKind.DRILL)),
    "mobility": Built("Mobility", exercises(MOBILITY)),
    "rest": Built("Rest day", ()),
    "cross": Built("Cross-training: 30 min easy", (
        Step(_W, duration_s=1800.0, effort=4,
             name="cycling, swimming, rowing, elliptical, aqua jogging or hiking"),)),
    **{key: Built(title, exercises(STRENGTH[key])) for key, title in _STRENGTH_TITLES.items()},
}


# Sessions whose builders read only the phase, the time round (``n``) and today's paces, and
# the round only up to the top of their ladder: key -> rounds until they stop growing. A plan
# builds each once per phase, round (up to that) and side of the time trial (a test checks).
ROUND_ONLY: Final[Mapping[str, int]] = MappingProxyType(
    {"strides": len(_STRIDES_REPS), "hill_sprints": len(_HILL_SPRINT_REPS)})


def fixed(key: str) -> Built | None:
    """The session ``key`` if it is the same whoever runs it (rest, mobility, strength...)."""
    return _FIXED.get(key)


def build(key: str, ctx: SessionContext) -> Built:
    """Title and steps of catalogue session ``key`` (not easy/long runs: see easy_run)."""
    fixed = _FIXED.get(key)
    return fixed if fixed is not None else _BUILDERS[key](ctx)
