"""A run's profile: pace and heart rate along its distance, in even steps, for the activity
page's charts. Pure: arrays in, a few hundred numbers out (never the samples themselves).

Pace over a step is the time to cover it, per mile; heart rate the mean of the samples
inside it (or, when a step holds none, the value where it ends, interpolated). A step that
took longer than ``STOPPED_S_PER_MILE`` a mile is a stop, not a pace: it is None.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from miler.domain.activity import Activity, _clean, _time_at
from miler.domain.units import METERS_PER_MILE

__all__ = ["MAX_POINTS", "MIN_STEP_M", "STOPPED_S_PER_MILE", "Profile", "profile", "tenths"]

MIN_STEP_M: Final = 100.0  # a quarter of a track lap: finer is GPS noise
MAX_POINTS: Final = 400  # the step grows on long runs so the page stays small
STOPPED_S_PER_MILE: Final = 30 * 60.0  # slower than a 30-minute mile is standing still


@dataclass(frozen=True, slots=True)
class Profile:
    """Each step's end (metres from the start), pace (s/mile) and mean heart rate."""

    distance_m: tuple[float, ...]
    pace_s_per_mile: tuple[float | None, ...]
    heart_rate: tuple[float | None, ...]

    @property
    def has_heart_rate(self) -> bool:
        return any(h is not None for h in self.heart_rate)


def _step(total_m: float) -> float:
    return max(MIN_STEP_M, float(np.ceil(total_m / MAX_POINTS / MIN_STEP_M)) * MIN_STEP_M)


def profile(activity: Activity) -> Profile | None:
    """The profile of ``activity``; None when it has too little timed distance."""
    t, d = _clean(activity.time_s, activity.distance_m)
    if d.size < 2 or d[-1] - d[0] < 2 * MIN_STEP_M:
        return None
    step = _step(float(d[-1] - d[0]))
    edges = d[0] + np.arange(0, float(d[-1] - d[0]) + 1e-9, step)
    times = _time_at(t, d, edges)
    paces = np.diff(times) / step * METERS_PER_MILE
    with np.errstate(invalid="ignore"):
        timed = np.isfinite(paces) & (paces > 0) & (paces <= STOPPED_S_PER_MILE)
    return Profile(tuple((edges[1:] - d[0]).tolist()),
                   tuple(p if ok else None for p, ok in zip(
                       tenths(np.where(timed, paces, 0.0)), timed.tolist(), strict=True)),
                   _heart_rates(activity, edges))


def tenths(values: np.ndarray) -> list[float]:
    """``[round(v, 1) for v in values]``, the same floats, rounded in numpy: ``rint(10 v) / 10``
    is Python's correctly rounded answer wherever ``10 v`` is not within a millionth of a
    half (below 1e12, ``10 v`` is off the exact product by far less); those few, and the
    huge or not finite, are left to ``round``."""
    with np.errstate(over="ignore", invalid="ignore"):  # the huge go to round below
        scaled = values * 10.0
        out: list[float] = (np.rint(scaled) / 10.0).tolist()
        unsure = (np.abs(np.abs(scaled - np.trunc(scaled)) - 0.5) < 1e-6) \
            | ~(np.abs(values) < 1e12)
    for k in np.flatnonzero(unsure).tolist():
        out[k] = round(float(values[k]), 1)
    return out


def _heart_rates(activity: Activity, edges: np.ndarray) -> tuple[float | None, ...]:
    hr, d = activity.heart_rate, activity.distance_m
    keep = np.isfinite(hr) & np.isfinite(d) & (hr > 0)
    if not keep.any():
        return (None,) * (edges.size - 1)
    hr, d = hr[keep], np.maximum.accumulate(d[keep])
    bins = edges.size - 1
    which = np.searchsorted(edges, d, side="right") - 1
    inside = (which >= 0) & (which < bins)
    sums = np.bincount(which[inside], weights=hr[inside], minlength=bins)
    counts = np.bincount(which[inside], minlength=bins)
    ends = np.interp(edges[1:], d, hr)
    means = np.divide(sums, counts, out=ends.copy(), where=counts > 0)
    return tuple(tenths(means))
