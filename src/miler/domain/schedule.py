"""The calendar mechanics of a plan: how many weeks, which phase, how far, and which weekdays.

Pure arithmetic over dates and miles, no sessions (domain/planner.py builds those):

* the weeks: 7-day blocks from the start; base weeks (while under 15 miles a week) before a
  6–10 week mile block of build, sharpen, taper and race weeks;
* the weekly distance: up about 10 % a week over the peak so far, or 1.5 miles at low mileage,
  with an easier week (a quarter less) closing every cycle of 3–4 weeks, the taper closing the
  last; taper at 70 % and race week at 50 % of the peak;
* the weekly pattern: the long run on its day, two hard days never on consecutive days (across
  weeks too: the pattern repeats, so the weekly cycle is what counts), easy days, spare days
  and at least one rest day.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations
from typing import Final

from miler.domain.athlete import Athlete, Weekday
from miler.domain.units import METERS_PER_KM, METERS_PER_MILE
from miler.domain.workouts import Phase
from miler.errors import ConflictingInputError, InvalidInputError

__all__ = [
    "BASE_TARGET_MILES",
    "BLOCK_WEEKS",
    "Calendar",
    "WeekPattern",
    "base_weeks_needed",
    "block_downs",
    "block_phases",
    "calendar",
    "cycle_downs",
    "distance_step_m",
    "next_target",
    "split_steps",
    "week_pattern",
]

BASE_TARGET_MILES: Final = 15.0  # seed 000: at least 15 (to 20) miles a week before speedwork
BLOCK_WEEKS: Final = (6, 10, 8)  # seed 001: 6 to 10 weeks; seed 000: 8 weeks at a minimum
_LOW_STEP_MILES: Final = 1.5  # at low mileage, about a mile and a half a week
_RISE: Final = 0.10  # otherwise about 10 % over the peak so far
EASIER: Final = 0.75  # an easier week: about a quarter less
TAPER: Final = 0.70
RACE_WEEK: Final = 0.50
_MAX_BASE_WEEKS: Final = 26
_BASE_CYCLE: Final = 4  # base weeks: three building, then an easier one
_DAYS: Final = tuple(Weekday)  # by number: Weekday(n) is an enum lookup each time
#: Weekday.distance_to by the two days' numbers: a table, as a plan asks it about thirty times.
_APART: Final = tuple(tuple(a.distance_to(b) for b in _DAYS) for a in _DAYS)


def next_target(peak_miles: float, cap_miles: float | None = None) -> float:
    """The next loading week: the peak plus 10 % or 1.5 miles, whichever is more, capped."""
    rise = peak_miles + max(_LOW_STEP_MILES, _RISE * peak_miles)
    return rise if cap_miles is None else max(min(rise, cap_miles), peak_miles)


def block_target(start_miles: float) -> float:
    """The block's peak week: a few miles over where it starts (a mile needs no big volume)."""
    return start_miles + max(3.0, min(0.2 * start_miles, 6.0))


def cycle_downs(loading_weeks: int) -> frozenset[int]:
    """1-based loading weeks that are easier, so every cycle of 3–4 weeks ends easier.

    The taper (the week after the last loading week) ends the last cycle, so the loading weeks
    plus the taper are cut into cycles of 4 and 3; four loading weeks or fewer run straight into
    the taper (a 6-week block's build and sharpen weeks: one at peak volume is not enough).
    """
    n = loading_weeks + 1
    fours, rest = divmod(n, 4)
    if n <= 5:  # too short for a step-back week: the taper is the only easier one
        cycles = [n]
    elif rest == 0:
        cycles = [4] * fours
    elif rest == 3:
        cycles = [4] * fours + [3]
    elif rest == 2:
        cycles = [4] * (fours - 1) + [3, 3]
    elif fours >= 2:
        cycles = [4] * (fours - 2) + [3, 3, 3]
    else:
        cycles = [3, 2]
    ends = [sum(cycles[: i + 1]) for i in range(len(cycles) - 1)]
    return frozenset(ends)


def block_downs(base: int, block: int) -> frozenset[int]:
    """1-based plan weeks that are easier. In the base every fourth week (the base is as long as
    it takes to end on a loading week of at least 15 miles); the first block week holds the
    base's volume (no step-back then a jump into speedwork); the block's loading weeks are
    cycled closed by the taper, a 6-week block's four running straight into it."""
    base_downs = set(range(_BASE_CYCLE, base + 1, _BASE_CYCLE))
    return frozenset(base_downs | {base + week for week in cycle_downs(block - 2)})


def _simulate_base(weekly_miles: float, base: int, block: int) -> float:
    """Miles in the last base week when ``base`` base weeks precede a ``block``-week block."""
    downs = block_downs(base, block)
    peak = volume = weekly_miles
    for week in range(1, base + 1):
        volume = EASIER * peak if week in downs else next_target(peak)
        peak = max(peak, volume)
    return volume


def base_weeks_needed(weekly_miles: float, block: int = 8) -> int:
    """Weeks of easy running that take ``weekly_miles`` to at least 15 before the block."""
    for base in range(_MAX_BASE_WEEKS + 1):
        if _simulate_base(weekly_miles, base, block) >= BASE_TARGET_MILES:
            return base
    raise InvalidInputError("weekly_miles", "needs too many base weeks", weekly_miles)


def block_phases(block: int) -> tuple[Phase, ...]:
    """Build, sharpen (a quarter of the block, halves up), one taper week, the race week."""
    sharpen = math.floor(block / 4 + 0.5)
    build = block - sharpen - 2
    return (Phase.BUILD,) * build + (Phase.SHARPEN,) * sharpen + (Phase.TAPER, Phase.RACE)


