"""Equivalence models against numbers computed from the published equations."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from miler.domain.equivalence import (
    DG_MAX_DISTANCE_M,
    DG_MIN_DISTANCE_M,
    cameron_time,
    daniels_score,
    daniels_time,
    duration_distance,
    fit_riegel_exponent,
    riegel_time,
)
from miler.domain.units import METERS_PER_MILE
from miler.errors import InvalidInputError

MILE = METERS_PER_MILE


@pytest.mark.parametrize(
    ("mile_s", "score"),
    # The worked examples, one decimal (DESIGN.md's Daniels–Gilbert equations).
    [(420, 40.7), (360, 48.4), (480, 35.1), (540, 30.7)],
)
def test_daniels_score_of_a_mile(mile_s: float, score: float) -> None:
    assert daniels_score(MILE, mile_s) == pytest.approx(score, abs=0.05)


def test_a_seven_minute_mile_is_a_23_44_five_k() -> None:
    # 7:00 mile -> score 40.74 -> 5 km 23:43.9; tolerance half a second.
    assert daniels_time(daniels_score(MILE, 420), 5000) == pytest.approx(23 * 60 + 44, abs=0.5)


def test_daniels_score_matches_the_published_score_50_row() -> None:
    # Daniels' tables list 19:57 for 5 km and 3:10:49 for the marathon at a score of 50,
    # rounded to the second: the equations give 50 within 0.1.
    assert daniels_score(5000, 19 * 60 + 57) == pytest.approx(50, abs=0.1)
    assert daniels_score(42195, 3 * 3600 + 10 * 60 + 49) == pytest.approx(50, abs=0.1)


def test_riegel_and_cameron_worked_examples() -> None:
    # Riegel: 420 s x (5000 / 1609.344)^1.06 = 1396.7 s; Cameron (miles): 1445.6 s.
    assert riegel_time(420, MILE, 5000) == pytest.approx(1396.7, abs=0.1)
    assert cameron_time(420, MILE, 5000) == pytest.approx(1445.6, abs=0.1)


def test_a_twenty_minute_race_distance() -> None:
    score = daniels_score(MILE, 420)
    assert daniels_time(score, duration_distance(score, 1200)) == pytest.approx(1200, abs=0.01)


mile_times = st.floats(min_value=230, max_value=900)
distances = st.floats(min_value=DG_MIN_DISTANCE_M, max_value=DG_MAX_DISTANCE_M)


@given(mile_times, distances)
def test_daniels_inverse_round_trip(mile_s: float, distance_m: float) -> None:
    score = daniels_score(MILE, mile_s)
    assert daniels_time(score, MILE) == pytest.approx(mile_s, abs=0.01)
    time_s = daniels_time(score, distance_m)
    assert daniels_score(distance_m, time_s) == pytest.approx(score, rel=1e-5)


@given(mile_times, st.floats(min_value=0.5, max_value=20))
def test_a_faster_time_scores_higher(mile_s: float, faster_by: float) -> None:
    assert daniels_score(MILE, mile_s - faster_by) > daniels_score(MILE, mile_s)


@given(st.floats(min_value=25, max_value=70), distances, st.floats(min_value=1.01, max_value=3))
def test_a_longer_distance_takes_longer(score: float, distance_m: float, factor: float) -> None:
    longer = min(distance_m * factor, DG_MAX_DISTANCE_M)
    if longer > distance_m * 1.001:
        assert daniels_time(score, longer) > daniels_time(score, distance_m)
        assert cameron_time(600, 3000, longer) > cameron_time(600, 3000, distance_m)


@given(st.floats(min_value=210, max_value=13_800), st.floats(min_value=400, max_value=42_195))
def test_riegel_to_the_same_distance_is_identity(time_s: float, distance_m: float) -> None:
    assert riegel_time(time_s, distance_m, distance_m) == time_s


@given(st.floats(min_value=1.01, max_value=1.3), st.floats(min_value=300, max_value=600))
def test_personal_exponent_recovers_riegel(k: float, mile_s: float) -> None:
    five_k = riegel_time(mile_s, MILE, 5000, k=k)
    assert fit_riegel_exponent(MILE, mile_s, 5000, five_k) == pytest.approx(k, rel=1e-9)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: daniels_score(MILE, -5), "time must be a positive number of seconds, got -5"),
        (lambda: daniels_score(400, 60),
         "distance must be within Daniels–Gilbert's range 1500–42195 m, got 400"),
        (lambda: daniels_score(MILE, 100), "gives a Daniels–Gilbert score of"),
        (lambda: daniels_time(math.nan, 5000), "score must be within 15–90, got nan"),
        (lambda: riegel_time(420, MILE, 100_000), "to distance must be within Riegel's range"),
        (lambda: riegel_time(420, MILE, 400), "predicted time must be within Riegel's range"),
        (lambda: riegel_time(420, MILE, 5000, k=0.9), "exponent must be between 1 and 2"),
        (lambda: cameron_time(420, MILE, 400), "to distance must be within Cameron's range"),
        (lambda: fit_riegel_exponent(MILE, 420, 5000, 1200),
         "results must give a personal exponent between 1 and 2"),
        (lambda: fit_riegel_exponent(MILE, 420, 1610, 421), "must differ from the first"),
    ],
)
def test_out_of_range_is_refused_with_the_value_and_range(call, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInputError, match=message.replace("(", r"\(")):
        call()


@pytest.mark.parametrize(("distance_m", "record_s"), [
    (100.0, 9.58), (400.0, 43.03), (800.0, 100.91), (1500.0, 206.0), (1609.344, 223.13),
    (5000.0, 755.36), (10000.0, 1571.0), (21097.5, 3451.0), (42195.0, 7235.0)])
def test_the_bar_for_a_logged_result_is_never_above_a_world_record(distance_m: float,
                                                                   record_s: float) -> None:
    # World Athletics records (men, 2024), within 1 s of the mile's, never above any.
    from miler.domain.equivalence import check_result, record_time_s

    assert record_time_s(distance_m) <= record_s + 0.01
    check_result(distance_m, record_s)  # the record itself is possible
    with pytest.raises(InvalidInputError, match="must be slower than the world record"):
        check_result(distance_m, record_time_s(distance_m) * 0.99)
