"""generate_plan: a dated, deterministic mile plan built from the seeds' sessions.

Same input, same plan (no clock, no randomness). The calendar, volumes and weekly pattern come
from domain/schedule.py; the sessions from domain/library.py and domain/sessions.py. Every rule
of DESIGN.md's "Coaching rules" and "Plan mechanics" is checked for random runners by
tests/domain/plan_rules.py.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Final

from miler.domain.adaptations import masters_lifts, plan_notes
from miler.domain.age_grading import AgeTable
from miler.domain.assessment import Runner, assess, check_goal, from_estimate, reachable_mile_s
from miler.domain.athlete import Athlete, Weekday
from miler.domain.hard_sessions import hard_keys
from miler.domain.library import CATALOGUE, SESSION_MINUTES
from miler.domain.prescription import projected_mile_s, week_fraction
from miler.domain.schedule import (
    EASIER,
    RACE_WEEK,
    TAPER,
    Calendar,
    WeekPattern,
    base_weeks_needed,
    block_downs,
    block_phases,
    block_target,
    calendar,
    distance_step_m,
    next_target,
    week_pattern,
)
from miler.domain.sessions import ROUND_ONLY, Built, SessionContext, build, easy_run, fixed
from miler.domain.units import METERS_PER_MILE, format_clock
from miler.domain.week_fill import (
    DOUBLES_FROM_MILES,
    EASY_MINUTES,
    Slot,
    distances,
    long_limits,
)
from miler.domain.workouts import AnyStep, Intensity, Phase, Plan, Session, SessionKind, Week
from miler.domain.zones import TrainingPaces, training_paces
from miler.errors import InvalidInputError

__all__ = ["generate_plan"]

# Doubles also below 55 miles a week when single runs would have to fill nearly all they can
# hold at their limits (a slow runner on high mileage, or few training days).
_SINGLES_SHARE: Final = 0.9
_RACE_AFTER_TAPER: Final = 0.85  # race week at most this share of what the taper came to
_TT_SLOWER_MAX: Final = 1.25  # a time trial more than 25 % slower than the test is refused
_HARD_SESSION_MINUTES: Final = 60.0
_HARD_DOUBLES_MILES: Final = 70.0  # from here hard days hold an easy run too
_MIN_RUN_M: Final = METERS_PER_MILE  # block and race weeks: no easy run under a mile
_FOUR_EASY_MILES: Final = 25.0  # from this peak, six-day runners get a fourth easy day
# Warm-up and cool-down of a hard session: a share of the week, between a floor and a ceiling
# (miles), so two hard sessions leave the bulk of the week to easy running at any pace.
_WARMUP: Final = (0.06, 0.75, 2.0)
_COOLDOWN: Final = (0.05, 0.5, 1.5)


_Item = Session | Slot
# A session but its id and date: kind, intensity, title, why, workout, steps, duration.
_Made = tuple[SessionKind, Intensity, str, str, str, tuple[AnyStep, ...], float | None]


@dataclass(slots=True)
class _Builder:
    """The plan being built, week by week (internal, mutable)."""

    athlete: Athlete
    cal: Calendar
    pattern: WeekPattern
    paces: TrainingPaces
    current_s: float
    tt_paces: TrainingPaces | None
    tt_date: date | None
    tt_s: float | None
    keys: dict[int, list[str]]
    goal_s: float = 420.0
    target_s: float = 420.0  # where the block's fitness heads (domain/prescription.py)
    last_move: int = 1  # the block week the fitness reaches the target
    test_date: date | None = None  # untested runners: the test mile (by feel until then)
    provisional: bool = False
    counts: Counter[str] = field(default_factory=Counter)
    last_hard: date | None = None
    warmup_m: float = 0.0
    cooldown_m: float = 0.0
    light: bool = False
    doubles: bool = False  # this week's easy days hold a second short run
    hard_doubles: bool = False  # ...and its hard days an easy one
    phase: Phase = Phase.BUILD  # the week being built
    week_m: float = 0.0  # its planned distance: hard sessions scale with it
    sharp: date | None = None  # the race week's sharpener
    longest_build_m: float = 0.0  # the build weeks' longest long run: later ones are shorter
    ids: dict[str, int] = field(default_factory=dict)
    built: dict[tuple[object, ...], Built] = field(default_factory=dict)
    # What a session is made of apart from its id and date, by catalogue key and the
    # identity of what was built (every Built is kept alive by ``built`` or the catalogue).
    made: dict[tuple[str, int], _Made] = field(default_factory=dict)
    runs: dict[tuple[object, ...], tuple[str, str, tuple[AnyStep, ...]]] = field(
        default_factory=dict)
    zones: dict[float, TrainingPaces] = field(default_factory=dict)
    fitness: dict[tuple[int, bool], float] = field(default_factory=dict)

    def new_id(self, day: date, key: str) -> str:
        """Stable ids: the date and the catalogue key (a count if a day repeats a key)."""
        base = f"{day.isoformat()}-{key}"
        seen = self.ids[base] = self.ids.get(base, 0) + 1
        return base if seen == 1 else f"{base}-{seen}"

    def _after_tt(self, day: date) -> bool:
        return self.tt_paces is not None and self.tt_date is not None and day > self.tt_date

    def paces_on(self, day: date) -> TrainingPaces:
        """The paces in force on ``day``: re-set from the time trial after it."""
        return self.tt_paces if self.tt_paces is not None and self._after_tt(day) \
            else self.paces

    def current_on(self, day: date) -> float:
        """Today's mile on ``day``: the test (or assumed) mile, or the time trial after it."""
        return self.tt_s if self._after_tt(day) and self.tt_s is not None else self.current_s

    def block_week(self, day: date) -> int:
        return (day - self.cal.start).days // 7 + 1 - self.cal.base_weeks

    def fitness_on(self, day: date) -> float:
        """The mile the work paces of ``day`` come from (domain/prescription.py, rule 1).

        One value per block week and side of the time trial: worked out once.
        """
        week, after_tt = self.block_week(day), self._after_tt(day)
        fitness = self.fitness.get((week, after_tt))
        if fitness is None:
            fitness = self.fitness[(week, after_tt)] = self._fitness(week, after_tt, day)
        return fitness

    def _fitness(self, week: int, after_tt: bool, day: date) -> float:
        if week < 1:
            return self.current_on(day)
        first = 1
        if after_tt and self.tt_date is not None:
            first = self.block_week(self.tt_date)
        fraction = week_fraction(week, self.last_move, first)
        return projected_mile_s(self.current_on(day), self.target_s, fraction)

    def by_effort(self, day: date) -> bool:
        """An untested runner runs by feel up to and including the test mile."""
        return self.provisional and (self.test_date is None or day <= self.test_date)

    def work_paces(self, mile_s: float) -> TrainingPaces:
        paces = self.zones.get(mile_s)
        if paces is None:
            paces = self.zones[mile_s] = training_paces(mile_s, self.goal_s)
        return paces

    def ctx(self, day: date, phase: Phase, key: str) -> SessionContext:
        fit = self.fitness_on(day)
        return SessionContext(self.paces_on(day), phase, self.counts[key], self.current_on(day),
                              self.warmup_m, self.cooldown_m, light=self.light,
                              work=self.work_paces(fit), mile_s=fit,
                              by_effort=self.by_effort(day), week_m=self.week_m)

    def _build(self, day: date, key: str, phase: Phase) -> Built:
        """build() for this plan, remembered: same key and context, same session."""
        same = fixed(key)
        if same is not None:
            return same
        memo: tuple[object, ...] = (key, self._after_tt(day), phase, self.counts[key])
        if key not in ROUND_ONLY:
            memo += (self.warmup_m, self.light, self.fitness_on(day), self.by_effort(day),
                     self.week_m)
        built = self.built.get(memo)
        if built is None:
            built = self.built[memo] = build(key, self.ctx(day, phase, key))
        return built

    def session(self, day: date, key: str, phase: Phase) -> Session:
        built = self._build(day, key, phase)
        if phase in _PROGRESSING and not self.light:
            self.counts[key] += 1  # reps progress each time round, easier weeks aside
        made = self.made.get((key, id(built)))
        if made is None:
            entry = CATALOGUE[key]
            minutes = SESSION_MINUTES.get(key)
            why = f"{entry.why} {built.note}" if built.note else entry.why
            made = self.made[(key, id(built))] = (
                entry.kind, entry.intensity, built.title, why, key, built.steps,
                None if minutes is None else minutes * 60.0)
        return Session(self.new_id(day, key), day, *made)

    def slot(self, day: date, long: bool = False, double: bool = False) -> Slot:
        paces = self.paces_on(day)
        pace = paces.long if long else paces.easy
        return Slot(day, long, pace.mid_s_per_mile, double)

    def run(self, day: date, meters: float, long: bool, double: bool = False) -> Session:
        key = "long" if long else "double" if double else "easy"
        entry = CATALOGUE[key]
        paces = self.paces_on(day)
        effort = self.by_effort(day)
        # Runs of the same size, pace and phase are the same run on another day: made once.
        memo = (key, meters, paces is self.paces, effort, self.phase if long else None)
        made = self.runs.get(memo)
        if made is None:
            miles = meters / METERS_PER_MILE
            size = f"{miles:g} miles" if self.athlete.units == "mi" else f"{meters / 1000:g} km"
            why = entry.why
            if long:
                share, minutes = long_limits(self.phase)
                why += (f" A miler's long run: at most about {share:.0%} of the week and "
                        f"{minutes:.0f} minutes{_LONG_WHY[self.phase]}.")
            made = self.runs[memo] = (f"{entry.name}: {size}", why,
                                      easy_run(paces, meters, long=long, by_effort=effort))
        title, why, steps = made
        return Session(self.new_id(day, key), day, entry.kind, entry.intensity, title, why,
                       key, steps)