@dataclass(frozen=True, slots=True)
class Calendar:
    start: date
    race: date
    base_weeks: int
    block_weeks: int

    @property
    def total_weeks(self) -> int:
        return self.base_weeks + self.block_weeks

    def week_start(self, index: int) -> date:
        """First day of week ``index`` (1-based)."""
        return self.start + timedelta(days=7 * (index - 1))


def _check_block(weeks: int, field: str = "weeks") -> int:
    low, high, _ = BLOCK_WEEKS
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not low <= weeks <= high:
        raise InvalidInputError(field, f"must be a whole number of weeks from {low} to {high}",
                                weeks)
    return weeks


def calendar(start: date | None, weeks: int | None, race: date | None, base: int) -> Calendar:
    """Resolve start, race day and block length; the race date, when given, decides."""
    if weeks is not None:
        _check_block(weeks)
    if race is None:
        if start is None:
            raise InvalidInputError("start", "is needed when there is no race date", None)
        block = weeks if weeks is not None else BLOCK_WEEKS[2]
        return Calendar(start, start + timedelta(days=7 * (base + block) - 1), base, block)
    if start is None:  # counted back from the race: it is the last day of the last week
        block = weeks if weeks is not None else BLOCK_WEEKS[2]
        return Calendar(race - timedelta(days=7 * (base + block) - 1), race, base, block)
    if race < start:
        raise InvalidInputError("race_date", f"must not be before the start ({start})",
                                race.isoformat())
    total = ((race - start).days) // 7 + 1
    block = total - base
    if weeks is not None and weeks != block:
        raise ConflictingInputError(
            "weeks", f"disagrees with the race date: {start} to {race} leaves {block} weeks "
            f"for the mile block after {base} base weeks", weeks)
    low, high, _ = BLOCK_WEEKS
    if not low <= block <= high:
        leaves = f"it leaves {block}" if block > 0 else "it falls inside the base weeks"
        raise InvalidInputError(
            "race_date", f"must leave {low} to {high} weeks for the mile block after {base} "
            f"base weeks from the start ({start}); {leaves}", race.isoformat())
    return Calendar(start, race, base, block)


@dataclass(frozen=True, slots=True)
class WeekPattern:
    """Which weekday does what in a normal week."""

    long: Weekday
    hard: tuple[Weekday, ...]  # two, or one when the days allow no two far enough apart
    easy: tuple[Weekday, ...]
    spare: tuple[Weekday, ...]
    rest: tuple[Weekday, ...]

    @property
    def run_order(self) -> tuple[Weekday, ...]:
        """Days to run on when a base week has fewer runs: long day, hard days, easy days."""
        return (self.long, *self.hard, *self.easy, *self.spare)


def _hard_days(days: frozenset[Weekday], long: Weekday, apart: int) -> tuple[Weekday, ...]:
    """Two hard days at least ``apart`` days apart both ways round the week, away from the long
    run where possible; one when no two are far enough apart; none with no other day."""
    to_long = _APART[long]

    def score(pair: tuple[Weekday, Weekday]) -> tuple[int, int, tuple[int, int]]:
        near_long = (to_long[pair[0]] == 1) + (to_long[pair[1]] == 1)
        return near_long, -_APART[pair[0]][pair[1]], (int(pair[0]), int(pair[1]))

    others = sorted(days - {long})
    pairs = [p for p in combinations(others, 2) if _APART[p[0]][p[1]] >= apart]
    if pairs:
        best = min(pairs, key=score)
        return best[0], best[1]
    single = sorted(others, key=lambda d: (to_long[d] == 1, int(d)))
    return tuple(single[:1])


def week_pattern(athlete: Athlete, easy_days: int, hard_apart: int = 2,
                 extra_rest: bool = False) -> WeekPattern:
    """Place the long run, the hard days (``hard_apart`` days apart at least), ``easy_days``
    easy runs, spare and rest days; ``extra_rest`` gives one more day without running."""
    days, long = athlete.training_days, athlete.long_day
    hard = _hard_days(days, long, hard_apart)
    before = {_DAYS[(int(d) - 1) % 7] for d in (*hard, long)}
    others = sorted(days - {long, *hard}, key=lambda d: (d in before, int(d)))
    easy, spare = tuple(sorted(others[:easy_days])), others[easy_days:]
    rest = tuple(sorted(set(_DAYS) - days))
    after_long = _DAYS[(int(long) + 1) % 7]
    while len(rest) < (2 if extra_rest else 1):
        pool = spare or list(easy[1:])  # a spare day first, else an easy one (one stays)
        if not pool:
            break
        pick = after_long if after_long in pool else pool[-1]  # the day after the long run
        spare = [d for d in spare if d != pick]
        easy = tuple(d for d in easy if d != pick)
        rest = tuple(sorted((*rest, pick)))
    return WeekPattern(long, hard, easy, tuple(sorted(spare)), rest)


def distance_step_m(units: str) -> float:
    """Runs are whole quarter miles, or whole half kilometres."""
    return METERS_PER_MILE / 4 if units == "mi" else METERS_PER_KM / 2


def split_steps(steps: int, weights: list[float]) -> list[int]:
    """Split ``steps`` whole steps in proportion to ``weights``, adding up (largest remainders)."""
    steps = max(steps, 0)
    raw = [steps * w / sum(weights) for w in weights]
    whole = [math.floor(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: whole[i] - raw[i])  # stable: ties by index
    for i in order[: steps - sum(whole)]:
        whole[i] += 1
    return whole
