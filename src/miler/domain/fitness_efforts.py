"""The hard stretches inside one run that can say what the runner's mile is worth.

For the fitness estimate (``domain/fitness.py``) each run is read once into a small
``RunEfforts``: the fastest 800 m, 1 km, 1500 m, mile, 2 km, 3 km, 2 miles and 5 km inside it
(``efforts.EffortSearch``: never across a pause, never outside the running part of a
multisport file, never through a GPS jump), and for each what the estimate must know to
trust it:

* ``drop_m``: net altitude lost from its start to its end (a fast stretch downhill flatters);
* ``steadiness``: its slowest 20 s against its own mean speed. A rep plus the jog or the
  standstill after it is no sustained effort (an interval session's rests);
* ``fast_elsewhere_s``: how long the rest of the run went at 90 % of its speed or faster
  (other reps: an interval session rather than a race or a tempo).

Pure: arrays in, values out. The samples are never kept.
"""

from __future__ import annotations

import itertools
import math
from datetime import date
from typing import Any, Final

import numpy as np

from miler.domain.activity import MOVING_SPEED_M_S, PAUSE_S, Activity, FloatArray, without_jumps
from miler.domain.efforts import EffortSearch
from miler.domain.fitness_runs import Candidate, RunEfforts
from miler.domain.units import METERS_PER_MILE

__all__ = ["FITNESS_DISTANCES", "Candidate", "RunEfforts", "run_efforts"]

#: The distances searched: from about 2 minutes (800 m for a fast runner) to about 20
#: (5 km for a 6:00 miler). Shorter and longer efforts are dropped by duration later.
FITNESS_DISTANCES: Final[dict[str, float]] = {
    "800m": 800.0, "1km": 1000.0, "1500m": 1500.0, "mile": METERS_PER_MILE, "2km": 2000.0,
    "3km": 3000.0, "2mile": 2 * METERS_PER_MILE, "5km": 5000.0,
}
#: Speeds are judged over this many seconds (a GPS point's error averages out over ~20 s).
_SPEED_WINDOW_S: Final = 20.0
_GRID_S: Final = 5.0
#: "Fast elsewhere" is running at this share of the effort's speed or faster.
_FAST_SHARE: Final = 0.9


def run_efforts(activity: Activity, day: date, *, result: bool = False,
                search: EffortSearch | None = None) -> RunEfforts:
    """The candidates of one activity (none for a file without running). ``search``: the
    activity's own ``EffortSearch``, when its best efforts were searched already."""
    if not activity.has_running:
        return RunEfforts(day, activity.source, None, (), result)
    running = activity.running_mask()
    if search is None:
        search = EffortSearch(activity.time_s, activity.distance_m, None, running)
    found = search.best(FITNESS_DISTANCES)
    t, d, alt = _running_track(activity, running)
    origin = _origin(activity.time_s)
    grid_t, grid_v = _rolling_speed(t, d)
    candidates = []
    for effort in sorted(found.values(), key=lambda e: e.distance_m):
        start = effort.start_offset_s + origin
        end = start + effort.elapsed_s
        speed = effort.distance_m / effort.elapsed_s
        inside = (grid_t >= start) & (grid_t + _SPEED_WINDOW_S <= end + 1e-9)
        steady = float(grid_v[inside].min() / speed) if inside.any() else None
        outside = (grid_t + _SPEED_WINDOW_S <= start) | (grid_t >= end)
        fast = float(np.count_nonzero(outside & (grid_v >= _FAST_SHARE * speed)) * _GRID_S)
        candidates.append(Candidate(effort.distance_m, effort.elapsed_s, effort.start_offset_s,
                                    _drop(t, alt, start, end), steady, fast))
    return RunEfforts(day, activity.source, _moving_speed(t, d), tuple(candidates), result)


def _origin(time_s: FloatArray) -> float:
    timed = time_s[np.isfinite(time_s)]
    return float(timed[0]) if timed.size else 0.0


