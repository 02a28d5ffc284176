from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from miler.domain.race import (
    DRILLS,
    LAP1_SLOW_S,
    LAP3_LOSS_S,
    Strategy,
    Venue,
    plan_race,
)
from miler.domain.units import METERS_PER_MILE
from miler.errors import InvalidInputError

# Goals 3:45-15:00, in hundredths (what a runner types) and as any float (what an API
# caller might pass: rounded half up to the hundredth first).
GOALS = st.one_of(st.integers(22_500, 90_000).map(lambda cs: cs / 100),
                  st.floats(225.0, 900.0, allow_nan=False))
VENUES = st.sampled_from(list(Venue))
TOLERANCE_S = 0.01  # one hundredth: every target is rounded half up to hundredths


def _cs(seconds: float) -> int:
    return round(seconds * 100)


def _even(goal_s: float, at_m: float) -> float:
    """Elapsed seconds at ``at_m`` on an exactly even pace."""
    return goal_s * at_m / METERS_PER_MILE


@given(GOALS, VENUES)
def test_splits_sum_to_the_goal_to_the_hundredth(goal: float, venue: Venue) -> None:
    plan = plan_race(goal, venue)
    # Rounded half up to the hundredth (units.round_half_up forgives float noise near a half).
    assert abs(plan.goal_s - goal) <= 0.005 + 1e-4
    assert sum(_cs(lap.split_s) for lap in plan.laps) == _cs(plan.goal_s)
    assert plan.laps[-1].elapsed_s == plan.goal_s
    assert sum(lap.distance_m for lap in plan.laps) == pytest.approx(METERS_PER_MILE, abs=1e-9)


@given(GOALS, VENUES)
def test_lap_one_is_about_a_second_slower_than_even(goal: float, venue: Venue) -> None:
    plan = plan_race(goal, venue)
    first = plan.laps[0]
    even = _even(plan.goal_s, first.distance_m)
    assert first.split_s - even == pytest.approx(LAP1_SLOW_S, abs=TOLERANCE_S)
    # ... but the 200 m check is on goal pace (seed 001: "Check at the 200m mark that you
    # are on your goal pace").
    check = plan.checkpoints[0]
    assert check.elapsed_s == pytest.approx(_even(plan.goal_s, check.at_m), abs=TOLERANCE_S)


@given(GOALS, VENUES)
def test_on_pace_by_800m_and_lap_three_loses_what_it_says(goal: float, venue: Venue) -> None:
    plan = plan_race(goal, venue)
    second, third = plan.laps[1], plan.laps[2]
    at_800 = sum(lap.distance_m for lap in plan.laps[:2])
    assert second.elapsed_s == pytest.approx(_even(plan.goal_s, at_800), abs=TOLERANCE_S)
    assert third.split_s - _even(plan.goal_s, third.distance_m) == pytest.approx(
        LAP3_LOSS_S, abs=TOLERANCE_S)
    assert f"{LAP3_LOSS_S:g} s" in third.cue


@given(GOALS, VENUES)
def test_lap_four_is_the_fastest_by_pace(goal: float, venue: Venue) -> None:
    laps = plan_race(goal, venue).laps
    last = laps[-1].pace.s_per_m
    assert all(last < lap.pace.s_per_m for lap in laps[:-1])
    assert last < plan_race(goal, venue).goal_pace.s_per_m


@given(GOALS, VENUES)
def test_last_lap_segments_are_each_strictly_faster(goal: float, venue: Venue) -> None:
    plan = plan_race(goal, venue)
    segments = plan.checkpoints[-4:]
    splits = [point.split_s for point in segments]
    assert all(a > b for a, b in itertools.pairwise(splits))
    assert sum(_cs(s) for s in splits) == _cs(plan.laps[-1].split_s)
    # The first 100 m of the bell lap is already quicker than lap 3's pace.
    assert splits[0] / (segments[0].at_m - plan.checkpoints[-5].at_m) < plan.laps[2].pace.s_per_m


