"""The weeks of a plan, day by day: base weeks, the block's weeks, then each week's distance.

Each week's target distance comes from domain/schedule.py; its days hold the pattern's hard
sessions, easy runs, the long run, strength, mobility and extras (race week: domain/race_week.py);
the easy and long runs then share what the fixed sessions leave (domain/week_fill.py).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Final

from miler.domain.adaptations import masters_lifts
from miler.domain.athlete import Weekday
from miler.domain.plan_builder import Item, PlanBuilder, weekday
from miler.domain.race_week import DAYS, WINDOW, race_week, window_day
from miler.domain.schedule import (
    EASIER,
    RACE_WEEK,
    TAPER,
    block_downs,
    block_target,
    distance_step_m,
    next_target,
)
from miler.domain.units import METERS_PER_MILE
from miler.domain.week_fill import DOUBLES_FROM_MILES, EASY_MINUTES, Slot, distances, long_limits
from miler.domain.workouts import RUN_KINDS, Phase, Session, Week

__all__ = ["build_weeks", "hard_dates"]

# Doubles also below 55 miles a week when single runs would have to fill nearly all they can
# hold at their limits (a slow runner on high mileage, or few training days).
_SINGLES_SHARE: Final = 0.9
_RACE_AFTER_TAPER: Final = 0.85  # race week at most this share of what the taper came to
_HARD_SESSION_MINUTES: Final = 60.0
_HARD_DOUBLES_MILES: Final = 70.0  # from here hard days hold an easy run too
# An enum member read through its class (``Phase.RACE``) goes through EnumType.__getattr__'s
# slow path, about as dear as a function call in Python 3.11: the weeks' loops use these.
_BASE, _BUILD, _TAPER, _RACE = Phase.BASE, Phase.BUILD, Phase.TAPER, Phase.RACE
_LAST: Final = frozenset({Phase.TAPER, Phase.RACE})  # easier weeks, and no new peak
_LOADING: Final = frozenset({Phase.BUILD, Phase.SHARPEN})
_DOUBLES: Final = frozenset({Phase.BUILD, Phase.SHARPEN, Phase.TAPER})
_LATER: Final = frozenset({Phase.SHARPEN, Phase.TAPER, Phase.RACE})
# Warm-up and cool-down of a hard session: a share of the week, between a floor and a ceiling
# (miles), so two hard sessions leave the bulk of the week to easy running at any pace.
_WARMUP: Final = (0.06, 0.75, 2.0)
_COOLDOWN: Final = (0.05, 0.5, 1.5)


def hard_dates(b: PlanBuilder, index: int) -> list[date]:
    """The pattern's hard days in week ``index`` (1-based), up to the race."""
    hard, race = b.pattern.hard, b.cal.race
    # A day's number finds its Weekday in the pattern as the member would (an IntEnum).
    return [d for d in b.week_days(index) if d.weekday() in hard and d <= race]


def build_weeks(b: PlanBuilder, phases: tuple[Phase, ...]) -> tuple[Week, ...]:
    downs = block_downs(b.cal.base_weeks, b.cal.block_weeks)
    peak = b.athlete.weekly_miles
    cap: float | None = None
    weeks: list[Week] = []
    for index, phase in enumerate(phases, start=1):
        if phase is not _BASE and cap is None:
            cap = block_target(peak)
        easier = index in downs or phase in _LAST
        target = _target(phase, index, peak, cap, downs, phases[index - 2] if index > 1 else None)
        if phase is _RACE and weeks:  # never more than the taper came to
            target = min(target, _RACE_AFTER_TAPER * weeks[-1].planned_distance_m / METERS_PER_MILE)
        week = _week(b, index, phase, target * METERS_PER_MILE, easier)
        weeks.append(week)
        if phase not in _LAST:
            peak = max(peak, week.planned_distance_m / METERS_PER_MILE)
    return tuple(weeks)


