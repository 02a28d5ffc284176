"""Synthetic track runs with known answers, seen through a watch's GPS.

A runner follows a lane line of the standard track exactly (or a road, or another loop);
the watch sees each true position plus

- a slowly wandering bias (an Ornstein-Uhlenbeck process per axis: ``bias_m`` metres of
  spread, ``bias_s`` seconds of memory), the error that multipath and the satellites'
  geometry give and that moves over minutes;
- white noise (``noise_m`` metres per axis);
- the watch's own smoothing: an exponential filter of time constant ``smooth_s`` seconds,
  which lags and cuts the bends;

and records its distance as the sum of the steps between its smoothed points, as watches
without a track mode do. The truth (distance along the lane, effort boundaries) comes back
with the activity.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from miler.domain.activity import Activity, Lap
from miler.domain.track import STRAIGHT_M, lane_length_m, lane_radius_m
from tests.domain.runs import START

EARTH_M = 6_371_008.8
Path = Callable[[float], tuple[float, float]]  # metres along the route -> (x, y)


@dataclass(frozen=True)
class Gps:
    bias_m: float
    bias_s: float
    noise_m: float
    smooth_s: float


# A good day: raw GPS within about 1 % on a track; a poor one: the watch loses 5-15 m a
# lap (about 2-4 %), as runners report (issue 21).
GOOD = Gps(bias_m=2.5, bias_s=150.0, noise_m=1.5, smooth_s=2.0)
POOR = Gps(bias_m=4.0, bias_s=90.0, noise_m=3.0, smooth_s=4.0)


@dataclass(frozen=True)
class Truth:
    """The true distance on the track part and where each effort on it began and ended
    (metres of the track part, and seconds)."""

    time_s: np.ndarray
    track_m: np.ndarray  # metres along the lane since the track was joined (NaN before)
    efforts: tuple[tuple[float, float], ...]  # (start s, end s) of each on-track stretch
    lane: int

    @property
    def distance_m(self) -> float:
        return float(np.nanmax(self.track_m))

    def laps(self, every: float = 400.0) -> list[tuple[float, float, float]]:
        """(start s, split s, metres) of each piece of ``every`` metres of each effort."""
        out = []
        known = np.isfinite(self.track_m)
        t, d = self.time_s[known], self.track_m[known]
        for start, end in self.efforts:
            d0, d1 = np.interp([start, end], t, d)
            marks = np.arange(d0, d1 + 1e-9, every)
            if d1 - marks[-1] >= 5.0 or marks.size == 1:
                marks = np.concatenate((marks, [d1]))
            else:
                marks[-1] = d1
            times = np.interp(marks, d, t)
            out += [(float(times[k]), float(times[k + 1] - times[k]),
                     float(marks[k + 1] - marks[k])) for k in range(marks.size - 1)]
        return out


def lane_path(lane: int, angle: float = 0.0, cx: float = 0.0, cy: float = 0.0) -> Path:
    """Metres along ``lane`` (from the start of the straight at v < 0) -> (x, y)."""
    r, half, length = lane_radius_m(lane), STRAIGHT_M / 2, lane_length_m(lane)
    c, s = math.cos(angle), math.sin(angle)

    def at(m: float) -> tuple[float, float]:
        m %= length
        if m < STRAIGHT_M:
            u, v = m - half, -r
        elif m < STRAIGHT_M + math.pi * r:
            a = (m - STRAIGHT_M) / r - math.pi / 2
            u, v = half + r * math.cos(a), r * math.sin(a)
        elif m < 2 * STRAIGHT_M + math.pi * r:
            u, v = half - (m - STRAIGHT_M - math.pi * r), r
        else:
            a = (m - 2 * STRAIGHT_M - math.pi * r) / r + math.pi / 2
            u, v = -half + r * math.cos(a), r * math.sin(a)
        return cx + u * c - v * s, cy + u * s + v * c

    return at


def oval_path(straight_m: float, radius_m: float) -> Path:
    """Any stadium-shaped loop (an indoor 200 m track, a 300 m loop)."""
    length = 2 * straight_m + 2 * math.pi * radius_m
    half = straight_m / 2

    def at(m: float) -> tuple[float, float]:
        m %= length
        if m < straight_m:
            return m - half, -radius_m
        if m < straight_m + math.pi * radius_m:
            a = (m - straight_m) / radius_m - math.pi / 2
            return half + radius_m * math.cos(a), radius_m * math.sin(a)
        if m < 2 * straight_m + math.pi * radius_m:
            return half - (m - straight_m - math.pi * radius_m), radius_m
        a = (m - 2 * straight_m - math.pi * radius_m) / radius_m + math.pi / 2
        return -half + radius_m * math.cos(a), radius_m * math.sin(a)

    return at


def park_path() -> Path:
    """An irregular loop of about 1.1 km: a wobbly, lopsided circle."""
    angles = np.linspace(0, 2 * math.pi, 721)
    radius = 170 + 30 * np.sin(3 * angles) + 15 * np.cos(5 * angles + 1)
    xs, ys = radius * np.cos(angles) * 1.3, radius * np.sin(angles)
    along = np.concatenate(([0.0], np.cumsum(np.hypot(np.diff(xs), np.diff(ys)))))
    length = float(along[-1])

    def at(m: float) -> tuple[float, float]:
        m %= length
        return float(np.interp(m, along, xs)), float(np.interp(m, along, ys))

    return at


def road_path(angle: float = 1.0) -> Path:
    """Out and back along a straight road."""
    def at(m: float) -> tuple[float, float]:
        m %= 4000.0
        out = m if m < 2000.0 else 4000.0 - m
        return out * math.cos(angle), out * math.sin(angle)

    return at


def run_on(path: Path, stretches: list[tuple[float, float]], gps: Gps,
           rng: np.random.Generator, *, lat: float = 51.5, lon: float = -0.1,
           warm_up_m: float = 0.0, warm_up_speed: float = 3.0,
           laps_at: list[float] | None = None) -> tuple[Activity, np.ndarray]:
    """An activity along ``path`` through stretches of (metres, m/s), 1 s samples; a road
    warm-up of ``warm_up_m`` first, reaching the path at its 0 m. Returns it with the true
    metres along the path (NaN on the warm-up)."""
    plan = ([(warm_up_m, warm_up_speed)] if warm_up_m else []) + stretches
    times, dist = [0.0], [0.0]
    for metres, speed in plan:
        end = dist[-1] + metres
        while dist[-1] < end - 1e-9:
            dt = min(1.0, (end - dist[-1]) / speed)
            times.append(times[-1] + dt)
            dist.append(dist[-1] + speed * dt)
    t = np.array(times)
    if np.any(np.diff(t) < 0.2):  # keep samples about 1 s apart: drop the short ones
        keep = np.concatenate(([True], np.diff(t) >= 0.2))
        t, dist = t[keep], list(np.array(dist)[keep])
    d = np.array(dist)
    on = d - warm_up_m
    x0, y0 = path(0.0)
    ex, ey = x0, y0 - warm_up_m  # a straight road in from the south, run at its speed
    xy = np.array([path(m) if m >= 0 else _towards((ex, ey), (x0, y0), warm_up_m + m,
                                                   warm_up_m) for m in on])
    seen = _watch(t, xy, gps, rng)
    lat_, lon_ = _degrees(seen, lat, lon)
    from miler.domain.activity import haversine_m

    laps = tuple(Lap(a, b - a, 0.0) for a, b in zip([0.0, *laps_at], [*laps_at, t[-1]],
                                                       strict=True)) if laps_at else ()
    activity = Activity.from_columns(
        "synthetic track", "running",
        {"time_s": t, "distance_m": haversine_m(lat_, lon_), "lat": lat_, "lon": lon_},
        start_time=START, laps=laps)
    return activity, np.where(on >= 0, on, np.nan)


def _towards(a: tuple[float, float], b: tuple[float, float], m: float,
             total: float) -> tuple[float, float]:
    f = m / total if total else 1.0
    return a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f


def _watch(t: np.ndarray, xy: np.ndarray, gps: Gps, rng: np.random.Generator) -> np.ndarray:
    n = t.size
    bias = np.zeros((n, 2))
    bias[0] = rng.normal(0, gps.bias_m, 2)
    for k in range(1, n):
        keep = math.exp(-(t[k] - t[k - 1]) / gps.bias_s)
        bias[k] = bias[k - 1] * keep + rng.normal(0, gps.bias_m * math.sqrt(1 - keep ** 2), 2)
    raw = xy + bias + rng.normal(0, gps.noise_m, (n, 2))
    out = raw.copy()
    for k in range(1, n):
        alpha = 1 - math.exp(-(t[k] - t[k - 1]) / gps.smooth_s) if gps.smooth_s else 1.0
        out[k] = out[k - 1] + alpha * (raw[k] - out[k - 1])
    return out


def _degrees(xy: np.ndarray, lat0: float, lon0: float) -> tuple[np.ndarray, np.ndarray]:
    lat = lat0 + np.degrees(xy[:, 1] / EARTH_M)
    lon = lon0 + np.degrees(xy[:, 0] / (EARTH_M * math.cos(math.radians(lat0))))
    return lat, lon


def track_run(lane: int, stretches: list[tuple[float, float]], gps: Gps, seed: int, *,
              lat: float = 51.5, angle: float = 0.3,
              warm_up_m: float = 0.0) -> tuple[Activity, Truth]:
    """A run on ``lane`` through (metres, m/s) stretches; consecutive stretches at the same
    speed are one effort, and each change of speed starts a new one."""
    rng = np.random.default_rng(seed)
    activity, track_m = run_on(lane_path(lane, angle), stretches, gps, rng, lat=lat,
                               warm_up_m=warm_up_m)
    t = activity.time_s
    known = np.isfinite(track_m)
    times = [float(np.interp(b, track_m[known], t[known])) for b in _effort_bounds(stretches)]
    return activity, Truth(t, track_m, tuple(itertools.pairwise(times)), lane)


def _effort_bounds(stretches: list[tuple[float, float]]) -> list[float]:
    bounds, total, speed = [0.0], 0.0, None
    for metres, v in stretches:
        if speed is not None and v != speed:
            bounds.append(total)
        total += metres
        speed = v
    return [*bounds, total]