@given(GOALS, VENUES, st.sampled_from(list(Strategy)))
def test_checkpoints_increase_and_end_at_the_mile_and_goal(
        goal: float, venue: Venue, strategy: Strategy) -> None:
    plan = plan_race(goal, venue, strategy)
    points = plan.checkpoints
    assert all(a.at_m < b.at_m and a.elapsed_s < b.elapsed_s
               for a, b in itertools.pairwise(points))
    assert points[-1].at_m == METERS_PER_MILE
    assert points[-1].elapsed_s == plan.goal_s
    assert sum(_cs(p.split_s) for p in points) == _cs(plan.goal_s)
    assert all(p.cue and p.word and p.label for p in points)
    # Every lap end is a checkpoint with the same elapsed time.
    ends = {p.at_m: p.elapsed_s for p in points}
    assert all(ends[round(sum(x.distance_m for x in plan.laps[:lap.number]), 3)] == lap.elapsed_s
               for lap in plan.laps)


@given(GOALS, VENUES)
def test_even_strategy_gives_even_splits(goal: float, venue: Venue) -> None:
    plan = plan_race(goal, venue, Strategy.EVEN)
    for lap in plan.laps:
        assert lap.split_s == pytest.approx(_even(plan.goal_s, lap.distance_m), abs=TOLERANCE_S)
    for point in plan.checkpoints:
        assert point.elapsed_s == pytest.approx(_even(plan.goal_s, point.at_m), abs=0.005 + 1e-9)
    assert sum(_cs(lap.split_s) for lap in plan.laps) == _cs(plan.goal_s)


def test_track_checkpoints_sit_on_the_200m_marks_then_every_100m() -> None:
    marks = [p.at_m for p in plan_race(420).checkpoints]
    assert marks == [209.344, 409.344, 609.344, 809.344, 1009.344, 1209.344,
                     1309.344, 1409.344, 1509.344, 1609.344]
    assert [lap.distance_m for lap in plan_race(420).laps] == [409.344, 400.0, 400.0, 400.0]


def test_road_laps_are_quarter_miles_and_checkpoints_eighths() -> None:
    plan = plan_race(420, Venue.ROAD)
    assert [lap.distance_m for lap in plan.laps] == [402.336] * 4
    marks = [p.at_m for p in plan.checkpoints]
    assert marks[:6] == pytest.approx([201.168 * k for k in range(1, 7)], abs=1e-9)
    assert marks[6:] == pytest.approx([1207.008 + 100.584 * k for k in range(1, 5)], abs=1e-9)
    assert "quarter" in plan.laps[2].cue


def test_golden_seven_minute_mile_on_a_track() -> None:
    # Worked by hand (calculator), 7:00 = 420 s over 1609.344 m, all rounded half up:
    #   even at 409.344 m  = 420 * 409.344 / 1609.344  = 106.8297 -> 106.83; +1.00 s -> 107.83
    #   even at 809.344 m  = 420 * 809.344 / 1609.344  = 211.2212 -> 211.22 (on pace)
    #   even at 1209.344 m = 420 * 1209.344 / 1609.344 = 315.6127 -> 315.61; +1.50 s -> 317.11
    #   laps: 107.83, 211.22 - 107.83 = 103.39, 317.11 - 211.22 = 105.89, 420 - 317.11 = 102.89
    #   (sum 420.00). Lap 4: 10289 cs / 4 = 2572 r 1; offsets +30, +10, -10, -30 cs, the
    #   spare hundredth to the first: 26.03, 25.82, 25.62, 25.42 (sum 102.89).
    #   200 m check: 420 * 209.344 / 1609.344 = 54.6317 -> 54.63 (on pace).
    #   600 m: 107.83 + 103.39 / 2 = 107.83 + 51.695 -> 51.70 -> 159.53.
    #   1000 m: 211.22 + 105.89 / 2 = 211.22 + 52.945 -> 52.95 -> 264.17.
    plan = plan_race(420)
    assert [lap.split_s for lap in plan.laps] == [107.83, 103.39, 105.89, 102.89]
    assert [lap.elapsed_s for lap in plan.laps] == [107.83, 211.22, 317.11, 420.0]
    assert [p.elapsed_s for p in plan.checkpoints] == [
        54.63, 107.83, 159.53, 211.22, 264.17, 317.11, 343.14, 368.96, 394.58, 420.0]
    assert [p.split_s for p in plan.checkpoints][-4:] == [26.03, 25.82, 25.62, 25.42]
    assert plan.stretch_goal_s == 418.0
    assert "7:00 is the plan, 6:58 the stretch target" in " ".join(plan.advice)