def _target(phase: Phase, index: int, peak: float, cap: float | None,
            downs: frozenset[int], phase_before: Phase | None) -> float:
    if phase is _TAPER:
        return TAPER * peak
    if phase is _RACE:
        return RACE_WEEK * peak
    if index in downs:
        return EASIER * peak
    if phase is not _BASE and (index == 1 or phase_before is _BASE):
        return peak  # the first week of speedwork holds the runner's (or the base's) volume
    return next_target(peak, cap)


def _week(b: PlanBuilder, index: int, phase: Phase, target_m: float, easier: bool) -> Week:
    start = b.week_days(index)[0]
    b.warmup_m, b.cooldown_m = _warm_cool(target_m)
    b.phase, b.week_m = phase, target_m
    b.light = easier and phase in _LOADING
    b.doubles = phase in _DOUBLES \
        and (target_m >= DOUBLES_FROM_MILES * METERS_PER_MILE
             or target_m > _SINGLES_SHARE * _single_runs_m(b, start))
    b.hard_doubles = b.doubles and target_m >= _HARD_DOUBLES_MILES * METERS_PER_MILE
    days = [day for day in b.week_days(index) if day <= b.cal.race]
    if phase is _RACE:
        items = race_week(b, days, target_m)
    elif phase is _BASE:
        items = _base_week(b, days, target_m)
    else:
        items = _block_week(b, index, phase, days)
    sessions = _fill(b, items, phase, target_m)
    fitness = None if phase is _BASE else b.day(start)[3]
    return Week(index, phase, start, tuple(sessions), easier, fitness)


def _single_runs_m(b: PlanBuilder, start: date) -> float:
    """How far the week's single runs go at their limits: the easy runs at the easy-run limit,
    the long run at its own, each hard session about an hour."""
    minutes = EASY_MINUTES * len(b.pattern.easy) + long_limits(b.phase)[1] \
        + _HARD_SESSION_MINUTES * len(b.pattern.hard)
    return minutes * 60.0 * METERS_PER_MILE / b.paces_on(start).easy.mid_s_per_mile  # meters_in


def _warm_cool(target_m: float) -> tuple[float, float]:
    def size(share: float, low: float, high: float) -> float:
        miles = min(max(share * target_m / METERS_PER_MILE, low), high)
        return round(miles * 4) / 4 * METERS_PER_MILE  # whole quarter miles

    return size(*_WARMUP), size(*_COOLDOWN)


def _base_week(b: PlanBuilder, days: list[date], target_m: float) -> list[Item]:
    miles = target_m / METERS_PER_MILE
    runs = 3 if miles < 6 else 4 if miles < 12 else 5
    run_days = set(b.pattern.run_order[:runs])
    drills_day = b.pattern.run_order[1]
    items: list[Item] = []
    for day in days:
        wd = weekday(day)
        if wd in run_days:
            items.append(b.slot(day, long=wd == b.pattern.long and runs >= 4))
            if wd == drills_day:
                items.append(b.session(day, "drills", _BASE))
        elif wd in b.pattern.rest:
            items.append(b.session(day, "rest", _BASE))
        else:
            items.append(b.session(day, "cross", _BASE))
        if wd in b.pattern.hard:
            items.append(b.session(day, "strength_base", _BASE))
        if wd == b.pattern.long or (wd in b.pattern.spare and wd not in run_days):
            items.append(b.session(day, "mobility", _BASE))
    return items


def _strides_days(b: PlanBuilder) -> list[Weekday]:
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


def _extras_and_lifts(b: PlanBuilder, phase: Phase
                      ) -> tuple[dict[Weekday, tuple[str, ...]], tuple[str, ...]]:
    """The easy days' extras and the hard days' strength in ``phase`` (an easier week has its
    own extras): the same every such week of a plan, so worked out once."""
    known = b.extras.get((phase, b.light))
    if known is None:
        extras = dict(zip(_strides_days(b), _EXTRAS[None if b.light else phase], strict=False))
        known = b.extras[(phase, b.light)] = (extras, _lifts(b, phase))
    return known