_PROGRESSING: Final = frozenset({Phase.BUILD, Phase.SHARPEN, Phase.BASE})
_LONG_WHY: Final = {Phase.BASE: ", stamina for the speedwork to come",
                    Phase.BUILD: ", stamina without a marathoner's distance",
                    Phase.SHARPEN: ", a little shorter now that speed comes first",
                    Phase.TAPER: ", shorter again so you reach race day fresh",
                    Phase.RACE: ""}
_WEEKDAYS: Final = tuple(Weekday)


def _weekday(day: date) -> Weekday:
    return _WEEKDAYS[day.weekday()]  # a tuple index: Weekday(n) is an enum lookup each time


def _check_time_trial(seconds: float | None, test_s: float | None) -> None:
    if seconds is None:
        return
    if not (math.isfinite(seconds) and 223.0 <= seconds <= 960.0):
        raise InvalidInputError("time_trial", "must be a mile time from 3:43 to 16:00", seconds)
    if test_s is not None and seconds > test_s * _TT_SLOWER_MAX:
        # A mid-block mile this far off the test is a bad day, illness or injury, not fitness:
        # re-pacing the rest of the block from it would gut it.
        raise InvalidInputError(
            "time_trial", f"must be within {_TT_SLOWER_MAX - 1:.0%} of the test mile "
            f"({format_clock(test_s, 1)}); re-test when rested instead",
            format_clock(seconds, 1))


