"""The fitness efforts' rolling speed grid (``domain/fitness_efforts.py``): bounded by the
samples, whatever the file's times say, with the dense grid's answers."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st


@st.composite
def _timed_run(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    """Times with steps from 1 s to a day's gap (pauses among them), and distance run."""
    steps = draw(st.lists(st.one_of(st.floats(0.5, 12.0), st.floats(20.0, 40.0),
                                    st.floats(31.0, 90_000.0)), min_size=2, max_size=60))
    speeds = draw(st.lists(st.floats(0.0, 6.0), min_size=len(steps), max_size=len(steps)))
    t = np.concatenate([[draw(st.floats(0.0, 1e6))], np.array(steps)]).cumsum()
    d = np.concatenate([[0.0], np.array(steps) * np.array(speeds)]).cumsum()
    return t, d


@settings(max_examples=300, deadline=None)
@given(_timed_run())
def test_the_grid_by_the_samples_answers_as_the_dense_one(run: tuple[Any, Any]) -> None:
    # a file whose time runs far past its samples (a day between two runs of one file; a
    # cut-short Strava file ends on a record 64 years on: 12.7 GB of dense grid) gets the
    # dense grid's points by its samples, and one standing-still point inside each pause
    from miler.domain.activity import PAUSE_S
    from miler.domain.fitness_efforts import (
        _GRID_S,
        _SPEED_WINDOW_S,
        _by_the_samples,
        _speeds,
    )

    t, d = run
    if t[-1] - t[0] < _SPEED_WINDOW_S:
        return
    dense_t, dense_v = _speeds(t, d, np.arange(t[0], t[-1] - _SPEED_WINDOW_S, _GRID_S))
    by_t, by_v = _by_the_samples(t, d)
    assert np.all(np.diff(by_t) > 0)
    where = {float(g): float(v) for g, v in zip(dense_t, dense_v, strict=True)}
    assert all(where[float(g)] == float(v) for g, v in zip(by_t, by_v, strict=True))
    kept = set(by_t.tolist())
    assert all(g in kept for g, v in zip(dense_t.tolist(), dense_v.tolist(), strict=True)
               if v != 0.0)
    for b in np.flatnonzero(np.diff(t) > PAUSE_S) + 1:  # a standing-still point in each pause
        assert np.any((by_t >= t[b - 1]) & (by_t + _SPEED_WINDOW_S <= t[b]) & (by_v == 0.0))
    assert by_t.size <= 6 * t.size + 2


def test_a_damaged_time_far_past_the_samples_costs_a_grid_by_the_samples() -> None:
    from miler.domain.fitness_efforts import _rolling_speed

    t = np.array([0.0, 1.0, 2.0, 30.0, 60.0, 2.03e9])
    d = np.array([0.0, 3.0, 6.0, 90.0, 180.0, 900.0])
    grid, _ = _rolling_speed(t, d)
    assert grid.size < 50  # the dense grid: 406 million points
