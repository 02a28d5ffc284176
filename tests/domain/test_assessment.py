from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from miler.data import age_table
from miler.domain.age_grading import Sex
from miler.domain.assessment import (
    WORLD_RECORD_S,
    Runner,
    Verdict,
    assess,
    assumed_mile_s,
    gain_limits,
    suggest_goal,
)
from miler.domain.units import Venue
from miler.errors import InvalidInputError

SEVERITY = [Verdict.ACHIEVED, Verdict.REASONABLE, Verdict.AMBITIOUS, Verdict.UNREALISTIC]


@pytest.mark.parametrize("test_s", [421.0, 450.0, 465.0, 479.0, 480.0])
def test_seed_8_00_or_faster_makes_7_00_reasonable(test_s: float) -> None:
    # Seed 000: "If you ran your mile in 8 minutes or less, then a 7 minute mile is a
    # reasonable goal for you!"
    result = assess(test_s, 20, 420.0)
    assert result.verdict is Verdict.REASONABLE
    assert "How to Run a 7 Minute Mile" in result.reason
    assert suggest_goal(test_s) == 420.0
    assert assess(test_s, 20).goal_mile_s == 420.0  # no goal: train for the suggestion


@pytest.mark.parametrize("test_s", [481.0, 510.0, 600.0, 720.0, 780.0])
def test_slower_aim_one_to_two_minutes_faster(test_s: float) -> None:
    # Seed 000: "consider setting a goal one or two minutes faster than your current time".
    suggested = suggest_goal(test_s)
    assert test_s - 120 <= suggested <= test_s - 60
    assert assess(test_s, 20, test_s - 60).verdict is Verdict.REASONABLE
    assert assess(test_s, 20).verdict is Verdict.REASONABLE


@pytest.mark.parametrize("test_s", [361.0, 400.0, 420.0])
def test_already_7_00_aim_for_6_00(test_s: float) -> None:
    # Seed 000: "if you ... already hit the 7 minute mark, consider aiming for a 6 minute mile!"
    assert suggest_goal(test_s) == 360.0
    assert assess(test_s, 30, 420.0).verdict is Verdict.ACHIEVED
    # A stretch, but not beyond reach: ambitious rather than unrealistic.
    assert assess(test_s, 30, 360.0).verdict in (Verdict.REASONABLE, Verdict.AMBITIOUS)


@pytest.mark.parametrize("test_s", [300.0, 330.0, 360.0])
def test_at_or_under_6_00_a_few_percent(test_s: float) -> None:
    improvement = 1 - suggest_goal(test_s) / test_s
    assert 0.02 <= improvement <= 0.05


@pytest.mark.parametrize("test_s", [226.0, 230.0, 240.0])
def test_elite_a_few_seconds(test_s: float) -> None:
    assert 1.0 <= test_s - suggest_goal(test_s) <= 6.0


@given(st.floats(223.5, 330.0), st.sampled_from([None, Sex.MALE, Sex.FEMALE]))
def test_never_at_or_beyond_the_world_record(test_s: float, sex: Sex | None) -> None:
    suggested = suggest_goal(test_s, 8, Runner(sex))
    assert suggested > WORLD_RECORD_S[sex] or suggested == test_s
    assert suggested <= test_s


def test_3_50_is_not_told_to_beat_the_record() -> None:
    result = assess(230.0, 60)  # issue 14: it suggested 3:43, "reasonable"
    assert 224.0 <= result.goal_mile_s < 230.0


def _runner(age: int, sex: Sex = Sex.FEMALE) -> Runner:
    return Runner(sex, age, age_table(Venue.TRACK, sex))


@given(st.floats(300.0, 720.0), st.sampled_from([Sex.MALE, Sex.FEMALE]))
def test_masters_are_told_a_more_modest_goal(test_s: float, sex: Sex) -> None:
    young = suggest_goal(test_s, 8, _runner(30, sex))
    old = suggest_goal(test_s, 8, _runner(62, sex))
    assert young <= old < test_s or old == test_s


def test_masters_verdict_speaks_age_graded() -> None:
    result = assess(465.0, 20, 420.0, runner=_runner(60))
    assert "grades as" in result.reason
    assert "age-graded" in result.reason
    assert result.verdict is not Verdict.REASONABLE  # 7:45 -> 7:00 at 60 is a stretch