def _resolve(athlete: Athlete, start: date | None, weeks: int | None,
             race: date | None) -> Calendar:
    if race is not None and start is not None and weeks is None and race >= start:
        total = (race - start).days // 7 + 1
        for block in (8, 7, 9, 6, 10):
            base = base_weeks_needed(athlete.weekly_miles, block)
            if base + block == total:
                return calendar(start, None, race, base)
    block = weeks if isinstance(weeks, int) and 6 <= weeks <= 10 else 8
    cal = calendar(start, weeks, race, base_weeks_needed(athlete.weekly_miles, block))
    if race is None and start is not None:
        # The last day of the last week if the runner trains then, else their last training
        # day of that week (DESIGN.md "Plan mechanics").
        day = cal.race
        while _weekday(day) not in athlete.training_days:
            day -= timedelta(days=1)
        cal = replace(cal, race=day)
    return cal


def generate_plan(athlete: Athlete, start: date | None = None, weeks: int | None = None,
                  race_date: date | None = None, goal_mile_s: float | None = None,
                  time_trial_s: float | None = None, *, insist: bool = False,
                  age_table: AgeTable | None = None,
                  estimate: tuple[float, str] | None = None) -> Plan:
    """A dated plan: base weeks while under 15 miles a week, then a 6–10 week mile block.

    ``weeks`` is the block (8 unless the race date decides); ``start`` may be left out when
    ``race_date`` is given (the plan is counted back from the race). ``time_trial_s`` is the
    result of the mid-block time trial: the sessions after it use paces re-set from it.
    An unrealistic or achieved goal is replaced by the suggested one unless ``insist``;
    ``age_table`` (the runner's sex) makes the assessment age-aware for masters.
    ``estimate`` (mile seconds, how it was made) is the fitness estimate from the runner's
    history: without a test mile the plan starts from it, its paces provisional.
    """
    if goal_mile_s is not None:
        check_goal(goal_mile_s)
    estimated = athlete.test_mile_s is None and estimate is not None
    mile = estimate[0] if estimate is not None and estimated else athlete.test_mile_s
    untested = mile is None
    _check_time_trial(time_trial_s, mile)
    cal = _resolve(athlete, start, weeks, race_date)
    if insist and goal_mile_s is None:
        raise InvalidInputError("insist", "needs a goal to keep", "no goal given")
    runner = Runner(athlete.sex, athlete.age, age_table)
    assessment = assess(mile, athlete.weekly_miles, goal_mile_s,
                        block_weeks=cal.block_weeks, base_weeks=cal.base_weeks, runner=runner,
                        insist=insist)
    if estimate is not None and estimated:
        assessment = from_estimate(assessment, estimate[1])
    current = assessment.current_mile_s
    target = min(max(assessment.goal_mile_s, reachable_mile_s(current, cal.total_weeks, runner)),
                 current)
    paces = training_paces(current, assessment.goal_mile_s)
    tt_paces = None if time_trial_s is None else training_paces(time_trial_s,
                                                                assessment.goal_mile_s)
    phases = (Phase.BASE,) * cal.base_weeks + block_phases(cal.block_weeks)
    pattern = _pattern(athlete, cal)
    keys = hard_keys(block_phases(cal.block_weeks), untested=untested,
                     per_week=len(pattern.hard))
    tt_week = cal.base_weeks + cal.block_weeks // 2
    moving = sum(1 for p in block_phases(cal.block_weeks) if p in (Phase.BUILD, Phase.SHARPEN))
    builder = _Builder(athlete, cal, pattern, paces, current, tt_paces, None,
                       time_trial_s, keys, assessment.goal_mile_s, target, moving,
                       provisional=untested)
    builder.tt_date = _time_trial_date(builder, tt_week)
    builder.sharp = _sharpener(builder)
    if untested:
        builder.test_date = _time_trial_date(builder, cal.base_weeks + 1)
    built = _weeks(builder, phases)
    return Plan(athlete, assessment, paces, cal.start, cal.race, built, cal.base_weeks,
                cal.block_weeks, builder.tt_date, time_trial_s, tt_paces, target,
                plan_notes(athlete, len(pattern.hard)))


