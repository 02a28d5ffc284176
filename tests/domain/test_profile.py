"""A run's profile: pace and heart rate in even steps of distance."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from miler.domain.activity import Activity
from miler.domain.profile import MAX_POINTS, MIN_STEP_M, STOPPED_S_PER_MILE, profile, tenths
from miler.domain.units import METERS_PER_MILE


def _run(speeds_m_s: list[float], seconds_each: int, hr: float | None = 150.0) -> Activity:
    """1 Hz samples: each speed held for ``seconds_each`` seconds."""
    speed = np.repeat(np.array(speeds_m_s, dtype=float), seconds_each)
    time = np.arange(speed.size + 1, dtype=float)
    distance = np.concatenate([[0.0], np.cumsum(speed)])
    columns: dict[str, object] = {"time_s": time, "distance_m": distance}
    if hr is not None:
        columns["heart_rate"] = np.full(time.size, hr)
    return Activity.from_columns("test", "running", columns)


@given(st.floats(2.0, 7.0), st.integers(120, 3000))
def test_an_even_run_has_an_even_pace(speed: float, seconds: int) -> None:
    found = profile(_run([speed], seconds))
    assert found is not None
    expected = METERS_PER_MILE / speed
    assert all(p is not None and abs(p - expected) <= 0.15 for p in found.pace_s_per_mile)
    assert found.heart_rate == (150.0,) * len(found.distance_m)
    assert len(found.distance_m) <= MAX_POINTS
    steps = np.diff((0.0, *found.distance_m))
    assert np.allclose(steps, steps[0])
    assert steps[0] >= MIN_STEP_M
    assert found.distance_m[-1] <= speed * seconds + 1e-6


def test_a_stop_is_no_pace_and_a_file_without_heart_rate_has_none() -> None:
    """Four minutes at 4 m/s, ten at a shuffle of 0.5 m/s (a 53-minute mile), four more."""
    found = profile(_run([4.0, 0.5, 4.0], 240, hr=None))
    assert found is not None
    slow = [p for p in found.pace_s_per_mile if p is None]
    assert slow  # the shuffle is slower than STOPPED_S_PER_MILE
    assert METERS_PER_MILE / 0.5 > STOPPED_S_PER_MILE
    assert not found.has_heart_rate
    assert profile(_run([3.0], 30)) is None  # 90 m: too short for a profile


_ANY = st.floats(allow_nan=True, allow_infinity=True)
_HALVES = st.integers(-10**7, 10**7).map(lambda k: (k + 0.5) / 10)  # 0.05, 0.15, 2.675 ...


@given(st.lists(st.one_of(_ANY, _HALVES, st.floats(0.0, 3000.0)), max_size=60))
def test_tenths_are_pythons_round(values: list[float]) -> None:
    """Rounded in numpy, the same floats as Python's ``round(v, 1)``, halves (which binary
    floats hold a hair above or below) and the huge and the not finite included."""
    got = tenths(np.array(values, dtype=np.float64))
    expected = [round(v, 1) for v in values]
    assert [repr(v) for v in got] == [repr(v) for v in expected]
