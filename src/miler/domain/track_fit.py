"""The standard 400 m track and how a watch's GPS sees it: the geometry, the robust fit of a
track to the points of a run, and the model of the GPS error around it (a slowly wandering
bias, the bends cut by the watch's smoothing), estimated in one linear least-squares solve.

Geometry (World Athletics' standard 400 m track, Track and Field Facilities Manual 2019,
section 2.2): two straights of 84.39 m joined by two bends of radius 36.50 m to the kerb;
lane 1 is measured 0.30 m outside the kerb (2 x 84.39 + 2 pi 36.80 = 400.00 m), every other
lane 0.20 m outside its inner line, lanes 1.22 m wide. In the track's own frame (``u`` along
the straights, ``v`` across, origin at the centre) a lane line is every point at its radius
from the segment joining the two bend centres: a capsule, so the distance from a point to it
and the point's place along it are closed-form. ``track.py`` uses this to correct a run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

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
_FIT_POINTS: Final = 6_000
_CELL_M: Final = 40.0
#: A sample this far (or 3 robust sigmas, if more) from the fitted lane is off the track.
REACH_M: Final = 12.0
#: The fit is a track's when the on-track residuals' robust sigma is at most this, ...
_MAX_SIGMA_M: Final = 7.0
#: ... the straights' half-width is a lane's (lane 1 to 8, give or take) ...
_HALF_WIDTH_M: Final = (35.0, KERB_RADIUS_M + LANES * LANE_WIDTH_M + 1.0)
#: ... and the bends are no tighter than this (a watch's smoothing cuts a few metres), nor
#: this much wider than the straights.
_MIN_BEND_M: Final = 30.0
_BEND_OVER_WIDTH_M: Final = 3.0
#: So the samples near a plausible fit lie within this span of each other, in any direction:
#: the straights, plus at each end the widest bend accepted and the farthest reach (3 sigmas
#: at most). ``track._goes_round`` turns away runs that never go round within it.
MAX_SPAN_M: Final = STRAIGHT_M + 2 * (_HALF_WIDTH_M[1] + _BEND_OVER_WIDTH_M
                                      + max(REACH_M, 3 * _MAX_SIGMA_M))
#: ... and within this of each other across the straights (the widest bend and the farthest
#: reach on either side).
MAX_ACROSS_M: Final = MAX_SPAN_M - STRAIGHT_M
#: An on-track stretch goes round at least once, and may leave the track this long.
#: The GPS bias curve: a knot every this many seconds, and how stiff it is.
_KNOT_S: Final = 10.0
_STIFFNESS: Final = 30.0
#: ... and how much it resists moving at all: the bias as a random walk between knots,
#: weighed as the white noise's variance over the bias's change between knots (a poor day:
#: 3 m of noise, 4 m of bias over 90 s, 9 / 3.4; a good day: 1.5 m, 2.5 m over 150 s,
#: 2.25 / 0.8). Without it, where a stretch begins on a straight, the component along it
#: is unseen and the bending penalty alone lets it run off in a line.
_TENSION: Final = 3.0
_SHRINK: Final = 1.0e-3  # keeps the bias near zero where the data cannot see it




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

def unsmoothed(t: FloatArray, x: FloatArray, y: FloatArray,
                lag: float) -> tuple[FloatArray, FloatArray]:
    """Positions before an exponential filter of time constant ``lag`` seconds: each output
    moved its share alpha of the way from the last output to the input, so the input was
    the last output plus the step over alpha."""
    alpha = 1 - np.exp(-np.maximum(np.diff(t), 0.1) / lag)
    ox, oy = x.copy(), y.copy()
    ox[1:] = x[:-1] + np.diff(x) / alpha
    oy[1:] = y[:-1] + np.diff(y) / alpha
    return ox, oy


def local_metres(lat: FloatArray, lon: FloatArray) -> tuple[FloatArray, FloatArray]:
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


def frame(x: FloatArray, y: FloatArray, cx: float, cy: float,
           angle: float) -> tuple[FloatArray, FloatArray]:
    c, s = math.cos(angle), math.sin(angle)
    dx, dy = x - cx, y - cy
    return dx * c + dy * s, -dx * s + dy * c


def residuals(p: FloatArray, x: FloatArray, y: FloatArray) -> FloatArray:
    """Across-track residuals of points against the capsule p = (cx, cy, angle, w, r)."""
    u, v = frame(x, y, float(p[0]), float(p[1]), float(p[2]))
    half = STRAIGHT_M / 2
    bend = np.abs(u) > half
    out: FloatArray = np.where(bend, np.hypot(np.abs(u) - half, v) - p[4], np.abs(v) - p[3])
    return out


def fit_track(x: FloatArray, y: FloatArray) -> TrackFit | None:
    """The standard track these points go round, or None."""
    step = max(1, x.size // _FIT_POINTS)
    xs, ys = x[::step], y[::step]
    guess = _guess(xs, ys)
    if guess is None:
        return None
    p = guess
    res = residuals(p, xs, ys)
    for scale in (40.0, 25.0, 15.0, 8.0, 8.0, 8.0, 8.0):
        spread = sigma(res, np.abs(res) < scale)
        c = min(scale, max(8.0, 4.685 * spread))
        weights = np.where(np.abs(res) < c, (1 - (res / c) ** 2) ** 2, 0.0)
        if weights.sum() < 30:
            return None
        p = _gauss_newton(p, xs, ys, weights)
        res = residuals(p, xs, ys)
    res = residuals(p, xs, ys)
    inside = np.abs(res) < max(REACH_M, 3 * sigma(res, weights > 0))
    fit = TrackFit(float(p[0]), float(p[1]), float(p[2]) % math.pi, float(p[3]),
                   float(p[4]), sigma(res, inside))
    return fit if _plausible(fit, res[inside]) else None


def sigma(res: FloatArray, mask: BoolArray) -> float:
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
    # only the cells visited are counted: a run that spans kilometres (or one far-off GPS
    # fix) made a dense grid of billions of cells, 16 GiB of address space
    cells, where = np.unique(keys, return_inverse=True)
    metres = np.bincount(where.reshape(-1), weights=step)
    best = int(cells[int(np.argmax(metres))])
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
        r0 = residuals(p, x, y)
        jac = np.empty((x.size, 5))
        for k in range(5):
            q = p.copy()
            q[k] += deltas[k]
            jac[:, k] = (residuals(q, x, y) - r0) / deltas[k]
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
            and fit.bend_m >= _MIN_BEND_M and fit.bend_m <= fit.half_width_m + _BEND_OVER_WIDTH_M
            and res.size >= 60)


def lane_for(half_width_m: float) -> int:
    radii = np.array([lane_radius_m(k) for k in range(1, LANES + 1)])
    return int(np.argmin(np.abs(radii - half_width_m))) + 1
def normals(x: FloatArray, y: FloatArray, fit: TrackFit) -> tuple[FloatArray, FloatArray]:
    """Outward unit normals of the lane at each point's nearest place, in east/north."""
    u, v = frame(x, y, fit.cx, fit.cy, fit.angle)
    half = STRAIGHT_M / 2
    du = u - np.clip(u, -half, half)
    norm = np.hypot(du, v)
    nu = np.divide(du, norm, out=np.zeros_like(du), where=norm > 0)
    nv = np.divide(v, norm, out=np.ones_like(v), where=norm > 0)
    c, s = math.cos(fit.angle), math.sin(fit.angle)
    return nu * c - nv * s, nu * s + nv * c