def _pattern(athlete: Athlete, cal: Calendar) -> WeekPattern:
    peak = block_target(max(athlete.weekly_miles, 15.0))
    wide = len(athlete.training_days) >= 6 and peak >= _FOUR_EASY_MILES
    age = athlete.age or 0
    return week_pattern(athlete, 3 if wide else 2, hard_apart=3 if age >= 60 else 2,
                        extra_rest=age >= 70)


def _hard_dates(b: _Builder, week_start: date) -> list[date]:
    days = (week_start + timedelta(days=i) for i in range(7))
    return [d for d in days if _weekday(d) in b.pattern.hard and d <= b.cal.race]


def _time_trial_date(b: _Builder, week: int) -> date:
    return _hard_dates(b, b.cal.week_start(week))[0]


def _weeks(b: _Builder, phases: tuple[Phase, ...]) -> tuple[Week, ...]:
    downs = block_downs(b.cal.base_weeks, b.cal.block_weeks)
    peak = b.athlete.weekly_miles
    cap: float | None = None
    weeks: list[Week] = []
    for index, phase in enumerate(phases, start=1):
        if phase is not Phase.BASE and cap is None:
            cap = block_target(peak)
        easier = index in downs or phase in (Phase.TAPER, Phase.RACE)
        target = _target(phase, index, peak, cap, downs, phases[index - 2] if index > 1 else None)
        if phase is Phase.RACE and weeks:  # never more than the taper came to
            target = min(target, _RACE_AFTER_TAPER * weeks[-1].planned_distance_m / METERS_PER_MILE)
        week = _week(b, index, phase, target * METERS_PER_MILE, easier)
        weeks.append(week)
        if phase not in (Phase.TAPER, Phase.RACE):
            peak = max(peak, week.planned_distance_m / METERS_PER_MILE)
    return tuple(weeks)


