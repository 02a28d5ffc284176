"""The activity value: columns, distance filling, moving time, splits, weekly volume."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import numpy as np
import pytest

from miler.domain.activity import (
    Activity,
    haversine_m,
    km_splits,
    splits,
    weekly_volume,
)
from miler.domain.units import METERS_PER_MILE
from miler.errors import InvalidInputError
from tests.domain.runs import START, columns, gap, run


def test_columns_missing_from_the_file_are_nan() -> None:
    activity = run([(10.0, 4.0)])
    assert activity.samples == 11
    assert np.isnan(activity.cadence).all()
    assert np.isnan(activity.lat).all()


def test_columns_of_different_lengths_are_refused() -> None:
    with pytest.raises(InvalidInputError, match="heart_rate must be a 1-D array of 3 samples"):
        Activity.from_columns("x", "running", {"time_s": [0, 1, 2], "heart_rate": [1, 2]})


def test_start_time_must_be_utc() -> None:
    cet = datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=1)))
    with pytest.raises(InvalidInputError, match="start_time must be a UTC datetime"):
        Activity.from_columns("x", "running", {"time_s": [0, 1]}, start_time=cet)


def test_time_must_not_go_backwards() -> None:
    with pytest.raises(InvalidInputError, match="time_s must never go backwards"):
        Activity.from_columns("x", "running", {"time_s": [0, 2, 1]})


def test_one_degree_of_latitude_is_111_195_m() -> None:
    # R * pi / 180 with the mean Earth radius 6,371,008.8 m.
    d = haversine_m(np.array([0.0, 1.0]), np.array([10.0, 10.0]))
    assert d[-1] == pytest.approx(111_195.08, abs=0.01)


def test_distance_comes_from_gps_when_the_file_has_none() -> None:
    lat = np.array([50.0, 50.001, np.nan, 50.002])
    activity = Activity.from_columns("x", "running", {"time_s": [0, 60, 120, 180], "lat": lat,
                                                       "lon": np.zeros(4)})
    assert activity.distance_m == pytest.approx([0.0, 111.195, 111.195, 222.390], abs=0.01)


def test_a_gps_spike_adds_no_distance() -> None:
    lat = np.array([50.0, 50.00003, 50.01, 50.00006, 50.00009])  # the third fix is 1 km off
    activity = Activity.from_columns("x", "running", {"time_s": [0, 1, 2, 3, 4], "lat": lat,
                                                       "lon": np.zeros(5)})
    assert activity.distance_m[-1] == pytest.approx(2 * 3.336, abs=0.01)


def test_distance_comes_from_speed_without_gps() -> None:
    activity = Activity.from_columns("x", "running", {"time_s": [0, 2, 4],
                                                       "speed_m_s": [3.0, 3.0, 4.0]})
    assert activity.distance_m == pytest.approx([0.0, 6.0, 14.0])


def test_elapsed_counts_pauses_and_moving_time_does_not() -> None:
    cols = columns([(100.0, 4.0), (100.0, 4.0)])
    gap(cols, after_s=100.0, pause_s=300.0)
    activity = Activity.from_columns("x", "running", cols, start_time=START)
    assert activity.elapsed_s == pytest.approx(500.0)
    assert activity.moving_s == pytest.approx(199.0)  # the second after the pause is lost too
    assert activity.total_distance_m == pytest.approx(800.0)


def test_timer_time_from_the_file_is_the_moving_time() -> None:
    assert run([(100.0, 4.0)], timer_s=97.5).moving_s == 97.5


def test_standing_still_is_not_moving() -> None:
    activity = run([(100.0, 4.0), (60.0, 0.0), (100.0, 4.0)])
    assert activity.moving_s == pytest.approx(200.0)


def test_mile_splits_at_constant_pace() -> None:
    found = splits(run([(1250.0, 4.0)]))  # 5 km at 4 m/s
    assert [s.number for s in found] == [1, 2, 3, 4]
    for split in found[:3]:
        assert split.distance_m == pytest.approx(METERS_PER_MILE)
        assert split.elapsed_s == pytest.approx(METERS_PER_MILE / 4)
    assert found[3].distance_m == pytest.approx(5000 - 3 * METERS_PER_MILE)
    assert found[3].end_offset_s == pytest.approx(1250.0)


def test_km_splits_follow_the_pace_changes() -> None:
    found = km_splits(run([(250.0, 4.0), (200.0, 5.0)]))
    assert [round(s.elapsed_s, 6) for s in found] == [250.0, 200.0]


def test_split_distance_must_be_positive() -> None:
    with pytest.raises(InvalidInputError, match="split distance must be a positive"):
        splits(run([(10.0, 4.0)]), 0.0)


def test_weekly_volume_counts_monday_to_sunday_weeks_up_to_today() -> None:
    today = date(2026, 5, 13)  # a Wednesday
    runs = [(date(2026, 5, 11), 5000.0), (date(2026, 5, 10), 8000.0),
            (date(2026, 5, 4), 3000.0), (date(2026, 5, 14), 9999.0),  # tomorrow: not yet
            (date(2026, 1, 1), 1.0)]  # long before the window
    weeks = weekly_volume(runs, today, weeks=3)
    assert [w.week_start for w in weeks] == [date(2026, 4, 27), date(2026, 5, 4),
                                            date(2026, 5, 11)]
    assert [w.distance_m for w in weeks] == [0.0, 11000.0, 5000.0]
    assert [w.runs for w in weeks] == [0, 2, 1]
    assert weeks[1].miles == pytest.approx(11000 / METERS_PER_MILE)


def test_weekly_volume_needs_a_week() -> None:
    with pytest.raises(InvalidInputError, match="weeks must be at least 1, got 0"):
        weekly_volume([], date(2026, 1, 1), weeks=0)


def test_the_local_date_uses_the_watchs_offset_from_utc() -> None:
    late = datetime(2026, 5, 4, 2, 30, tzinfo=UTC)  # 22:30 the evening before in New York
    activity = Activity.from_columns("x", "running", {"time_s": [0, 1]}, start_time=late,
                                     utc_offset_s=-4 * 3600)
    assert activity.local_date == date(2026, 5, 3)
    no_offset = Activity.from_columns("x", "running", {"time_s": [0, 1]}, start_time=late)
    assert no_offset.local_date == date(2026, 5, 4)