def test_golden_seven_minute_mile_even() -> None:
    # Even: 106.83, then 211.22 - 106.83 = 104.39, 315.61 - 211.22 = 104.39,
    # 420 - 315.61 = 104.39 (the pace table's 1:44.39 per 400 m).
    plan = plan_race(420, strategy=Strategy.EVEN)
    assert [lap.split_s for lap in plan.laps] == [106.83, 104.39, 104.39, 104.39]


def test_warm_up_names_the_drills_and_the_cool_down_is_easy() -> None:
    plan = plan_race(420)
    texts = " ".join(step.text for step in plan.warmup)
    assert all(drill in texts for drill in DRILLS)
    assert plan.warmup[0].minutes == (10, 20)
    assert "strides" in texts
    assert plan.cooldown[0].kind == "jog"
    assert any("test mile" in line for line in plan.advice)
    assert any("rested" in line for line in plan.advice)


def test_same_goal_same_plan() -> None:
    assert plan_race(419.99, Venue.ROAD) == plan_race(419.99, Venue.ROAD)
    assert plan_race(419.994).goal_s == 419.99
    assert plan_race(419.995).goal_s == 420.0


@pytest.mark.parametrize("goal", [0.0, 179.99, 1800.01, -420.0, math.nan, math.inf])
def test_goal_outside_the_range_is_refused(goal: float) -> None:
    with pytest.raises(InvalidInputError, match=r"^goal must be between 3:00 and 30:00") as info:
        plan_race(goal)
    assert info.value.field == "goal"
    assert str(info.value).endswith(f"got {goal!r}")


def test_unknown_venue_or_strategy_is_refused() -> None:
    with pytest.raises(InvalidInputError) as info:
        plan_race(420, "moon")  # type: ignore[arg-type]
    assert str(info.value) == "venue must be one of track, road, got 'moon'"
    with pytest.raises(InvalidInputError, match="strategy must be one of seed, even"):
        plan_race(420, Venue.TRACK, "fast")  # type: ignore[arg-type]


def test_document_fields() -> None:
    doc = plan_race(420).to_doc()
    assert doc["schema"] == "miler.race/1"
    assert doc["distance_m"] == 1609.344
    assert doc["laps"][0] == {
        "lap": 1, "distance_m": 409.344, "split_s": 107.83, "elapsed_s": 107.83,
        "pace_s_per_mile": 423.94, "cue": plan_race(420).laps[0].cue}
    assert doc["checkpoints"][0]["at_m"] == 209.344
    assert doc["stretch_goal_s"] == 418.0


@given(st.integers(22_500, 90_000).map(lambda cs: cs / 100))
def test_the_plans_race_session_runs_these_laps(goal: float) -> None:
    from miler.domain.sessions import race_laps

    laps, plan = race_laps(goal), plan_race(goal)
    assert [step.distance_m for step in laps] == [lap.distance_m for lap in plan.laps]
    assert [step.duration_s for step in laps] == pytest.approx(
        [lap.split_s for lap in plan.laps], abs=1e-9)
    assert math.fsum(step.distance_m or 0.0 for step in laps) == pytest.approx(METERS_PER_MILE)
    assert abs(math.fsum(step.duration_s or 0.0 for step in laps) - goal) <= TOLERANCE_S
    for step, lap in zip(laps, plan.laps, strict=True):
        assert step.pace is not None
        assert step.pace.fast_s_per_mile < lap.pace.s_per_mile < step.pace.slow_s_per_mile
        assert step.name == f"lap {lap.number}: {lap.cue}"


@given(st.integers(22_500, 90_000).map(lambda cs: cs / 100), st.sampled_from(Venue),
       st.sampled_from(Strategy))
def test_race_laps_are_the_race_plans_laps(goal: float, venue: Venue,
                                           strategy: Strategy) -> None:
    from miler.domain.race import race_laps

    assert race_laps(goal, venue, strategy) == plan_race(goal, venue, strategy).laps