def _target(phase: Phase, index: int, peak: float, cap: float | None,
            downs: frozenset[int], phase_before: Phase | None) -> float:
    if phase is Phase.TAPER:
        return TAPER * peak
    if phase is Phase.RACE:
        return RACE_WEEK * peak
    if index in downs:
        return EASIER * peak
    if phase is not Phase.BASE and (index == 1 or phase_before is Phase.BASE):
        return peak  # the first week of speedwork holds the runner's (or the base's) volume
    return next_target(peak, cap)


def _week(b: _Builder, index: int, phase: Phase, target_m: float, easier: bool) -> Week:
    start = b.cal.week_start(index)
    b.warmup_m, b.cooldown_m = _warm_cool(target_m)
    b.phase, b.week_m = phase, target_m
    b.light = easier and phase in (Phase.BUILD, Phase.SHARPEN)
    b.doubles = phase in (Phase.BUILD, Phase.SHARPEN, Phase.TAPER) \
        and (target_m >= DOUBLES_FROM_MILES * METERS_PER_MILE
             or target_m > _SINGLES_SHARE * _single_runs_m(b, start))
    b.hard_doubles = b.doubles and target_m >= _HARD_DOUBLES_MILES * METERS_PER_MILE
    days = [start + timedelta(days=i) for i in range(7) if start + timedelta(days=i) <= b.cal.race]
    if phase is Phase.RACE:
        items = _race_week(b, days, target_m)
    elif phase is Phase.BASE:
        items = _base_week(b, days, target_m)
    else:
        items = _block_week(b, index, phase, days)
    sessions = _fill(b, items, phase, target_m)
    hard = [s.date for s in sessions if s.is_hard]
    if hard:
        b.last_hard = max(hard)
    fitness = None if phase is Phase.BASE else b.fitness_on(start)
    return Week(index, phase, start, tuple(sessions), easier, fitness)


def _single_runs_m(b: _Builder, start: date) -> float:
    """How far the week's single runs go at their limits: the easy runs at the easy-run limit,
    the long run at its own, each hard session about an hour."""
    slot = Slot(start, False, b.paces_on(start).easy.mid_s_per_mile)
    minutes = EASY_MINUTES * len(b.pattern.easy) + long_limits(b.phase)[1] \
        + _HARD_SESSION_MINUTES * len(b.pattern.hard)
    return slot.meters_in(minutes)


def _warm_cool(target_m: float) -> tuple[float, float]:
    def size(share: float, low: float, high: float) -> float:
        miles = min(max(share * target_m / METERS_PER_MILE, low), high)
        return round(miles * 4) / 4 * METERS_PER_MILE  # whole quarter miles

    return size(*_WARMUP), size(*_COOLDOWN)


def _base_week(b: _Builder, days: list[date], target_m: float) -> list[_Item]:
    miles = target_m / METERS_PER_MILE
    runs = 3 if miles < 6 else 4 if miles < 12 else 5
    run_days = set(b.pattern.run_order[:runs])
    drills_day = b.pattern.run_order[1]
    items: list[_Item] = []
    for day in days:
        wd = _weekday(day)
        if wd in run_days:
            items.append(b.slot(day, long=wd == b.pattern.long and runs >= 4))
            if wd == drills_day:
                items.append(b.session(day, "drills", Phase.BASE))
        elif wd in b.pattern.rest:
            items.append(b.session(day, "rest", Phase.BASE))
        else:
            items.append(b.session(day, "cross", Phase.BASE))
        if wd in b.pattern.hard:
            items.append(b.session(day, "strength_base", Phase.BASE))
        if wd == b.pattern.long or (wd in b.pattern.spare and wd not in run_days):
            items.append(b.session(day, "mobility", Phase.BASE))
    return items


