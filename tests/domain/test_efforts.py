"""Best efforts: known answers on synthetic runs, and never slower than brute force."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from miler.domain.activity import PAUSE_S, Activity, Lap, Session, without_jumps
from miler.domain.efforts import (
    MAX_SPEED_M_S,
    STANDARD_DISTANCES,
    best_efforts,
    best_efforts_of,
    recognise_mile_test,
)
from miler.domain.units import METERS_PER_MILE
from tests.domain.runs import START, columns, gap, run

TOL = 1e-6  # seconds: the synthetic answers are exact up to float rounding


def test_constant_pace_every_distance_takes_distance_over_speed() -> None:
    efforts = best_efforts(run([(1500.0, 4.0)]))  # 6 km at 4 m/s
    assert set(efforts) == set(STANDARD_DISTANCES)
    for name, length in STANDARD_DISTANCES.items():
        assert efforts[name].elapsed_s == pytest.approx(length / 4.0, abs=TOL)
        assert efforts[name].distance_m == length


def test_a_fast_mile_in_the_middle_is_found_where_it_was_run() -> None:
    warm, fast, cool = 2000 / 3.0, METERS_PER_MILE / 5.0, 2000 / 3.0
    efforts = best_efforts(run([(warm, 3.0), (fast, 5.0), (cool, 3.0)], hz=2))
    assert efforts["mile"].elapsed_s == pytest.approx(fast, abs=TOL)
    assert efforts["mile"].start_offset_s == pytest.approx(warm, abs=TOL)
    assert efforts["400m"].elapsed_s == pytest.approx(80.0, abs=TOL)
    # 2 miles: the fast mile plus the best adjoining mile at 3 m/s.
    assert efforts["2mile"].elapsed_s == pytest.approx(fast + METERS_PER_MILE / 3.0, abs=TOL)


def test_window_ends_interpolate_between_sparse_samples() -> None:
    # One sample every 10 s at 4 m/s: 400 m ends between samples yet is exactly 100 s.
    efforts = best_efforts(run([(1000.0, 4.0)], hz=0.1))
    assert efforts["400m"].elapsed_s == pytest.approx(100.0, abs=TOL)
    assert efforts["mile"].elapsed_s == pytest.approx(METERS_PER_MILE / 4.0, abs=TOL)


def test_a_window_never_spans_a_long_pause() -> None:
    cols = columns([(250.0, 4.0), (250.0, 4.0)])  # 1 km + 1 km at 4 m/s
    gap(cols, after_s=250.0, pause_s=120.0)
    activity = Activity.from_columns("synthetic", "running", cols, start_time=START)
    efforts = best_efforts(activity)
    assert efforts["1km"].elapsed_s == pytest.approx(250.0, abs=TOL)
    assert "mile" not in efforts  # no mile without the pause in it


def test_a_short_stop_stays_inside_the_window() -> None:
    cols = columns([(250.0, 4.0), (250.0, 4.0)])
    gap(cols, after_s=250.0, pause_s=PAUSE_S - 10)  # 20 s at a crossing: still one run
    efforts = best_efforts(Activity.from_columns("synthetic", "running", cols))
    assert efforts["mile"].elapsed_s == pytest.approx(METERS_PER_MILE / 4.0 + 20.0, abs=1e-6)


def test_gps_noise_on_distance_moves_the_best_mile_by_seconds_at_most() -> None:
    rng = np.random.default_rng(7)
    cols = columns([(1500.0, 4.0)])
    cols["distance_m"] = cols["distance_m"] + rng.normal(0.0, 2.0, cols["distance_m"].size)
    mile = best_efforts(Activity.from_columns("synthetic", "running", cols))["mile"]
    # Jitter of 2 m (1 sigma) at each end can shorten a mile by ~10 m: 2.5 s at 4 m/s.
    assert mile.elapsed_s == pytest.approx(METERS_PER_MILE / 4.0, abs=3.0)


def test_a_gps_jump_is_not_a_world_record() -> None:
    cols = columns([(600.0, 4.0)])
    cols["distance_m"][300:] += 1000.0  # the track teleports 1 km in one second
    efforts = best_efforts(Activity.from_columns("synthetic", "running", cols))
    assert efforts["400m"].elapsed_s >= 400.0 / MAX_SPEED_M_S


def test_average_heart_rate_is_over_the_window() -> None:
    warm, fast = 2000 / 3.0, METERS_PER_MILE / 5.0
    activity = run([(warm, 3.0), (fast, 5.0), (warm, 3.0)], heart_rate=[140, 180, 150])
    assert best_efforts(activity)["mile"].avg_heart_rate == pytest.approx(180.0, abs=0.5)


def test_multisport_counts_only_the_running_session() -> None:
    # 20 min on the bike at 10 m/s, then 20 min running at 4 m/s.
    sessions = (Session("cycling", "road", 0.0, 1200.0, 12000.0),
                Session("running", None, 1201.0, 1199.0, 4800.0))
    activity = run([(1200.0, 10.0), (1200.0, 4.0)], sport="multisport", sessions=sessions)
    efforts = best_efforts(activity)
    assert efforts["mile"].elapsed_s == pytest.approx(METERS_PER_MILE / 4.0, abs=TOL)
    assert activity.running_distance_m == 4800.0  # the running session's own total


def test_other_sports_have_no_best_efforts() -> None:
    assert best_efforts(run([(1000.0, 8.0)], sport="cycling")) == {}


def test_a_run_shorter_than_400m_has_none() -> None:
    assert best_efforts(run([(90.0, 4.0)])) == {}


@st.composite
def _runs(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    n = draw(st.integers(2, 60))
    dt = draw(st.lists(st.floats(0.2, 40.0), min_size=n - 1, max_size=n - 1))
    dd = draw(st.lists(st.one_of(st.just(0.0), st.floats(0.0, 40.0)), min_size=n - 1,
                       max_size=n - 1))
    return (np.concatenate(([0.0], np.cumsum(dt))), np.concatenate(([0.0], np.cumsum(dd))))


def test_a_distance_jump_is_no_one_s_best_mile() -> None:
    # 4 m/s for 10 minutes with a 2 km jump in one second (a glitch): no 1 km under 250 s.
    t = np.arange(0.0, 601.0)
    d = 4.0 * t + np.where(t >= 300.0, 2000.0, 0.0)
    found = best_efforts_of(t, d, distances={"1k": 1000.0})
    assert found["1k"].elapsed_s == pytest.approx(250.0, abs=1.0)


def _brute_force(t: np.ndarray, d: np.ndarray, length: float) -> float | None:
    d = without_jumps(t, d)[0]  # jumps over 12 m/s are recording glitches (test below)
    best = None
    for i in range(t.size):
        for j in range(i + 1, t.size):
            if np.diff(t[i:j + 1]).max() > PAUSE_S:
                break
            if d[j] - d[i] >= length and t[j] - t[i] >= length / MAX_SPEED_M_S:
                best = t[j] - t[i] if best is None else min(best, t[j] - t[i])
                break
    return best


@given(_runs())
def test_best_effort_is_never_slower_than_any_brute_force_window(
        sampled: tuple[np.ndarray, np.ndarray]) -> None:
    t, d = sampled
    found = best_efforts_of(t, d, distances={"x": 100.0})
    brute = _brute_force(t, d, 100.0)
    if brute is not None:
        assert "x" in found
        assert found["x"].elapsed_s <= brute + 1e-9


@given(_runs())
def test_best_effort_is_a_real_window(sampled: tuple[np.ndarray, np.ndarray]) -> None:
    t, d = sampled
    found = best_efforts_of(t, d, distances={"x": 100.0}).get("x")
    if found is not None:
        start = found.start_offset_s
        end = start + found.elapsed_s
        covered = np.interp(end, t, d) - np.interp(start, t, d)
        assert covered >= 100.0 - 1e-6
        assert found.elapsed_s >= 100.0 / MAX_SPEED_M_S


@given(_runs(), st.lists(st.booleans(), min_size=60, max_size=60))
def test_one_search_answers_both_sets_of_distances_as_two_would(
        sampled: tuple[np.ndarray, np.ndarray], running: list[bool]) -> None:
    """The activity's distances and the fitness estimate's, found from one EffortSearch
    (the import's stored analysis and the history scan), equal two searches made apart."""
    from miler.domain.efforts import EffortSearch
    from miler.domain.fitness_efforts import FITNESS_DISTANCES

    t, d = sampled
    hr = 120.0 + d % 50.0
    mask = np.array(running[:t.size])
    search = EffortSearch(t, d, hr, mask)
    assert search.best() == best_efforts_of(t, d, hr, mask)
    fitness = {k: (e.distance_m, e.elapsed_s, e.start_offset_s)
               for k, e in search.best(FITNESS_DISTANCES).items()}
    alone = best_efforts_of(t * 1.0, d * 1.0, None, mask, FITNESS_DISTANCES)
    assert fitness == {k: (e.distance_m, e.elapsed_s, e.start_offset_s)
                       for k, e in alone.items()}


def test_a_test_mile_between_warm_up_and_cool_down_is_recognised() -> None:
    activity = run([(1200.0, 2.8), (METERS_PER_MILE / 3.9, 3.9), (600.0, 2.6)])
    test = recognise_mile_test(activity)
    assert test is not None
    assert test.time_s == pytest.approx(METERS_PER_MILE / 3.9, abs=TOL)
    assert test.start_offset_s == pytest.approx(1200.0, abs=TOL)
    assert "faster than the rest of the run" in test.reason


def test_a_steady_run_is_not_a_test_mile() -> None:
    assert recognise_mile_test(run([(2400.0, 3.0)])) is None


def test_a_hard_mile_lap_is_a_test_mile() -> None:
    laps = (Lap(0.0, 600.0, 1800.0), Lap(600.0, 400.0, 1609.0), Lap(1000.0, 500.0, 1500.0))
    activity = run([(600.0, 3.0), (400.0, 1609.0 / 400.0), (500.0, 3.0)], laps=laps)
    test = recognise_mile_test(activity)
    assert test is not None
    assert "1609 m lap" in test.reason
    assert test.time_s == pytest.approx(400.0 * METERS_PER_MILE / 1609.0, abs=TOL)


def test_a_fast_first_mile_before_a_fade_is_not_a_test() -> None:
    # No warm-up: the runner started fast and slowed down.
    assert recognise_mile_test(run([(METERS_PER_MILE / 3.9, 3.9), (1500.0, 2.6)])) is None


def test_auto_laps_every_mile_are_not_a_test_mile() -> None:
    laps = tuple(Lap(400.0 * k, 400.0 if k else 360.0, METERS_PER_MILE) for k in range(3))
    activity = run([(360.0, METERS_PER_MILE / 360.0), (800.0, METERS_PER_MILE / 400.0)],
                   laps=laps)
    assert recognise_mile_test(activity) is None


def test_an_interval_session_is_not_a_test_mile() -> None:
    # Warm-up, then 400 m fast (80 s) / 400 m steady (110 s) twice, then a cool-down: the best
    # mile is much faster than the rest, but it is uneven.
    stretches = [(1200.0, 2.8)] + [(80.0, 5.0), (110.0, 400 / 110)] * 3 + [(600.0, 2.6)]
    assert recognise_mile_test(run(stretches)) is None


def test_a_tempo_run_is_not_a_test_mile() -> None:
    # Warm-up, then three hard miles at one pace: the best 2 miles are as fast as the best mile.
    stretches = [(1200.0, 2.8), (3 * METERS_PER_MILE / 3.9, 3.9), (600.0, 2.6)]
    assert recognise_mile_test(run(stretches)) is None


def test_a_fast_mile_downhill_is_not_a_test_mile() -> None:
    activity = run([(1200.0, 2.8), (METERS_PER_MILE / 3.9, 3.9), (600.0, 2.6)])
    start, end = 1200, 1200 + round(METERS_PER_MILE / 3.9)  # 1 Hz samples of the fast mile
    activity.altitude[:start] = 300.0
    activity.altitude[start:end + 1] = np.linspace(300.0, 260.0, end + 1 - start)  # 40 m down
    activity.altitude[end + 1:] = 260.0
    assert recognise_mile_test(activity) is None
