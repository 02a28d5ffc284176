"""Race week: the six days before the race, whatever the week blocks say (DESIGN.md).

No hard session in the 3 days before the race, no long run in the 4 days before, a sharpener
4-6 days out, a shake-out with strides one or two days before, the day before it rest; the
runner's days off stay off; only as many easy runs as the week's distance leaves room for.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

from miler.domain.plan_builder import Item, PlanBuilder, weekday
from miler.domain.units import METERS_PER_MILE
from miler.domain.week_fill import Slot
from miler.domain.workouts import Phase, Session

__all__ = ["DAYS", "WINDOW", "race_week", "sharpener", "window_day"]

_MIN_RUN_M: Final = METERS_PER_MILE  # block and race weeks: no easy run under a mile
_RACE: Final = Phase.RACE  # read through its class, an enum member costs a call
WINDOW: Final = 6  # race week: the six days before the race, whatever the week blocks say
#: 0 to 7 days, made once (a timedelta with a keyword costs more than the date arithmetic).
DAYS: Final = tuple(timedelta(days=n) for n in range(8))


def _apart(b: PlanBuilder) -> int:
    """Days between hard sessions at least: 2, or 3 from 60."""
    return 3 if (b.athlete.age or 0) >= 60 else 2


def race_week(b: PlanBuilder, days: list[date], target_m: float) -> list[Item]:
    items = [item for day in days for item in window_day(b, day, _RACE) or []]
    return _trim_easy(b, items, target_m)


def window_day(b: PlanBuilder, day: date, phase: Phase) -> list[Item] | None:
    """A day of the race week (None before it). DESIGN.md: no hard session in the 3 days before
    the race, no long run in the 4 days before, a sharpener 4-6 days out, a shake-out with
    strides one or two days before, the day before it rest; the runner's days off stay off."""
    to_race = (b.cal.race - day).days
    if to_race > WINDOW:
        return None
    wd = weekday(day)
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
        return [b.session(day, "race_pace", _RACE)]
    return [b.slot(day, long=wd == b.pattern.long and to_race > 4)]


def _trains(b: PlanBuilder, days_before: int) -> bool:
    """Does the runner run ``days_before`` the race (a training day, not their day off)?"""
    wd = weekday(b.cal.race - DAYS[days_before])
    return wd in b.athlete.training_days and wd not in b.pattern.rest


def sharpener(b: PlanBuilder) -> date | None:
    """The race week's sharpener: 4-6 days out on a training day, far enough after the last
    hard session before the window; the pattern's hard day when one fits, else the latest."""
    race, apart = b.cal.race, _apart(b)
    opens = race - DAYS[WINDOW]
    before = [opens - DAYS[i] for i in range(0, 7)]
    last = max((d for d in before if weekday(d) in b.pattern.hard and b.block_week(d) >= 1
                and d < opens), default=None)
    fits = [race - DAYS[k] for k in (4, 5, 6)
            if _trains(b, k) and (last is None or (race - DAYS[k] - last).days >= apart)]
    sharp = max(fits, key=lambda d: (weekday(d) in b.pattern.hard, d), default=None)
    if sharp is None:
        return None
    # A taper week already holding its two sessions before the window needs no third.
    week_start = b.cal.week_start((sharp - b.cal.start).days // 7 + 1)
    earlier = [week_start + DAYS[i] for i in range((opens - week_start).days)]
    return None if sum(weekday(d) in b.pattern.hard for d in earlier) >= 2 else sharp


def _trim_easy(b: PlanBuilder, items: list[Item], target_m: float) -> list[Item]:
    """Race week: only as many easy runs as the week's distance leaves room for; rest instead."""
    fixed = sum(i.planned_distance_m or 0.0 for i in items if isinstance(i, Session))
    room = max(int((target_m - fixed) // _MIN_RUN_M), 0)
    kept: list[Item] = []
    for item in items:
        if isinstance(item, Slot):
            if room <= 0:
                kept.append(b.session(item.date, "rest", _RACE))
                continue
            room -= 1
        kept.append(item)
    return kept