def _strides_days(b: _Builder) -> list[Weekday]:
    """Easy days for strides: preferably not the day before a hard session or the long run."""
    busy = {Weekday((int(d) - 1) % 7) for d in (*b.pattern.hard, b.pattern.long)}
    return sorted(b.pattern.easy, key=lambda d: (d in busy, int(d)))


_EXTRAS: Final[dict[Phase | None, tuple[tuple[str, ...], ...]]] = {
    None: (("drills", "strides"),),  # an easier week
    Phase.BUILD: (("drills", "strides"), ("hill_sprints",)),
    Phase.SHARPEN: (("drills", "strides"), ("strides",)),
    Phase.TAPER: (("strides",),)}
_STRENGTH: Final = {Phase.BUILD: ("strength", "strength"),
                    Phase.SHARPEN: ("strength_plyo", "strength"),
                    Phase.TAPER: ("strength_light",)}


def _block_week(b: _Builder, index: int, phase: Phase, days: list[date]) -> list[_Item]:
    hard_dates = _hard_dates(b, b.cal.week_start(index))
    keys = b.keys.get(index - b.cal.base_weeks, [])
    extras = dict(zip(_strides_days(b), _EXTRAS[None if b.light else phase], strict=False))
    items: list[_Item] = []
    for day in days:
        near = _window_day(b, day, phase)
        if near is not None:
            items += near
            continue
        items += _block_day(b, day, phase, hard_dates, keys, extras)
    return items


def _block_day(b: _Builder, day: date, phase: Phase, hard_dates: list[date], keys: list[str],
               extras: Mapping[Weekday, tuple[str, ...]]) -> list[_Item]:
    wd, p = _weekday(day), b.pattern
    if day in hard_dates:
        slot = hard_dates.index(day)
        key = keys[slot]
        out: list[_Item] = [b.session(day, key, phase)]
        lifts = _lifts(b, phase)
        if slot < len(lifts) and key not in ("test_mile", "time_trial"):
            out.append(b.session(day, lifts[slot], phase))
        if b.hard_doubles:
            out.append(b.slot(day, double=True))
        return out
    if wd == p.long:
        return [b.slot(day, long=True), b.session(day, "mobility", phase)]
    if wd in p.easy:
        doubles = [b.slot(day, double=True)] if b.doubles else []
        # One quality day that holds the test or time trial: the week's strength moves here.
        lift = [b.session(day, _lifts(b, phase)[0], phase)] \
            if len(p.hard) == 1 and keys[:1] in (["test_mile"], ["time_trial"]) \
            and wd == p.easy[0] else []
        return [b.slot(day), *(b.session(day, k, phase) for k in extras.get(wd, ())),
                *lift, *doubles]
    if wd in p.spare:
        return [b.session(day, "cross", phase), b.session(day, "mobility", phase)]
    return [b.session(day, "rest", phase)]


def _apart(b: _Builder) -> int:
    """Days between hard sessions at least: 2, or 3 from 60."""
    return 3 if (b.athlete.age or 0) >= 60 else 2


_WINDOW: Final = 6  # race week: the six days before the race, whatever the week blocks say


def _race_week(b: _Builder, days: list[date], target_m: float) -> list[_Item]:
    items = [item for day in days for item in _window_day(b, day, Phase.RACE) or []]
    return _trim_easy(b, items, target_m)


