"""The track's cheap test (``track._goes_round``) turns runs away before any fit. It must
never turn away a run the fit would have found a track in: checked on every running file
of the corpus and on generated track runs, by running the whole correction with and
without the test's extent check (``_fits_a_track``)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from miler.domain import track
from miler.domain.activity import Activity
from miler.domain.track import correct_track
from miler.domain.track_fit import MAX_ACROSS_M, MAX_SPAN_M, STRAIGHT_M, local_metres
from tests.adapters.catalogue import manifest
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


@contextmanager
def _no_extent_check(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with monkeypatch.context() as patched:
        patched.setattr(track, "_fits_a_track", lambda *_: True)
        yield


def _found_without_the_check(activity: Activity, monkeypatch: pytest.MonkeyPatch) -> bool:
    with _no_extent_check(monkeypatch):
        return correct_track(activity.time_s - activity.time_s[0], activity.distance_m,
                             activity.lat, activity.lon) is not None


def _passes(activity: Activity) -> bool:
    return track._goes_round(*local_metres(activity.lat, activity.lon))


def test_the_span_is_the_widest_track_the_fit_accepts() -> None:
    # the straights, two bends of lane 8's line plus 1 m and 3 m more, and 3 x 7 m of reach
    widest_bend = 36.5 + 8 * 1.22 + 1.0 + 3.0
    expected = STRAIGHT_M + 2 * (widest_bend + 21.0)
    assert float(MAX_SPAN_M) == pytest.approx(expected)
    # across the straights: the widest bend and the reach on both sides; seen from the
    # nearest of eight directions (at most 11.25 degrees off), the straights add their sine
    assert float(MAX_ACROSS_M) == pytest.approx(2 * (widest_bend + 21.0))
    assert float(track._NARROW_M) == pytest.approx(MAX_ACROSS_M + STRAIGHT_M * math.sin(
        math.radians(11.25)))


@pytest.mark.parametrize("angle", [0.0, math.pi / 16, math.pi / 8, 1.0])
@pytest.mark.parametrize("lane", [1, 8])
def test_the_narrow_width_holds_a_track_at_any_angle(lane: int, angle: float) -> None:
    """The widest track the fit accepts (lane 8's bends and the full reach) is no wider
    than ``_NARROW_M`` from the nearest of the eight directions, however it lies."""
    from miler.domain.track_fit import lane_radius_m

    reach = 21.0
    radius = lane_radius_m(lane) + 1.0 + 3.0 + reach
    u = np.concatenate((np.linspace(-STRAIGHT_M / 2, STRAIGHT_M / 2, 50),) * 2
                       + (STRAIGHT_M / 2 + radius * np.cos(np.linspace(-1.6, 1.6, 90)),
                          -STRAIGHT_M / 2 - radius * np.cos(np.linspace(-1.6, 1.6, 90))))
    v = np.concatenate((np.full(50, -radius), np.full(50, radius),
                        radius * np.sin(np.linspace(-1.6, 1.6, 90)),
                        radius * np.sin(np.linspace(-1.6, 1.6, 90))))
    x, y = u * math.cos(angle) - v * math.sin(angle), u * math.sin(angle) + v * math.cos(angle)
    assert track._fits_a_track(x, y, np.array([0]), x.size)


def test_a_loop_wider_than_a_track_is_turned_away() -> None:
    """A round loop of 170 m across (a park's): within a track's span every way, but in no
    direction as narrow as a track's straights; the fit found no track in such loops."""
    activity, _ = run_on(oval_path(0.0, 85.0), [(3000.0, 3.5)], GOOD, np.random.default_rng(5))
    assert not _passes(activity)
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert not _found_without_the_check(activity, monkeypatch)


def _corpus_runs() -> list[str]:
    return [e["path"] for e in manifest() if e.get("running") and e.get("gps", True)
            and e["format"] in {"fit", "gpx", "tcx"}]


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is absent")
def test_no_corpus_run_loses_its_track(monkeypatch: pytest.MonkeyPatch) -> None:
    from miler.adapters.files import read_activity
    from miler.errors import ActivityFileError

    checked = turned_away = 0
    for path in _corpus_runs():
        try:
            activity = read_activity(CORPUS / path)
        except ActivityFileError:
            continue
        if activity.sub_sport == "track" or np.isfinite(activity.lat).sum() < 60:
            continue  # a watch's own track mode, or no positions: no cheap test
        checked += 1
        if not _passes(activity):
            turned_away += 1
            assert not _found_without_the_check(activity, monkeypatch), path
    assert checked >= 60  # 62 running files with positions
    assert turned_away >= 55  # 55 of them stop at the cheap test (53 by the span alone)


@pytest.mark.parametrize("gps", [GOOD, POOR], ids=["good", "poor"])
@pytest.mark.parametrize("lane", [1, 8])
def test_two_laps_from_the_road_pass(lane: int, gps: Gps) -> None:
    """Two laps joined from a road and left at a walk, in the innermost and the outermost
    lane: the turn is found within a track's span. (One lap never passed the turn test:
    480 m of route that turns a full circle holds more than a lap.)"""
    activity, _ = track_run(lane, [(800.0, 5.5), (60.0, 1.2)], gps, 5, warm_up_m=1500.0)
    assert _passes(activity)


@settings(max_examples=25, deadline=None)
@given(lane=st.integers(1, 8), poor=st.booleans(), seed=st.integers(0, 2**16),
       angle=st.floats(0.0, math.pi), lat=st.floats(-60.0, 65.0),
       warm_up_m=st.sampled_from([0.0, 300.0, 1200.0]),
       reps=st.lists(st.tuples(st.sampled_from([200.0, 400.0, 800.0, 1600.0]),
                               st.floats(4.5, 7.0)), min_size=1, max_size=5))
def test_generated_track_runs_pass(lane: int, poor: bool, seed: int, angle: float,
                                   lat: float, warm_up_m: float,
                                   reps: list[tuple[float, float]]) -> None:
    stretches = [part for rep in reps for part in (rep, (200.0, 2.8))]
    activity, _ = track_run(lane, stretches, POOR if poor else GOOD, seed, lat=lat,
                            angle=angle, warm_up_m=warm_up_m)
    with pytest.MonkeyPatch.context() as monkeypatch:
        if _found_without_the_check(activity, monkeypatch):
            assert _passes(activity)


@pytest.mark.parametrize("path", [road_path(), park_path()], ids=["road", "park"])
def test_a_far_gps_jump_changes_nothing(path) -> None:  # type: ignore[no-untyped-def]
    """One fix thousands of kilometres off (seen in the corpus) is resampled as 480 m of
    straight line: the answer is the one without the jump."""
    activity, _ = run_on(path, [(6000.0, 3.5)], GOOD, np.random.default_rng(4))
    x, y = local_metres(activity.lat, activity.lon)
    track_like, _ = track_run(1, [(4000.0, 4.0)], GOOD, 3)
    tx, ty = local_metres(track_like.lat, track_like.lon)
    for xs, ys in ((x, y), (tx, ty)):
        before = track._goes_round(xs, ys)
        far_x, far_y = xs.copy(), ys.copy()
        far_x[5], far_y[5] = 3.0e6, -4.0e6
        assert track._goes_round(far_x, far_y) == before
