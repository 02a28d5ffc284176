from __future__ import annotations

from datetime import date
from itertools import combinations, pairwise

import pytest

from miler.domain.athlete import Athlete, Weekday
from miler.domain.schedule import (
    base_weeks_needed,
    block_downs,
    block_phases,
    calendar,
    cycle_downs,
    next_target,
    split_steps,
    week_pattern,
)
from miler.domain.workouts import Phase
from miler.errors import ConflictingInputError, InvalidInputError


@pytest.mark.parametrize("loading", range(4, 40))
def test_every_cycle_is_three_or_four_weeks(loading: int) -> None:
    # The taper (loading + 1) closes the last cycle; four loading weeks run into the taper.
    ends = [0, *sorted(cycle_downs(loading)), loading + 1]
    lengths = [b - a for a, b in pairwise(ends)]
    assert all(n in (3, 4) for n in lengths) or lengths == [5]


@pytest.mark.parametrize("base", range(27))
@pytest.mark.parametrize("block", range(6, 11))
def test_no_step_back_opens_the_block_or_sits_in_a_6_week_one(base: int, block: int) -> None:
    downs = block_downs(base, block)
    assert base + 1 not in downs
    assert not any(d - 1 in downs for d in downs)
    if block == 6:
        assert all(d <= base for d in downs)


def test_volume_rises_ten_percent_or_a_mile_and_a_half() -> None:
    assert next_target(0.0) == 1.5
    assert next_target(10.0) == 11.5
    assert next_target(30.0) == pytest.approx(33.0)
    assert next_target(30.0, cap_miles=31.0) == 31.0
    assert next_target(30.0, cap_miles=25.0) == 30.0  # a cap never lowers the volume


def test_base_weeks_only_under_15_miles() -> None:
    assert base_weeks_needed(15.0) == 0
    assert base_weeks_needed(40.0) == 0
    assert base_weeks_needed(14.0) == 1
    assert base_weeks_needed(0.0) > base_weeks_needed(10.0) > 0


@pytest.mark.parametrize(("block", "build", "sharpen"),
                         [(6, 2, 2), (7, 3, 2), (8, 4, 2), (9, 5, 2), (10, 5, 3)])
def test_block_phases(block: int, build: int, sharpen: int) -> None:
    assert block_phases(block) == (Phase.BUILD,) * build + (Phase.SHARPEN,) * sharpen + (
        Phase.TAPER, Phase.RACE)


def test_calendar() -> None:
    monday = date(2026, 3, 2)
    assert calendar(monday, None, None, 2).race == date(2026, 5, 10)  # 10 weeks, a Sunday
    counted = calendar(None, 6, date(2026, 6, 13), 0)
    assert (counted.start, counted.block_weeks) == (date(2026, 5, 3), 6)
    fixed = calendar(monday, None, date(2026, 4, 22), 0)  # a Wednesday in week 8
    assert fixed.block_weeks == 8
    with pytest.raises(ConflictingInputError):
        calendar(monday, 7, date(2026, 4, 22), 0)
    with pytest.raises(InvalidInputError, match="must not be before the start"):
        calendar(monday, None, date(2026, 3, 1), 0)
    with pytest.raises(InvalidInputError, match="weeks must be a whole number of weeks"):
        calendar(monday, 11, None, 0)


def _day_sets() -> list[tuple[frozenset[Weekday], Weekday]]:
    out = []
    for size in (5, 6, 7):
        for days in combinations(list(Weekday), size):
            out += [(frozenset(days), long) for long in days]
    return out


def test_every_day_set_gets_a_sound_week() -> None:
    # All 29 day sets x every long-run day: hard days apart (on the weekly cycle, so across
    # weeks too), never the long-run day, and at least one rest day.
    for days, long in _day_sets():
        for easy in (2, 3):
            if easy == 3 and len(days) < 6:
                continue
            p = week_pattern(Athlete(20, 465, days, long), easy)
            a, b = p.hard
            assert a.distance_to(b) >= 2
            assert long not in p.hard
            assert len(p.easy) == easy
            assert p.rest
            assert not set(p.rest) & {long, *p.hard, *p.easy}
            assert len({long, *p.hard, *p.easy, *p.spare, *p.rest}) == \
                1 + 2 + easy + len(p.spare) + len(p.rest)


def test_default_week_is_the_classic_one() -> None:
    p = week_pattern(Athlete(20, 465), 2)
    assert p.long is Weekday.SUN
    assert p.hard == (Weekday.TUE, Weekday.FRI)
    assert p.rest == (Weekday.MON,)


def test_split_steps_adds_up() -> None:
    assert split_steps(10, [2, 1, 1]) == [5, 3, 2]
    assert sum(split_steps(37, [2.0, 1.0, 1.0, 1.0])) == 37
    assert split_steps(0, [1, 1]) == [0, 0]
