"""Track detection and correction on synthetic runs seen through a watch's GPS error model
(tests/domain/track_runs.py), on the real Fenix 6 track session, and on runs that are not
on a standard track."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from miler.domain.track import correct_track, lane_length_m, lane_radius_m
from tests.conftest import CORPUS
from tests.domain.track_runs import (
    GOOD,
    POOR,
    Gps,
    oval_path,
    park_path,
    road_path,
    run_on,
    track_run,
)

FENIX = Path(__file__).resolve().parents[1] / "data" / "track-fenix6.fit"


def test_the_standard_geometry() -> None:
    # World Athletics: lane 1 is 400.00 m; each lane out adds 2 pi 1.22 m (7.67 m).
    assert lane_length_m(1) == pytest.approx(400.0, abs=0.01)
    assert lane_radius_m(1) == pytest.approx(36.80)
    assert lane_radius_m(2) == pytest.approx(37.92)
    assert lane_length_m(2) - lane_length_m(1) == pytest.approx(2 * math.pi * 1.12, abs=1e-9)
    assert lane_length_m(3) - lane_length_m(2) == pytest.approx(2 * math.pi * 1.22, abs=1e-9)


def _reps(metres: float, count: int, jog_m: float = 200.0) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for k in range(count):
        out.append((metres, 6.0))
        if k < count - 1:
            out.append((jog_m, 2.8))
    return out


# A steady run joins the track from a road warm-up and ends with a walk: a watch's filter
# lags by a constant time only once it has settled, as it has after any real start.
STEADY = [(4000.0, 4.0), (60.0, 1.2)]

# (lane, stretches, gps, seed, latitude, orientation, road warm-up metres)
ALL = [
    (1, STEADY, GOOD, 1, 0.0, 0.0, 800.0),
    (2, STEADY, GOOD, 2, 45.0, 1.1, 800.0),
    (3, STEADY, GOOD, 3, 65.0, 2.2, 800.0),
    (1, _reps(400.0, 6), GOOD, 4, -33.9, 0.7, 1500.0),
    (2, _reps(800.0, 4, 400.0), GOOD, 5, 60.0, 2.9, 1200.0),
    (3, _reps(400.0, 6), GOOD, 6, 10.0, 1.6, 1000.0),
    (1, STEADY, POOR, 7, 51.5, 0.4, 800.0),
    (1, _reps(400.0, 6), POOR, 8, 40.0, 2.5, 1500.0),
    (2, STEADY, POOR, 12, 35.0, 1.9, 800.0),
    (3, STEADY, POOR, 9, 65.0, 0.0, 800.0),
    (3, _reps(800.0, 4, 400.0), POOR, 10, -45.0, 1.2, 800.0),
]


def _errors(case: tuple) -> tuple[float, float, list[float], int]:  # type: ignore[type-arg]
    lane, stretches, gps, seed, lat, angle, warm = case
    activity, truth = track_run(lane, stretches, gps, seed, lat=lat, angle=angle,
                                warm_up_m=warm)
    part = correct_track(activity.time_s, activity.distance_m, activity.lat, activity.lon)
    assert part is not None
    true_m = truth.distance_m
    errors = []
    for start, split, metres in truth.laps():
        if abs(metres - 400.0) > 1e-6:
            continue  # full laps only
        lap = min(part.laps, key=lambda lap: abs(lap.start_s - start))
        errors.append(lap.split_s - split)
    return ((part.track_distance_m - true_m) / true_m,
            (part.gps_distance_m - true_m) / true_m, errors, part.lane)


@pytest.mark.parametrize("case", ALL, ids=lambda c: f"lane{c[0]}-seed{c[3]}")
def test_track_runs_are_corrected(case: tuple) -> None:  # type: ignore[type-arg]
    corrected, _, errors, lane = _errors(case)
    assert lane == case[0]
    assert abs(corrected) <= 0.01  # the issue: on-track distance within 1 % of the truth
    assert errors
    assert max(abs(e) for e in errors) <= 2.0  # every full lap within 2 s


def test_lap_splits_median_error_and_raw_gps_alongside() -> None:
    """Across every case: the median full-lap error is at most 0.5 s, and the corrected
    distance is within 1 % where the raw GPS of the same runs is not (the figures of
    docs/track.md)."""
    rows = {case[3]: _errors(case) for case in ALL}
    laps = np.abs(np.concatenate([r[2] for r in rows.values()]))
    assert float(np.median(laps)) <= 0.5
    assert max(abs(r[0]) for r in rows.values()) < 0.01
    assert max(abs(r[1]) for r in rows.values()) > 0.02  # raw GPS: up to 4.6 % out


def test_the_fenix_track_session_is_not_made_worse() -> None:
    from miler.adapters.files import read_activity

    activity = read_activity(FENIX)
    anchors = np.array([lap.start_offset_s for lap in activity.laps])
    part = correct_track(activity.time_s, activity.distance_m, activity.lat, activity.lon,
                         anchors, track_mode=activity.sub_sport == "track")
    assert part is not None
    full = [lap for lap in part.laps if lap.distance_m > 300]
    assert len(full) == 16  # 16 laps of about 400 m, as the watch's auto-laps
    assert all(abs(lap.distance_m - 400.0) <= 4.0 for lap in full)  # within 1 %
    assert part.track_distance_m == pytest.approx(activity.total_distance_m, rel=0.001)


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is absent")
def test_the_corpus_copy_is_the_same_file() -> None:
    original = CORPUS / "fit" / "rust_fit_file" / "20210610_track_garmin_fenix_6.fit"
    assert original.read_bytes() == FENIX.read_bytes()


@pytest.mark.parametrize("path", [road_path(), oval_path(50.0, 31.8), oval_path(30.0, 22.0),
                                  park_path()], ids=["road", "300m", "200m", "park"])
@pytest.mark.parametrize("gps", [GOOD, POOR], ids=["good", "poor"])
def test_not_a_standard_track(path, gps: Gps) -> None:  # type: ignore[no-untyped-def]
    activity, _ = run_on(path, [(5000.0, 3.5)], gps, np.random.default_rng(3))
    assert correct_track(activity.time_s, activity.distance_m, activity.lat,
                         activity.lon) is None


def test_too_few_samples_or_no_positions() -> None:
    t = np.arange(30.0)
    assert correct_track(t, t * 3, np.full(30, np.nan), np.full(30, np.nan)) is None
    t = np.arange(100.0)
    assert correct_track(t, t * 3, np.full(100, np.nan), np.full(100, np.nan)) is None


@pytest.mark.parametrize("path", [road_path(), park_path()], ids=["road", "park"])
def test_road_and_park_runs_are_turned_away_by_the_cheap_test(path) -> None:  # type: ignore[no-untyped-def]
    """No full turn within 480 m of route: refused before any fit (under 1 ms for 3000
    samples, against 50-100 ms for the fit; docs/track.md)."""
    from miler.domain.track import _goes_round
    from miler.domain.track_fit import local_metres

    activity, _ = run_on(path, [(10000.0, 3.5)], POOR, np.random.default_rng(3))
    assert not _goes_round(*local_metres(activity.lat, activity.lon))
    track, _ = track_run(1, STEADY, POOR, 7)
    assert _goes_round(*local_metres(track.lat, track.lon))


def test_a_few_metres_over_a_lap_are_no_lap_of_their_own() -> None:
    """A jog read 406 m long (its end placed off the pace change a second late) is one lap
    of 406 m, not 400 m and a 6 m stub; where a lap press ends it, the runner said so."""
    from miler.domain.track import _laps
    from tests.domain.runs import columns

    cols = columns([(400 / 6.0, 6.0), (406 / 2.5, 2.5), (400 / 6.0, 6.0), (120.0, 2.5)])
    t, d = cols["time_s"], cols["distance_m"]
    on = np.ones(t.size, dtype=bool)
    laps, _ = _laps(t, d, on, None)
    assert [round(lap.distance_m) for lap in laps][:3] == [400, 406, 400]
    pressed = np.array([400 / 6.0 + 406 / 2.5])
    laps, _ = _laps(t, d, on, pressed)
    assert [round(lap.distance_m) for lap in laps][:4] == [400, 400, 6, 400]


@given(slope=st.floats(0.01, 100.0), root=st.floats(-50.0, 60.0), lag=st.floats(0.5, 30.0))
def test_the_smoothing_lag_is_found_within_its_bounds_and_never_divides_by_zero(
        slope: float, root: float, lag: float) -> None:
    # A gap rising with the lag through ``root``. A root past the bound holds the secant
    # there, and its next step from the same lag once divided by zero (Hypothesis found it
    # in generated track runs).
    from miler.domain.track import _MAX_LAG_S, _least_gap

    found = _least_gap(lambda s: slope * (s - root), lag)
    assert 0.0 <= found <= max(lag, _MAX_LAG_S)
    if lag <= _MAX_LAG_S:
        # a line: one secant step lands on its root (it stops within 0.05 m of gap of it),
        # else on the bound nearest it
        assert found == pytest.approx(min(max(root, 0.0), _MAX_LAG_S), abs=0.05 / slope + 1e-6)