@dataclass(frozen=True, slots=True)
class Bias:
    """The GPS error model fitted around a track: the wandering bias (east and north, at
    knots every ``_KNOT_S`` from ``t0``), the constants every lap repeats, the straights'
    half-width as run, the watch's smoothing lag, and the model residuals' robust sigma."""

    t0: float
    bx: FloatArray
    by: FloatArray
    constants: FloatArray  # bend cut per (m/s)^2, late straights, early straights, bends
    half_width_m: float
    lag_s: float
    sigma_m: float


def fit_bias(t: FloatArray, x: FloatArray, y: FloatArray, fit: TrackFit,
             on: BoolArray, weights: FloatArray | None = None) -> Bias:
    """The GPS error around the track from the on-track across-track residuals, in one
    linear least-squares solve.

    residual_i = n_i . b(t_i) + c_late [i on the half of a straight that leads into a bend]
    + c_early [the half after a bend] + c_bend [on a bend] + k (v_i^2 - mean v^2) [on a bend]
    + noise, with b a piecewise-linear curve (a knot every ``_KNOT_S``) penalised on its
    second differences. The constants take what is the same on every lap (the lane's true
    width, the corner a watch's smoothing cuts, faster for faster running), so the bias
    curve takes only what wanders. The half-width is the late straights': the smoothing
    still pulls the runner inwards after a bend.
    """
    idx = np.flatnonzero(on)
    tt = t[idx]
    res = residuals(_params(fit), x[idx], y[idx])
    keep = np.abs(res) <= max(REACH_M, 3 * fit.sigma_m)
    m = math.floor((tt[-1] - tt[0]) / _KNOT_S) + 2
    a, bend, speed2 = _design(tt, x[idx], y[idx], fit, float(tt[0]), m)
    w = np.ones(idx.size) if weights is None else weights[idx]
    aw = a[keep] * w[keep, None]
    normal = aw.T @ a[keep] + _penalty(m)
    b = np.asarray(np.linalg.solve(normal, aw.T @ res[keep]), dtype=np.float64)
    late = fit.half_width_m + float(b[2 * m + 1])
    bend_m = fit.bend_m + float(b[2 * m + 3])
    v2 = float(speed2[bend].mean()) if bend.any() else 0.0
    model = res - a @ b
    return Bias(float(tt[0]), b[:m], b[m:2 * m], b[2 * m:], late, _lag(late, bend_m, v2),
                sigma(model, keep))


