"""The track as it really is: the stretches of a run on a standard 400 m track, its GPS
corrected onto the runner's lane, and the laps counted as the runner ran them.

Geometry (World Athletics' standard 400 m track, Track and Field Facilities Manual 2019,
section 2.2): two straights of 84.39 m joined by two bends of radius 36.50 m to the kerb;
lane 1 is measured 0.30 m outside the kerb (2 x 84.39 + 2 pi 36.80 = 400.00 m), every other
lane 0.20 m outside its inner line, lanes 1.22 m wide. In the track's own frame (``u`` along
the straights, ``v`` across, origin at the centre) a lane line is every point at its radius
from the segment joining the two bend centres: a capsule, so the distance from a point to it
and the point's place along it are closed-form.

Method (docs/track.md has the figures):

1. Positions become metres east and north of the run's median point.
2. The track is found where the run goes round most (the 40 m cell holding the most metres
   run), its centre and axis guessed from the points around it, then fitted by iteratively
   reweighted Gauss-Newton (Tukey's biweight): centre, axis, the straights' half-width and the
   bends' radius apart, because a watch's smoothing cuts bends but not straights.
3. The samples within reach of the fitted track, in stretches that go round at least once,
   are the on-track part. The fit must be tight, round and the size of a standard track:
   road runs, 200 m and 300 m ovals and park loops fail and get no correction.
4. The lane is the one whose radius is nearest the straights' half-width.
5. The slowly wandering GPS bias is estimated from the across-track residuals (a bend sees
   every direction, so both components show within a lap) as a smooth curve, a knot every
   ``_KNOT_S``, penalised for bending; with it the speed-dependent cutting of the bends.
   Each position less its bias is projected onto the lane line; the place along the line,
   unwrapped, is the corrected distance.
6. Laps are 400 m of that distance from where each effort starts (a rep's start, or where
   a run joins the track; ``segments`` finds them, anchored on lap-button presses); a jog is a
   partial lap of its own length.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

from miler.domain.segments import Segment, segments

__all__ = [
    "KERB_RADIUS_M",
    "LANE_WIDTH_M",
    "LAP_M",
    "MAX_TRACK_SAMPLES",
    "STRAIGHT_M",
    "TrackFit",
    "TrackLap",
    "TrackPart",
    "correct_track",
    "lane_length_m",
    "lane_radius_m",
]

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

#: World Athletics Track and Field Facilities Manual (2019), 2.2.1: the standard track.
STRAIGHT_M: Final = 84.39
KERB_RADIUS_M: Final = 36.50
LANE_WIDTH_M: Final = 1.22
_LANE1_LINE_M: Final = 0.30  # lane 1 is measured this far outside the kerb
_LINE_M: Final = 0.20  # other lanes this far outside their inner line
LANES: Final = 8
LAP_M: Final = 400.0
#: Mean Earth radius (IUGG), as activity.haversine_m uses.
_EARTH_M: Final = 6_371_008.8
#: Runs with more samples than this are not searched for a track (8 hours at 1 Hz); the
#: fit itself uses at most ``_FIT_POINTS`` of them.
MAX_TRACK_SAMPLES: Final = 30_000
_FIT_POINTS: Final = 6_000
_CELL_M: Final = 40.0
#: A sample this far (or 3 robust sigmas, if more) from the fitted lane is off the track.
_REACH_M: Final = 12.0
#: The fit is a track's when the on-track residuals' robust sigma is at most this, ...
_MAX_SIGMA_M: Final = 5.0
#: ... the straights' half-width is a lane's (lane 1 to 8, give or take) ...
_HALF_WIDTH_M: Final = (35.0, KERB_RADIUS_M + LANES * LANE_WIDTH_M + 1.0)
#: ... and the bends are no tighter than this (a watch's smoothing cuts a few metres).
_MIN_BEND_M: Final = 30.0
#: An on-track stretch goes round at least once, and may leave the track this long.
_MIN_LOOPS: Final = 1.0
_GAP_S: Final = 15.0
#: Moving along the lane: over this many samples either side, the step across the lane is
#: at most this share of the step (a heading within about 35 degrees of the lane's).
_HEADING_SAMPLES: Final = 3
_ACROSS: Final = 0.57
#: The GPS bias curve: a knot every this many seconds, and how stiff it is.
_KNOT_S: Final = 10.0
_STIFFNESS: Final = 30.0
_SHRINK: Final = 1.0e-3  # keeps the bias near zero where the data cannot see it
#: A last piece shorter than this joins the lap before it (the runner stopped a step late).
_MIN_PIECE_M: Final = 5.0
#: A watch's smoothing lag shorter than this is left alone.
_MIN_LAG_S: Final = 0.5
#: A lap's end is read off a line fitted to this many seconds of distance either side.
_CROSS_S: Final = 8.0


def lane_radius_m(lane: int) -> float:
    """The radius of ``lane``'s measurement line on the bends."""
    if lane == 1:
        return KERB_RADIUS_M + _LANE1_LINE_M
    return KERB_RADIUS_M + LANE_WIDTH_M * (lane - 1) + _LINE_M