def _window_day(b: _Builder, day: date, phase: Phase) -> list[_Item] | None:
    """A day of the race week (None before it). DESIGN.md: no hard session in the 3 days before
    the race, no long run in the 4 days before, a sharpener 4-6 days out, a shake-out with
    strides one or two days before, the day before it rest; the runner's days off stay off."""
    to_race = (b.cal.race - day).days
    if to_race > _WINDOW:
        return None
    wd = _weekday(day)
    if to_race == 0:
        return [b.session(day, "race", phase)]
    off = wd not in b.athlete.training_days or wd in b.pattern.rest
    if off:
        return [b.session(day, "rest", phase)]
    if to_race == 1:
        return [b.session(day, "rest", phase)] if _trains(b, 2) else \
            [b.session(day, "shakeout", phase)]
    if to_race == 2:
        return [b.session(day, "shakeout", phase), b.session(day, "mobility", phase)]
    if day == b.sharp:
        return [b.session(day, "race_pace", Phase.RACE)]
    return [b.slot(day, long=wd == b.pattern.long and to_race > 4)]


def _trains(b: _Builder, days_before: int) -> bool:
    """Does the runner run ``days_before`` the race (a training day, not their day off)?"""
    wd = _weekday(b.cal.race - timedelta(days=days_before))
    return wd in b.athlete.training_days and wd not in b.pattern.rest


def _lifts(b: _Builder, phase: Phase) -> tuple[str, ...]:
    return masters_lifts(b.athlete.age, _STRENGTH[phase])


def _sharpener(b: _Builder) -> date | None:
    """The race week's sharpener: 4-6 days out on a training day, far enough after the last
    hard session before the window; the pattern's hard day when one fits, else the latest."""
    race, apart = b.cal.race, _apart(b)
    opens = race - timedelta(days=_WINDOW)
    before = [opens - timedelta(days=i) for i in range(0, 7)]
    last = max((d for d in before if _weekday(d) in b.pattern.hard and b.block_week(d) >= 1
                and d < opens), default=None)
    fits = [race - timedelta(days=k) for k in (4, 5, 6)
            if _trains(b, k)
            and (last is None or (race - timedelta(days=k) - last).days >= apart)]
    sharp = max(fits, key=lambda d: (_weekday(d) in b.pattern.hard, d), default=None)
    if sharp is None:
        return None
    # A taper week already holding its two sessions before the window needs no third.
    week_start = b.cal.week_start((sharp - b.cal.start).days // 7 + 1)
    earlier = [week_start + timedelta(days=i) for i in range((opens - week_start).days)]
    return None if sum(_weekday(d) in b.pattern.hard for d in earlier) >= 2 else sharp


def _trim_easy(b: _Builder, items: list[_Item], target_m: float) -> list[_Item]:
    """Race week: only as many easy runs as the week's distance leaves room for; rest instead."""
    fixed = sum(i.planned_distance_m or 0.0 for i in items if isinstance(i, Session))
    room = max(int((target_m - fixed) // _MIN_RUN_M), 0)
    kept: list[_Item] = []
    for item in items:
        if isinstance(item, Slot):
            if room <= 0:
                kept.append(b.session(item.date, "rest", Phase.RACE))
                continue
            room -= 1
        kept.append(item)
    return kept


def _fill(b: _Builder, items: list[_Item], phase: Phase, target_m: float) -> list[Session]:
    """Give the easy and long runs the week's distance left over by the fixed sessions."""
    slots = [i for i in items if isinstance(i, Slot)]
    fixed = sum(i.planned_distance_m or 0.0 for i in items if isinstance(i, Session))
    step = distance_step_m(str(b.athlete.units))
    later = phase in (Phase.SHARPEN, Phase.TAPER, Phase.RACE)
    run_days = len({i.date for i in items if (isinstance(i, Slot) and not i.double)
                    or (isinstance(i, Session) and i.is_run)})
    parts = distances(slots, max(target_m - fixed, 0.0), fixed, step, phase,
                      b.longest_build_m if later and b.longest_build_m else math.inf, run_days)
    # A long run shorter than the shake-out before the race is just an easy run.
    shakeout = max((i.planned_distance_m or 0.0 for i in items
                    if isinstance(i, Session) and i.workout == "shakeout"), default=0.0)
    runs = {slot: b.run(slot.date, meters, slot.long and meters >= shakeout, slot.double)
            for slot, meters in zip(slots, parts, strict=True)}
    if phase is Phase.BUILD:
        b.longest_build_m = max([b.longest_build_m, *(m for slot, m in zip(slots, parts,
                                                                           strict=True)
                                                       if slot.long)])
    return [runs[i] if isinstance(i, Slot) else i for i in items]