def _block_week(b: PlanBuilder, index: int, phase: Phase, days: list[date]) -> list[Item]:
    hard = hard_dates(b, index)
    keys = b.keys.get(index - b.cal.base_weeks, [])
    extras, lifts = _extras_and_lifts(b, phase)
    items: list[Item] = []
    window = b.cal.race - DAYS[WINDOW]  # race week's days: domain/race_week.py
    for day in days:
        near = window_day(b, day, phase) if day >= window else None
        if near is not None:
            items += near
            continue
        items += _block_day(b, day, phase, hard, keys, extras, lifts)
    return items


def _block_day(b: PlanBuilder, day: date, phase: Phase, hard: list[date], keys: list[str],
               extras: Mapping[Weekday, tuple[str, ...]], lifts: tuple[str, ...]) -> list[Item]:
    wd, p = weekday(day), b.pattern
    if day in hard:
        slot = hard.index(day)
        key = keys[slot]
        out: list[Item] = [b.session(day, key, phase)]
        if slot < len(lifts) and key not in ("test_mile", "time_trial"):
            out.append(b.session(day, lifts[slot], phase))
        if b.hard_doubles:
            out.append(b.slot(day, double=True))
        return out
    if wd == p.long:
        return [b.slot(day, long=True), b.session(day, "mobility", phase)]
    if wd in p.easy:
        double = b.slot(day, double=True) if b.doubles else None
        # One quality day that holds the test or time trial: the week's strength moves here.
        lift = b.session(day, lifts[0], phase) \
            if len(p.hard) == 1 and keys[:1] in (["test_mile"], ["time_trial"]) \
            and wd == p.easy[0] else None
        out = [b.slot(day)]
        for key in extras.get(wd, ()):  # a loop: a generator a day cost more than its work
            out.append(b.session(day, key, phase))
        if lift is not None:
            out.append(lift)
        if double is not None:
            out.append(double)
        return out
    if wd in p.spare:
        return [b.session(day, "cross", phase), b.session(day, "mobility", phase)]
    return [b.session(day, "rest", phase)]


def _lifts(b: PlanBuilder, phase: Phase) -> tuple[str, ...]:
    return masters_lifts(b.athlete.age, _STRENGTH[phase])


def _fill(b: PlanBuilder, items: list[Item], phase: Phase, target_m: float) -> list[Session]:
    """Give the easy and long runs the week's distance left over by the fixed sessions."""
    slots: list[Slot] = []
    fixed: float = 0  # the fixed sessions' metres, added as sum() would
    run_days: set[date] = set()
    shakeout = 0.0
    for item in items:  # one pass: a plan's weeks hold about a hundred items
        if isinstance(item, Slot):
            slots.append(item)
            if not item.double:
                run_days.add(item.date)
            continue
        meters = item.planned_distance_m or 0.0
        fixed += meters
        if item.kind in RUN_KINDS:  # Session.is_run, without two calls an item
            run_days.add(item.date)
            # A long run shorter than the shake-out before the race is just an easy run.
            if item.workout == "shakeout":
                shakeout = max(shakeout, meters)
    later = phase in _LATER
    parts = distances(slots, max(target_m - fixed, 0.0), fixed,
                      distance_step_m(str(b.athlete.units)), phase,
                      b.longest_build_m if later and b.longest_build_m else math.inf,
                      len(run_days))
    runs = iter([b.run(slot.date, meters, slot.long and meters >= shakeout, slot.double)
                 for slot, meters in zip(slots, parts, strict=True)])
    if phase is _BUILD:
        b.longest_build_m = max([b.longest_build_m, *(m for slot, m in zip(slots, parts,
                                                                           strict=True)
                                                       if slot.long)])
    return [next(runs) if isinstance(i, Slot) else i for i in items]
