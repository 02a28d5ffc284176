"""Training paces: the seed's 7:00 numbers, and the rules that hold for every runner."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from miler.domain.zones import PaceRange, WeekPaces, training_paces
from miler.errors import InvalidInputError


def test_a_seven_minute_goal_lands_on_the_seeds_ranges() -> None:
    paces = training_paces(465, 420)  # the canonical runner: 7:45 today, 7:00 goal
    assert paces.seed_repeats == PaceRange(360, 390)  # "6:00-6:30 mile pace"
    assert paces.seed_tempo == PaceRange(420, 450)  # "7:00-7:30"
    assert paces.goal_mile.slow_s_per_mile == 420


def test_true_threshold_for_a_seven_minute_miler_is_about_eight_minutes() -> None:
    # DESIGN.md: "for a 7:00 miler true threshold is about 8:00/mile"; 83-88 % of the score
    # gives 8:05-8:28, so the fast end is within 10 s of 8:00.
    threshold = training_paces(420, 420).threshold
    assert threshold.fast_s_per_mile == pytest.approx(480, abs=10)
    assert threshold.slow_s_per_mile < 9 * 60


def test_easy_pace_ignores_the_goal() -> None:
    assert training_paces(465, 420).easy == training_paces(465, 360).easy


@given(st.floats(min_value=300, max_value=780), st.floats(min_value=0.75, max_value=1.0))
def test_zones_are_ordered_from_easy_to_repetition(current: float, ratio: float) -> None:
    p = training_paces(current, current * ratio)
    mids = [p.easy, p.marathon, p.threshold, p.interval, p.repetition]
    assert [r.mid_s_per_mile for r in mids] == sorted((r.mid_s_per_mile for r in mids),
                                                      reverse=True)
    assert p.race_20min.fast_s_per_mile > p.race_10_12min.slow_s_per_mile
    if current < 600:  # slower runners' mile is itself a 10-minute race or longer
        assert p.race_10_12min.fast_s_per_mile > current
    assert p.seed_repeats.slow_s_per_mile < p.goal_mile.fast_s_per_mile
    assert all(r.fast_s_per_mile <= r.slow_s_per_mile for r in p.as_dict().values())


def test_bad_ranges_and_goals_are_refused() -> None:
    with pytest.raises(InvalidInputError, match="pace range must be positive with the fast"):
        PaceRange(400, 380)
    with pytest.raises(InvalidInputError, match="goal must be a positive mile time"):
        training_paces(465, -1)


_WEEK_NAMES = ("threshold", "interval", "race_20min", "race_10_12min", "goal_mile",
               "mile_race", "seed_repeats", "seed_tempo")


@given(st.floats(223.5, 960.0), st.floats(223.0, 960.0), st.permutations(_WEEK_NAMES))
def test_week_paces_are_training_paces_asked_one_at_a_time(mile: float, goal: float,
                                                           order: list[str]) -> None:
    """The planner's lazily made work paces: the same values, in whatever order asked."""
    full, week = training_paces(mile, goal), WeekPaces(mile, goal)
    for name in [*order, *order]:  # asked again: the same again
        assert getattr(week, name) == getattr(full, name), name


@pytest.mark.parametrize(("mile", "goal", "field"), [
    (float("nan"), 420.0, "time"), (465.0, 0.0, "goal"), (465.0, float("inf"), "goal")])
def test_week_paces_refuse_what_training_paces_refuse(mile: float, goal: float,
                                                      field: str) -> None:
    for make in (training_paces, WeekPaces):
        with pytest.raises(InvalidInputError) as caught:
            make(mile, goal)
        assert caught.value.field == field