def lane_length_m(lane: int) -> float:
    """Once round ``lane`` on its measurement line (lane 1: 400.00 m)."""
    return 2 * STRAIGHT_M + 2 * math.pi * lane_radius_m(lane)


@dataclass(frozen=True, slots=True)
class TrackFit:
    """Where the track is: centre (metres east and north of the run's median point), the
    straights' direction (radians from east), the straights' half-width and the bends'
    radius as the GPS saw them, and the robust sigma of the residuals."""

    cx: float
    cy: float
    angle: float
    half_width_m: float
    bend_m: float
    sigma_m: float


@dataclass(frozen=True, slots=True)
class TrackLap:
    """A lap as the runner ran it: from ``start_s`` (seconds from the first sample)."""

    index: int
    start_s: float
    split_s: float
    distance_m: float


@dataclass(frozen=True, slots=True)
class TrackPart:
    """The on-track part of a run, corrected. ``distance_m`` is the whole run's distance
    column with the on-track part replaced by the lane's; ``on_track`` marks its samples."""

    fit: TrackFit
    lane: int
    laps: tuple[TrackLap, ...]
    splits_200m: tuple[float, ...]
    track_distance_m: float  # corrected, on-track only
    gps_distance_m: float  # the recorded distance of the same samples
    distance_m: FloatArray
    on_track: BoolArray


def correct_track(time_s: FloatArray, distance_m: FloatArray, lat: FloatArray,
                  lon: FloatArray, anchors_s: FloatArray | None = None, *,
                  track_mode: bool = False) -> TrackPart | None:
    """The run's standard-track part, corrected, or None when it has none.

    ``time_s`` seconds from the start; ``distance_m`` the recorded cumulative distance;
    ``anchors_s`` the lap-button presses (lap start times). ``track_mode``: the watch
    recorded in its own track mode (FIT sub-sport ``track``), so it already snapped its
    positions to its own oval and measured the lane it was told: its distance is kept
    as it is (lane 1 unless it says otherwise), and only the laps are counted.
    """
    n = time_s.size
    if n < 60 or n > MAX_TRACK_SAMPLES:
        return None
    if np.any(~np.isfinite(time_s)) or np.any(np.diff(time_s) < 0):
        return None
    if track_mode:
        return _as_recorded(time_s, distance_m, anchors_s)
    if np.isfinite(lat).sum() < 60:
        return None
    x, y = _local_metres(lat, lon)
    found = _found(time_s, x, y)
    if found is None:
        return None
    fit, on, (px, py, half_width, lag) = found
    if lag > _MIN_LAG_S:  # the watch's smoothing cut the bends: the lane from positions
        again = _found(time_s, *_unsmoothed(time_s, x, y, lag))  # with it undone
        half_width = again[2][2] if again is not None else half_width
    lane = _lane(half_width)
    s = _along(px, py, fit, lane)
    return _part(time_s, distance_m, s, on, fit, lane, anchors_s)


def _found(t: FloatArray, x: FloatArray,
           y: FloatArray) -> tuple[TrackFit, BoolArray, tuple[FloatArray, FloatArray, float,
                                                            float]] | None:
    fit = _fit(x, y)
    if fit is None:
        return None
    on = _on_track(t, x, y, fit, _lane(fit.half_width_m))
    if not on.any():
        return None
    return fit, on, _unbiased(t, x, y, fit, on)