def _lag(radius_m: float, bend_m: float, v2: float) -> float:
    """The time constant of an exponential filter that shrinks a circle of ``radius_m`` run
    at sqrt(v2) m/s to ``bend_m``: it turns it into one of radius R / sqrt(1 + (w tau)^2),
    w = v / R."""
    if bend_m >= radius_m or bend_m <= 0 or v2 <= 1.0:
        return 0.0
    return radius_m / math.sqrt(v2) * math.sqrt((radius_m / bend_m) ** 2 - 1)


def _design(t: FloatArray, x: FloatArray, y: FloatArray, fit: TrackFit, t0: float,
            m: int) -> tuple[FloatArray, BoolArray, FloatArray]:
    """The model's columns for these samples (knots clipped: the bias is held beyond its
    ends), with which samples are on a bend and their speed squared."""
    nx, ny = normals(x, y, fit)
    pos = np.clip((t - t0) / _KNOT_S, 0, m - 1 - 1e-9)
    k0 = np.floor(pos).astype(np.intp)
    frac = pos - k0
    k1 = np.minimum(k0 + 1, m - 1)
    u, v = frame(x, y, fit.cx, fit.cy, fit.angle)
    run = along_unwrapped(x, y, fit)
    ahead = 1.0 if run[-1] >= 0 else -1.0
    bend = np.abs(u) > STRAIGHT_M / 2
    lead = np.where(v < 0, ahead * u, -ahead * u)
    late = ~bend & (lead >= -5.0) & (lead <= STRAIGHT_M / 2 - 15.0)
    speed = np.abs(np.gradient(run, t)) if t.size > 1 else np.zeros(t.size)
    speed2 = np.clip(speed, 0.0, 10.0) ** 2
    a = np.zeros((t.size, 2 * m + 4))
    rows = np.arange(t.size)
    for comp, normal in ((0, nx), (1, ny)):
        np.add.at(a, (rows, comp * m + k0), normal * (1 - frac))
        np.add.at(a, (rows, comp * m + k1), normal * frac)
    a[:, 2 * m] = bend * (speed2 - speed2[bend].mean() if bend.any() else 0.0)
    a[:, 2 * m + 1] = late
    a[:, 2 * m + 2] = ~bend & ~late
    a[:, 2 * m + 3] = bend
    return a, bend, speed2


