"""``segments`` places every boundary at once (``_boundaries``): the same times, to the last
bit, as placing them one at a time (the reference below, the loop it replaced), on
generated interval runs with uneven sampling, stops and noise."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from miler.domain import segments as seg

FloatArray = NDArray[np.float64]


def _one_boundary(t: FloatArray, speed: FloatArray, i: int, threshold: float) -> float:
    """One cut's boundary, placed on its own (slices and sorts, one cut at a time)."""
    near, far = seg._LEVEL_S
    start = np.searchsorted(t, (t[i] - far, t[i] - near, t[i] + near), side="left")
    upto = np.searchsorted(t, (t[i] - near, t[i] + near, t[i] + far), side="right")
    before = speed[int(start[0]):int(upto[0])]
    after = speed[int(start[2]):int(upto[2])]
    mid = (_median(before) + _median(after)) / 2 if before.size and after.size else threshold
    lo, hi = int(start[1]), int(upto[1])
    window = speed[lo:hi] - mid
    crossing = np.flatnonzero(np.sign(window[:-1]) != np.sign(window[1:]))
    if crossing.size == 0:
        return float(t[i])
    j = lo + int(crossing[np.argmin(np.abs(lo + crossing - i))])
    a, b = speed[j] - mid, speed[j + 1] - mid
    frac = a / (a - b) if a != b else 0.5
    return float(t[j] + frac * (t[j + 1] - t[j]))


def _median(values: FloatArray) -> float:
    return float(np.median(values))


@st.composite
def _runs(draw: st.DrawFn) -> tuple[FloatArray, FloatArray]:
    """An interval session: pieces of (seconds, m/s) with some standing, sampled every
    0.25-5 s, with noise on the distance."""
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    pieces = draw(st.lists(st.tuples(st.floats(5.0, 300.0), st.sampled_from(
        [0.0, 0.5, 2.5, 3.0, 5.5, 6.5])), min_size=2, max_size=14))
    every = draw(st.sampled_from([0.25, 1.0, 1.0, 3.0]))
    gaps = draw(st.booleans())
    total = sum(p for p, _ in pieces)
    t = np.arange(0.0, total, every)
    if gaps:  # a watch's smart recording: uneven steps
        t = np.cumsum(rng.uniform(0.2, 5.0, size=t.size))
        t = t[t < total]
    ends = np.cumsum([p for p, _ in pieces])
    speed = np.array([v for _, v in pieces])[np.minimum(np.searchsorted(ends, t, side="right"),
                                                        len(pieces) - 1)]
    d = np.cumsum(speed * np.diff(t, prepend=0.0)) + rng.normal(0.0, 0.8, t.size)
    return t, np.maximum.accumulate(d)


@settings(max_examples=150, deadline=None)
@given(_runs())
def test_every_boundary_at_once_is_each_placed_alone(run: tuple[FloatArray, FloatArray]) -> None:
    t, d = run
    if t.size < 2:
        return
    speed = seg._speed(t, d)
    threshold = seg._threshold(speed)
    if threshold is None:
        return
    cuts = np.flatnonzero(np.diff((speed > threshold).astype(np.int8))) + 1
    got = seg._boundaries(t, speed, cuts, threshold)
    expected = np.array([_one_boundary(t, speed, int(i), threshold) for i in cuts])
    assert got.dtype == np.float64
    assert np.array_equal(got, expected)


def test_blocks_of_cuts_give_the_same_times(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Placed a few at a time (memory bounded on a long run), the times are the same."""
    rng = np.random.default_rng(2)
    t = np.arange(0.0, 4000.0)
    speed = np.where((t // 60) % 2 == 0, 6.0, 2.5) + rng.normal(0.0, 0.3, t.size)
    d = np.cumsum(speed)
    fast = seg._speed(t, d)
    threshold = seg._threshold(fast)
    assert threshold is not None
    cuts = np.flatnonzero(np.diff((fast > threshold).astype(np.int8))) + 1
    whole = seg._boundaries(t, fast, cuts, threshold)
    monkeypatch.setattr(seg, "_CUTS_AT_ONCE", 7)
    assert np.array_equal(seg._boundaries(t, fast, cuts, threshold), whole)
    assert cuts.size > 7