def test_unrealistic_goal_trains_for_the_suggestion() -> None:
    result = assess(540.0, 20, 420.0)
    assert result.verdict is Verdict.UNREALISTIC
    assert result.goal_mile_s == result.suggested_mile_s == 475.0
    assert result.asked_mile_s == 420.0
    assert "trains and races for 7:55" in result.reason
    kept = assess(540.0, 20, 420.0, insist=True)
    assert (kept.goal_mile_s, kept.asked_mile_s, kept.insisted) == (420.0, None, True)
    assert "You chose to keep 7:00" in kept.reason


def test_achieved_goal_aims_at_the_next() -> None:
    result = assess(465.0, 20, 480.0)
    assert result.verdict is Verdict.ACHIEVED
    assert (result.goal_mile_s, result.asked_mile_s) == (420.0, 480.0)


def test_untested_assumes_goal_plus_a_minute_or_a_mile_for_the_volume() -> None:
    # DESIGN.md: goal + 1 minute; with no goal, a rough mile for the weekly volume (a runner on
    # 8 miles a week is often a 10-12 minute miler). The plan opens with a test mile.
    assert assumed_mile_s(420.0) == 480.0
    assert assumed_mile_s(None, 8) > 600.0
    assert assumed_mile_s(None, 60) < assumed_mile_s(None, 30) < assumed_mile_s(None, 8)
    result = assess(None, 20, 390.0)
    assert result.verdict is Verdict.UNTESTED
    assert result.provisional
    assert result.current_mile_s == 450.0
    assert "test mile" in result.reason
    assert "by effort" in result.reason
    plain = assess(None, 8)
    assert plain.goal_mile_s == plain.suggested_mile_s == suggest_goal(plain.current_mile_s)


def test_reason_names_the_limits_in_words() -> None:
    result = assess(465.0, 20, 360.0)
    assert result.verdict is Verdict.UNREALISTIC
    assert result.reason == (
        "6:00 is unrealistic from a 7:45 test mile in 8 weeks: reasonable down to about 6:50, "
        "ambitious down to about 6:17 at your level. "
        "The plan trains and races for 7:00; you can choose to keep 6:00 instead.")


def test_base_weeks_and_sex_are_mentioned() -> None:
    reason = assess(600.0, 5, base_weeks=7, sex=Sex.FEMALE).reason
    assert "7 weeks of easy running build you to at least 15" in reason
    assert "slower than the average mile for women (7:44, How to Run a Faster Mile)" in reason


def test_fewer_weeks_than_the_seed_is_judged_by_the_model() -> None:
    assert assess(480.0, 20, 420.0, block_weeks=6).verdict is Verdict.AMBITIOUS
    assert suggest_goal(480.0, 6) > 420.0  # trimmed to what 6 weeks make reasonable


def test_goal_outside_the_model_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="goal must be a mile time from 3:43 to 15:00"):
        assess(465.0, 20, 1200.0)


tests = st.floats(240.0, 900.0)


@given(tests, st.floats(230.0, 900.0), st.floats(230.0, 900.0), st.integers(6, 30))
def test_a_faster_goal_is_never_judged_easier(test_s: float, a: float, b: float,
                                              weeks: int) -> None:
    fast, slow = sorted((a, b))
    judged = [SEVERITY.index(assess(test_s, 20, g, block_weeks=weeks).verdict)
              for g in (slow, fast)]
    assert judged[0] <= judged[1]


@given(tests, tests, st.integers(6, 30))
def test_suggestions_are_faster_and_in_order(a: float, b: float, weeks: int) -> None:
    slow, fast = max(a, b), min(a, b)
    assert suggest_goal(fast, weeks) <= suggest_goal(slow, weeks)
    assert suggest_goal(slow, weeks) < slow


@given(tests, st.integers(1, 29))
def test_more_weeks_allow_more(test_s: float, weeks: int) -> None:
    assert gain_limits(test_s, weeks)[0] < gain_limits(test_s, weeks + 1)[0]
    reasonable, ambitious = gain_limits(test_s, weeks)
    assert 0 < reasonable < ambitious