def model_residuals(bias: Bias, t: FloatArray, x: FloatArray, y: FloatArray,
                    fit: TrackFit) -> FloatArray:
    """What the error model leaves of these samples' across-track residuals."""
    m = bias.bx.size
    a, _, _ = _design(t, x, y, fit, bias.t0, m)
    b = np.concatenate((bias.bx, bias.by, bias.constants))
    out: FloatArray = residuals(_params(fit), x, y) - a @ b
    return out


def unbiased(bias: Bias, t: FloatArray, x: FloatArray,
             y: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Positions less the bias (held at its ends' values beyond them)."""
    m = bias.bx.size
    pos = np.clip((t - bias.t0) / _KNOT_S, 0, m - 1 - 1e-9)
    k0 = np.floor(pos).astype(np.intp)
    frac = pos - k0
    k1 = np.minimum(k0 + 1, m - 1)
    return (x - (bias.bx[k0] * (1 - frac) + bias.bx[k1] * frac),
            y - (bias.by[k0] * (1 - frac) + bias.by[k1] * frac))


def _params(fit: TrackFit) -> FloatArray:
    return np.array([fit.cx, fit.cy, fit.angle, fit.half_width_m, fit.bend_m])


def _penalty(m: int) -> FloatArray:
    """Second differences of each component (stiffness), first differences (tension) and
    a small pull to zero."""
    size = 2 * m + 4
    out = np.eye(size) * _SHRINK
    if m >= 3:
        d2 = np.zeros((m - 2, m))
        i = np.arange(m - 2)
        d2[i, i], d2[i, i + 1], d2[i, i + 2] = 1.0, -2.0, 1.0
        d1 = np.zeros((m - 1, m))
        j = np.arange(m - 1)
        d1[j, j], d1[j, j + 1] = -1.0, 1.0
        block = _STIFFNESS * d2.T @ d2 + _TENSION * d1.T @ d1
        out[:m, :m] += block
        out[m:2 * m, m:2 * m] += block
    out[2 * m:, 2 * m:] = np.eye(4) * 1e-6
    return out


def along(x: FloatArray, y: FloatArray, fit: TrackFit, lane: int) -> FloatArray:
    """Each point's place along ``lane``'s line (0 to its length), from the start of the
    straight at v < 0, going round with u increasing on it."""
    r = lane_radius_m(lane)
    u, v = frame(x, y, fit.cx, fit.cy, fit.angle)
    half = STRAIGHT_M / 2
    s = np.where(v < 0, u + half, STRAIGHT_M + math.pi * r + (half - u))
    east = u > half
    s = np.where(east, STRAIGHT_M + r * (np.arctan2(v, u - half) + math.pi / 2), s)
    west = u < -half
    ang = np.mod(np.arctan2(v, u + half) - math.pi / 2, 2 * math.pi)  # 0 at the top
    s = np.where(west, 2 * STRAIGHT_M + math.pi * r + r * ang, s)
    return np.mod(s, lane_length_m(lane))


def along_unwrapped(x: FloatArray, y: FloatArray, fit: TrackFit) -> FloatArray:
    lane = lane_for(fit.half_width_m)
    return np.abs(unwrap(along(x, y, fit, lane), lane_length_m(lane)))


def unwrap(s: FloatArray, length: float) -> FloatArray:
    """Places along a loop made cumulative (from 0), either way round."""
    if s.size < 2:
        return np.zeros(s.size)
    step = np.diff(s)
    step = (step + length / 2) % length - length / 2
    return np.concatenate(([0.0], np.cumsum(step)))