def _unsmoothed(t: FloatArray, x: FloatArray, y: FloatArray,
                lag: float) -> tuple[FloatArray, FloatArray]:
    """Positions before an exponential filter of time constant ``lag`` seconds: each output
    moved its share alpha of the way from the last output to the input, so the input was
    the last output plus the step over alpha."""
    alpha = 1 - np.exp(-np.maximum(np.diff(t), 0.1) / lag)
    ox, oy = x.copy(), y.copy()
    ox[1:] = x[:-1] + np.diff(x) / alpha
    oy[1:] = y[:-1] + np.diff(y) / alpha
    return ox, oy


def _local_metres(lat: FloatArray, lon: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Metres east and north of the median point (equirectangular: exact to a few mm over a
    track's 180 m); samples without a fix are held at the last one."""
    known = np.isfinite(lat) & np.isfinite(lon)
    idx = np.where(known, np.arange(lat.size), 0)
    np.maximum.accumulate(idx, out=idx)
    idx[: int(np.argmax(known))] = int(np.argmax(known))
    la, lo = lat[idx], lon[idx]
    lat0, lon0 = float(np.median(la)), float(np.median(lo))
    x = np.radians(lo - lon0) * _EARTH_M * math.cos(math.radians(lat0))
    y = np.radians(la - lat0) * _EARTH_M
    return x, y


def _frame(x: FloatArray, y: FloatArray, cx: float, cy: float,
           angle: float) -> tuple[FloatArray, FloatArray]:
    c, s = math.cos(angle), math.sin(angle)
    dx, dy = x - cx, y - cy
    return dx * c + dy * s, -dx * s + dy * c


def _residuals(p: FloatArray, x: FloatArray, y: FloatArray) -> FloatArray:
    """Across-track residuals of points against the capsule p = (cx, cy, angle, w, r)."""
    u, v = _frame(x, y, float(p[0]), float(p[1]), float(p[2]))
    half = STRAIGHT_M / 2
    bend = np.abs(u) > half
    out: FloatArray = np.where(bend, np.hypot(np.abs(u) - half, v) - p[4], np.abs(v) - p[3])
    return out


def _fit(x: FloatArray, y: FloatArray) -> TrackFit | None:
    """The standard track these points go round, or None."""
    step = max(1, x.size // _FIT_POINTS)
    xs, ys = x[::step], y[::step]
    guess = _guess(xs, ys)
    if guess is None:
        return None
    p = guess
    res = _residuals(p, xs, ys)
    for scale in (40.0, 25.0, 15.0, 8.0, 8.0, 8.0, 8.0):
        sigma = _sigma(res, np.abs(res) < scale)
        c = min(scale, max(8.0, 4.685 * sigma))
        weights = np.where(np.abs(res) < c, (1 - (res / c) ** 2) ** 2, 0.0)
        if weights.sum() < 30:
            return None
        p = _gauss_newton(p, xs, ys, weights)
        res = _residuals(p, xs, ys)
    res = _residuals(p, xs, ys)
    inside = np.abs(res) < max(_REACH_M, 3 * _sigma(res, weights > 0))
    fit = TrackFit(float(p[0]), float(p[1]), float(p[2]) % math.pi, float(p[3]),
                   float(p[4]), _sigma(res, inside))
    return fit if _plausible(fit, res[inside]) else None


def _sigma(res: FloatArray, mask: BoolArray) -> float:
    if not mask.any():
        return math.inf
    r = res[mask]
    return float(1.4826 * np.median(np.abs(r - np.median(r))))


def _guess(x: FloatArray, y: FloatArray) -> FloatArray | None:
    """Centre and axis from the points near where the run went round most."""
    step = np.hypot(np.diff(x), np.diff(y))
    step = np.concatenate(([0.0], np.minimum(step, 20.0)))
    ix, iy = np.floor(x / _CELL_M).astype(np.int64), np.floor(y / _CELL_M).astype(np.int64)
    keys = (ix - ix.min()) * (iy.max() - iy.min() + 1) + (iy - iy.min())
    metres = np.bincount(keys - keys.min(), weights=step)
    best = int(np.argmax(metres)) + int(keys.min())
    cell = keys == best
    near = np.hypot(x - x[cell].mean(), y - y[cell].mean()) < 2 * (STRAIGHT_M + KERB_RADIUS_M)
    if near.sum() < 30:
        return None
    w = step[near] + 1e-9
    cx, cy = np.average(x[near], weights=w), np.average(y[near], weights=w)
    cov = np.cov(np.stack((x[near] - cx, y[near] - cy)), aweights=w)
    evals, evecs = np.linalg.eigh(cov)
    major = evecs[:, int(np.argmax(evals))]
    angle = math.atan2(float(major[1]), float(major[0]))
    return np.array([cx, cy, angle, lane_radius_m(1), lane_radius_m(1)])


def _gauss_newton(p: FloatArray, x: FloatArray, y: FloatArray,
                  weights: FloatArray) -> FloatArray:
    """A few weighted Gauss-Newton steps with a numerical Jacobian (5 parameters)."""
    deltas = np.array([1e-3, 1e-3, 1e-6, 1e-3, 1e-3])
    for _ in range(8):
        r0 = _residuals(p, x, y)
        jac = np.empty((x.size, 5))
        for k in range(5):
            q = p.copy()
            q[k] += deltas[k]
            jac[:, k] = (_residuals(q, x, y) - r0) / deltas[k]
        sw = np.sqrt(weights)
        step, *_ = np.linalg.lstsq(jac * sw[:, None], -r0 * sw, rcond=None)
        step[:2] = np.clip(step[:2], -10.0, 10.0)
        step[2] = float(np.clip(step[2], -0.2, 0.2))
        step[3:] = np.clip(step[3:], -3.0, 3.0)
        p = p + step
        if np.all(np.abs(step) < [0.01, 0.01, 1e-4, 0.01, 0.01]):
            break
    return p


def _plausible(fit: TrackFit, res: FloatArray) -> bool:
    low, high = _HALF_WIDTH_M
    return (fit.sigma_m <= _MAX_SIGMA_M and low <= fit.half_width_m <= high
            and fit.bend_m >= _MIN_BEND_M and fit.bend_m <= fit.half_width_m + 3.0
            and res.size >= 60)


def _lane(half_width_m: float) -> int:
    radii = np.array([lane_radius_m(k) for k in range(1, LANES + 1)])
    return int(np.argmin(np.abs(radii - half_width_m))) + 1


def _on_track(t: FloatArray, x: FloatArray, y: FloatArray, fit: TrackFit,
              lane: int) -> BoolArray:
    """Samples near the lane, in stretches (short excursions forgiven) that go round at
    least once and visit both bends."""
    p = np.array([fit.cx, fit.cy, fit.angle, fit.half_width_m, fit.bend_m])
    near = np.abs(_residuals(p, x, y)) <= max(_REACH_M, 3 * fit.sigma_m)
    near &= _along_the_lane(x, y, fit)
    near = _bridge(t, near)
    u, _ = _frame(x, y, fit.cx, fit.cy, fit.angle)
    out = np.zeros(t.size, dtype=bool)
    cuts = np.flatnonzero(np.diff(near.astype(np.int8))) + 1
    for a, b in zip(np.concatenate(([0], cuts)), np.concatenate((cuts, [t.size])), strict=True):
        if not near[a]:
            continue
        ends = (u[a:b] > STRAIGHT_M / 2).any() and (u[a:b] < -STRAIGHT_M / 2).any()
        s = _along(x[a:b], y[a:b], fit, lane)
        loops = abs(_unwrap(s, lane_length_m(lane))[-1]) / lane_length_m(lane) if b - a > 1 else 0
        if ends and loops >= _MIN_LOOPS:
            out[a:b] = True
    return out


def _along_the_lane(x: FloatArray, y: FloatArray, fit: TrackFit) -> BoolArray:
    """Samples moving along the lane, not across it (a road that reaches the track, a walk
    over the infield); samples barely moving are not judged."""
    k = _HEADING_SAMPLES
    if x.size <= 2 * k:
        return np.ones(x.size, dtype=bool)
    dx = np.zeros(x.size)
    dy = np.zeros(x.size)
    dx[k:-k], dy[k:-k] = x[2 * k:] - x[:-2 * k], y[2 * k:] - y[:-2 * k]
    nx, ny = _normals(x, y, fit)
    step = np.hypot(dx, dy)
    across = np.abs(dx * nx + dy * ny)
    return (step < 2 * k * 0.8) | (across <= _ACROSS * step)


def _bridge(t: FloatArray, near: BoolArray) -> BoolArray:
    """Off-track gaps shorter than ``_GAP_S`` between on-track samples are filled."""
    out = near.copy()
    cuts = np.flatnonzero(np.diff(near.astype(np.int8))) + 1
    for a, b in zip(np.concatenate(([0], cuts)), np.concatenate((cuts, [t.size])), strict=True):
        if not near[a] and a > 0 and b < t.size and t[b] - t[a - 1] <= _GAP_S:
            out[a:b] = True
    return out


def _normals(x: FloatArray, y: FloatArray, fit: TrackFit) -> tuple[FloatArray, FloatArray]:
    """Outward unit normals of the lane at each point's nearest place, in east/north."""
    u, v = _frame(x, y, fit.cx, fit.cy, fit.angle)
    half = STRAIGHT_M / 2
    du = u - np.clip(u, -half, half)
    norm = np.hypot(du, v)
    nu = np.divide(du, norm, out=np.zeros_like(du), where=norm > 0)
    nv = np.divide(v, norm, out=np.ones_like(v), where=norm > 0)
    c, s = math.cos(fit.angle), math.sin(fit.angle)
    return nu * c - nv * s, nu * s + nv * c


def _unbiased(t: FloatArray, x: FloatArray, y: FloatArray, fit: TrackFit,
              on: BoolArray) -> tuple[FloatArray, FloatArray, float, float]:
    """Positions less the GPS bias, and the straights' half-width, from the on-track
    across-track residuals in one linear least-squares solve.

    residual_i = n_i . b(t_i) + c_late [i on the half of a straight that leads into a bend]
    + c_early [the half after a bend] + c_bend [on a bend] + k (v_i^2 - mean v^2) [on a bend]
    + noise, with b a piecewise-linear curve (a knot every ``_KNOT_S``) penalised on its
    second differences. The constants take what is the same on every lap (the lane's true
    width, the corner a watch's smoothing cuts, faster for faster running), so the bias
    curve takes only what wanders. The half-width is the late straights': the smoothing
    still pulls the runner inwards after a bend. Off-track samples keep their positions.
    """
    idx = np.flatnonzero(on)
    tt, xx, yy = t[idx], x[idx], y[idx]
    p = np.array([fit.cx, fit.cy, fit.angle, fit.half_width_m, fit.bend_m])
    res = _residuals(p, xx, yy)
    keep = np.abs(res) <= max(_REACH_M, 3 * fit.sigma_m)
    nx, ny = _normals(xx, yy, fit)
    knots = np.arange(tt[0], tt[-1] + _KNOT_S, _KNOT_S)
    m = knots.size
    pos = np.clip((tt - knots[0]) / _KNOT_S, 0, m - 1 - 1e-9)
    k0 = np.floor(pos).astype(np.intp)
    frac = pos - k0
    k1 = np.minimum(k0 + 1, m - 1)
    u, v = _frame(xx, yy, fit.cx, fit.cy, fit.angle)
    along = _along_unwrapped(xx, yy, fit)
    ahead = 1.0 if along[-1] >= 0 else -1.0
    bend = np.abs(u) > STRAIGHT_M / 2
    lead = np.where(v < 0, ahead * u, -ahead * u)
    late = ~bend & (lead >= -5.0) & (lead <= STRAIGHT_M / 2 - 15.0)
    speed = np.abs(np.gradient(along, tt)) if tt.size > 1 else np.zeros(1)
    speed2 = np.clip(speed, 0.0, 10.0) ** 2
    a = np.zeros((tt.size, 2 * m + 4))
    rows = np.arange(tt.size)
    for comp, normal in ((0, nx), (1, ny)):
        np.add.at(a, (rows, comp * m + k0), normal * (1 - frac))
        np.add.at(a, (rows, comp * m + k1), normal * frac)
    a[:, 2 * m] = bend * (speed2 - speed2[bend].mean() if bend.any() else 0.0)
    a[:, 2 * m + 1] = late
    a[:, 2 * m + 2] = ~bend & ~late
    a[:, 2 * m + 3] = bend
    a, rhs = a[keep], res[keep]
    b = np.linalg.solve(a.T @ a + _penalty(m), a.T @ rhs)
    bx = b[k0] * (1 - frac) + b[k1] * frac
    by = b[m + k0] * (1 - frac) + b[m + k1] * frac
    ox, oy = x.copy(), y.copy()
    ox[idx] -= bx
    oy[idx] -= by
    shrink = fit.half_width_m + float(b[2 * m + 1]) - fit.bend_m - float(b[2 * m + 3])
    v2 = float(speed2[bend].mean()) if bend.any() else 0.0
    lag = math.sqrt(2 * fit.bend_m * shrink / v2) if shrink > 0 and v2 > 1.0 else 0.0
    return ox, oy, fit.half_width_m + float(b[2 * m + 1]), lag


def _penalty(m: int) -> FloatArray:
    """Second differences of each component (stiffness) plus a small pull to zero."""
    size = 2 * m + 4
    out = np.eye(size) * _SHRINK
    if m >= 3:
        d2 = np.zeros((m - 2, m))
        i = np.arange(m - 2)
        d2[i, i], d2[i, i + 1], d2[i, i + 2] = 1.0, -2.0, 1.0
        block = _STIFFNESS * d2.T @ d2
        out[:m, :m] += block
        out[m:2 * m, m:2 * m] += block
    out[2 * m:, 2 * m:] = np.eye(4) * 1e-6
    return out


def _along(x: FloatArray, y: FloatArray, fit: TrackFit, lane: int) -> FloatArray:
    """Each point's place along ``lane``'s line (0 to its length), from the start of the
    straight at v < 0, going round with u increasing on it."""
    r = lane_radius_m(lane)
    u, v = _frame(x, y, fit.cx, fit.cy, fit.angle)
    half = STRAIGHT_M / 2
    s = np.where(v < 0, u + half, STRAIGHT_M + math.pi * r + (half - u))
    east = u > half
    s = np.where(east, STRAIGHT_M + r * (np.arctan2(v, u - half) + math.pi / 2), s)
    west = u < -half
    ang = np.mod(np.arctan2(v, u + half) - math.pi / 2, 2 * math.pi)  # 0 at the top
    s = np.where(west, 2 * STRAIGHT_M + math.pi * r + r * ang, s)
    return np.mod(s, lane_length_m(lane))


def _along_unwrapped(x: FloatArray, y: FloatArray, fit: TrackFit) -> FloatArray:
    lane = _lane(fit.half_width_m)
    return np.abs(_unwrap(_along(x, y, fit, lane), lane_length_m(lane)))


def _unwrap(s: FloatArray, length: float) -> FloatArray:
    """Places along a loop made cumulative (from 0), either way round."""
    if s.size < 2:
        return np.zeros(s.size)
    step = np.diff(s)
    step = (step + length / 2) % length - length / 2
    return np.concatenate(([0.0], np.cumsum(step)))


def _part(t: FloatArray, recorded: FloatArray, s: FloatArray, on: BoolArray, fit: TrackFit,
          lane: int, anchors_s: FloatArray | None) -> TrackPart:
    """The corrected distance column, the on-track totals, the laps and 200 m splits."""
    length = lane_length_m(lane)
    rec = np.nan_to_num(np.diff(recorded)) if recorded.size > 1 else np.zeros(0)
    step = np.diff(s)
    step = (step + length / 2) % length - length / 2
    both = on[1:] & on[:-1]
    sign = 1.0 if step[both].sum() >= 0 else -1.0
    inc = np.where(both, sign * step, rec)
    corrected = np.maximum.accumulate(np.concatenate(([0.0], np.cumsum(inc))))
    first = recorded[np.isfinite(recorded)]
    corrected = corrected + (float(first[0]) if first.size else 0.0)
    track_m = float(np.clip(sign * step[both], 0, None).sum())
    gps_m = float(np.clip(rec[both], 0, None).sum())
    laps, halves = _laps(t, corrected, on, anchors_s)
    return TrackPart(fit, lane, laps, halves, track_m, gps_m, corrected, on)


def _as_recorded(t: FloatArray, recorded: FloatArray,
                 anchors_s: FloatArray | None) -> TrackPart | None:
    """A watch's own track-mode recording: its distance, and the laps counted on it."""
    known = np.isfinite(recorded)
    if known.sum() < 60:
        return None
    d = np.maximum.accumulate(np.where(known, recorded, -np.inf))
    d = np.where(np.isfinite(d), d, float(recorded[known][0]))
    on = np.ones(t.size, dtype=bool)
    laps, halves = _laps(t, d, on, anchors_s)
    total = float(d[-1] - d[0])
    fit = TrackFit(math.nan, math.nan, math.nan, math.nan, math.nan, math.nan)
    return TrackPart(fit, 1, laps, halves, total, total, d, on)


def _stretches(on: BoolArray) -> list[tuple[int, int]]:
    cuts = np.flatnonzero(np.diff(on.astype(np.int8))) + 1
    bounds = zip(np.concatenate(([0], cuts)), np.concatenate((cuts, [on.size])), strict=True)
    return [(int(a), int(b)) for a, b in bounds if on[a]]


def _laps(t: FloatArray, d: FloatArray, on: BoolArray,
          anchors_s: FloatArray | None) -> tuple[tuple[TrackLap, ...], tuple[float, ...]]:
    laps: list[TrackLap] = []
    halves: list[float] = []
    origin = float(t[0])
    for a, b in _stretches(on):
        tt, dd = t[a:b], d[a:b]
        for seg in segments(tt, dd, anchors_s):
            for start, split, metres in _pieces(tt, dd, seg, LAP_M):
                laps.append(TrackLap(len(laps) + 1, start - origin, split, metres))
            halves.extend(split for _, split, metres in _pieces(tt, dd, seg, LAP_M / 2)
                          if metres >= LAP_M / 2 - 1e-6)
    return tuple(laps), tuple(halves)


def _pieces(t: FloatArray, d: FloatArray, seg: Segment,
            every: float) -> list[tuple[float, float, float]]:
    """(start s, split s, metres) of ``every`` metres from the segment's start; the rest is a
    last, shorter piece unless under ``_MIN_PIECE_M`` (then it joins the one before)."""
    total = seg.end_m - seg.start_m
    if total <= 0:
        return []
    marks: FloatArray = seg.start_m + every * np.arange(0, int(total // every) + 1,
                                                        dtype=np.float64)
    if seg.end_m - marks[-1] >= _MIN_PIECE_M or marks.size == 1:
        marks = np.concatenate((marks, [seg.end_m]))
    else:
        marks[-1] = seg.end_m
    times = _crossings(t, d, marks, seg)
    times[0], times[-1] = seg.start_s, seg.end_s
    return [(float(times[k]), float(times[k + 1] - times[k]), float(marks[k + 1] - marks[k]))
            for k in range(marks.size - 1)]


def _crossings(t: FloatArray, d: FloatArray, marks: FloatArray, seg: Segment) -> FloatArray:
    """When the distance passed each mark: a straight line fitted to the distance over
    ``_CROSS_S`` either side (inside the segment), which averages the GPS noise out; plain
    interpolation where too few samples are near."""
    times = np.interp(marks, d, t)
    for k, at in enumerate(times):
        near = (t >= max(at - _CROSS_S, seg.start_s)) & (t <= min(at + _CROSS_S, seg.end_s))
        if near.sum() < 5:
            continue
        slope, offset = np.polyfit(t[near] - at, d[near], 1)
        if slope > 0.5:
            times[k] = at + float(np.clip((marks[k] - offset) / slope, -_CROSS_S, _CROSS_S))
    return times