def _running_track(activity: Activity,
                   running: np.ndarray[Any, np.dtype[np.bool_]]
                   ) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Time, distance (non-decreasing, jumps out) and altitude of the running samples."""
    keep = running & np.isfinite(activity.time_s) & np.isfinite(activity.distance_m)
    t = activity.time_s[keep]
    d = without_jumps(t, np.maximum.accumulate(activity.distance_m[keep]))[0]
    return t, d, activity.altitude[keep]


def _rolling_speed(t: FloatArray, d: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Speed over each ``_SPEED_WINDOW_S`` starting every ``_GRID_S``, never across a pause
    (such windows read as standing still). A file whose time runs far past its samples (a
    day's gap between runs of one file, or a damaged last time 64 years on) gets only the
    grid points by its samples (:func:`_by_the_samples`): the same answers, bounded memory."""
    if t.size < 2 or t[-1] - t[0] < _SPEED_WINDOW_S:
        return np.zeros(0), np.zeros(0)
    if (t[-1] - t[0]) / _GRID_S > _DENSE_PER_SAMPLE * t.size + _DENSE_MIN:
        return _by_the_samples(t, d)
    return _speeds(t, d, np.arange(t[0], t[-1] - _SPEED_WINDOW_S, _GRID_S))


#: A dense grid is used while it has at most this many points a sample (plus a floor):
#: samples every 5 s make one a sample; only long gaps make more.
_DENSE_PER_SAMPLE: Final = 4
_DENSE_MIN: Final = 10_000


def _speeds(t: FloatArray, d: FloatArray, grid: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Each window's speed from the ``grid`` points; 0 for a window holding a pause."""
    ahead = np.interp(grid + _SPEED_WINDOW_S, t, d) - np.interp(grid, t, d)
    speed = ahead / _SPEED_WINDOW_S
    gaps = np.flatnonzero(np.diff(t) > PAUSE_S)
    if gaps.size:  # a window holding a pause: the stop itself, not running
        lo = np.searchsorted(grid + _SPEED_WINDOW_S, t[gaps], side="right")
        hi = np.searchsorted(grid, t[gaps + 1], side="left")
        for a, b in zip(lo, hi, strict=True):
            speed[a:b] = 0.0
    return grid, speed


def _by_the_samples(t: FloatArray, d: FloatArray) -> tuple[FloatArray, FloatArray]:
    """The dense grid's points within each stretch between pauses, and one point inside
    each pause (standing still: what an effort across the pause finds at its slowest).
    Every point left out reads 0 in the dense grid and is never the one an answer needs, so
    the answers are the dense grid's; at most ``PAUSE_S / _GRID_S`` points a sample."""
    origin = float(t[0])
    step = (origin + _GRID_S) - origin  # numpy's arange: point k is origin + k * step
    count = math.ceil((float(t[-1]) - _SPEED_WINDOW_S - origin) / _GRID_S)  # its length

    def points(low: float, end: float, most: int | None = None) -> FloatArray:
        """The dense grid's points at or after ``low`` whose window ends by ``end`` (the
        first ``most`` of them), compared as the dense grid's pauses are."""
        first = max(math.floor((low - origin) / step) - 1, 0)
        last = min(math.ceil((end - origin) / step) + 2, count)
        ks = np.arange(first, last if most is None else min(last, first + most + 3),
                       dtype=np.float64)
        grid = origin + ks * step
        grid = grid[(grid >= low) & (grid + _SPEED_WINDOW_S <= end)]
        return grid if most is None else grid[:most]

    cuts = (np.flatnonzero(np.diff(t) > PAUSE_S) + 1).tolist()
    grids, speeds = [], []
    for a, b in itertools.pairwise([0, *cuts, int(t.size)]):
        end = float(t[b - 1])
        grid, speed = _speeds(t[a:b], d[a:b], points(float(t[a]), end))
        grids.append(grid)
        speeds.append(speed)
        if b < t.size:  # inside the pause that follows: a window that holds no sample
            inside = points(end, float(t[b]), most=1)
            grids.append(inside)
            speeds.append(np.zeros(inside.size))
    return np.concatenate(grids), np.concatenate(speeds)


def _drop(t: FloatArray, altitude: FloatArray, start: float, end: float) -> float | None:
    """Metres lost from ``start`` to ``end`` (negative: climbed); None without altitude."""
    known = np.isfinite(altitude)
    if np.count_nonzero(known) < 2:
        return None
    at = np.interp((start, end), t[known], altitude[known])
    return float(at[0] - at[1])


def _moving_speed(t: FloatArray, d: FloatArray) -> float | None:
    dt, dd = np.diff(t), np.diff(d)
    moving = (dt > 0) & (dt <= PAUSE_S) & (dd >= MOVING_SPEED_M_S * dt)
    seconds = float(dt[moving].sum())
    return float(dd[moving].sum()) / seconds if seconds >= 60.0 else None
