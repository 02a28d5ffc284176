"""The track as it really is: the stretches of a run on a standard 400 m track, its GPS
corrected onto the runner's lane, and the laps counted as the runner ran them.

Geometry: ``track_fit.py`` (World Athletics' standard 400 m track; a lane line is a capsule
around the segment joining the bend centres).

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
   partial lap of its own length. A rep read a few metres over a 200 m line ends on it, and
   a road's last steps before a rep leave the on-track part (the bias solved again).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

from miler.domain.segments import MIN_REST_S, OVER_M, Segment, segments, to_the_line
from miler.domain.track_fit import (
    KERB_RADIUS_M,
    LANE_WIDTH_M,
    LAP_M,
    MAX_ACROSS_M,
    MAX_SPAN_M,
    REACH_M,
    STRAIGHT_M,
    Bias,
    TrackFit,
    along,
    fit_bias,
    fit_track,
    frame,
    lane_for,
    lane_length_m,
    lane_radius_m,
    local_metres,
    model_residuals,
    normals,
    residuals,
    sigma,
    unbiased,
    unsmoothed,
    unwrap,
)

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

MAX_TRACK_SAMPLES: Final = 30_000
#: The cheap test (``_goes_round``): a full turn, give or take GPS, within this much route.
_TURN_DEG: Final = 320.0
_TURN_WITHIN_M: Final = 480.0
_TURN_STEP_M: Final = 10.0
#: ... and the route that turned fits a track: its width, in each of this many directions,
#: within ``track_fit.MAX_SPAN_M``, and in one of them within ``_NARROW_M`` (the track's
#: width across its straights, ``track_fit.MAX_ACROSS_M``, seen from a direction at most
#: half a step between directions off the straights' normal, where the straights add
#: ``STRAIGHT_M * sin(pi / 16)``: 159.0 m). Windows are measured this many at a time.
_DIRECTIONS: Final = 8
_NARROW_M: Final = MAX_ACROSS_M + STRAIGHT_M * math.sin(math.pi / (2 * _DIRECTIONS))
_WINDOWS_AT_ONCE: Final = 1024
_MIN_LOOPS: Final = 1.0
_GAP_S: Final = 15.0
#: Moving along the lane: over this many samples either side, the step across the lane is
#: at most this share of the step (a heading within about 35 degrees of the lane's).
_HEADING_SAMPLES: Final = 3
_ACROSS: Final = 0.57
#: A last piece shorter than this joins the lap before it (the runner stopped a step late);
#: where no lap press ends the effort, one shorter than ``OVER_M`` does (a boundary read off
#: the pace a second or two late: a jog of 406 m is one lap of 406 m, not 400 m and 6 m).
_MIN_PIECE_M: Final = 5.0
#: A segment shorter than this is no effort of its own (see ``_merged``).
_MIN_SEGMENT_M: Final = 25.0
#: A watch's smoothing lag shorter than this is left alone; the lag is read again at most
#: this many times.
_MIN_LAG_S: Final = 0.5
_LAG_ROUNDS: Final = 4
_MAX_LAG_S: Final = 10.0
#: An on-track stretch's ends: the error model is fitted without this much of each end,
#: and a stretch ends where ``_TRIM_RUN`` samples in a row are more than ``_TRIM_SIGMAS``
#: of its robust sigma (and ``_TRIM_M``) off the model.
_CORE_S: Final = 30.0
_TRIM_SIGMAS: Final = 3.5
_TRIM_M: Final = 2.5
_TRIM_RUN: Final = 3
#: ... more this many metres a second away from the core (the bias is held at the core's
#: end, and wanders; a road leaves the lane at metres a second).
_DRIFT_M_S: Final = 0.12
#: The model is then refitted to the stretches as placed this many times, and their ends
#: placed again allowing this much drift.
_REFITS: Final = 2
_REFIT_DRIFT_M_S: Final = 0.03
#: The place along the lane is averaged over this many samples, centred.
_AVERAGE: Final = 5
#: A lap's end is read off a line fitted to this many seconds of distance either side.
_CROSS_S: Final = 8.0

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
    x, y = local_metres(lat, lon)
    if not _goes_round(x, y):
        return None
    found = _found(time_s, x, y)
    if found is None:
        return None
    fit, on, _ = found
    x, y = _undo_smoothing(time_s, x, y, found)
    on, weights = _trimmed(time_s, x, y, fit, on)
    if not on.any():
        return None
    bias = fit_bias(time_s, x, y, fit, on, weights)
    lane = lane_for((bias.half_width_m + fit.bend_m + float(bias.constants[3])) / 2)
    s = _along(time_s, x, y, fit, bias, on, lane)
    joined = _joined_at_pace(time_s, s, on, lane_length_m(lane), anchors_s)
    if joined is not on:
        on = joined
        bias = fit_bias(time_s, x, y, fit, on, weights)
        s = _along(time_s, x, y, fit, bias, on, lane)
    return _part(time_s, distance_m, s, on, fit, lane, anchors_s)


def _along(t: FloatArray, x: FloatArray, y: FloatArray, fit: TrackFit, bias: Bias,
           on: BoolArray, lane: int) -> FloatArray:
    px, py = unbiased(bias, t, x, y)
    return _smoothed(t, along(px, py, fit, lane), on, lane_length_m(lane))


def _joined_at_pace(t: FloatArray, s: FloatArray, on: BoolArray, length: float,
                    anchors_s: FloatArray | None) -> BoolArray:
    """The on-track samples, less the last steps of a road that joins the track straight
    into a rep: a stretch (not the recording's start) that begins with a slow piece too
    short to be a recovery (``segments``) before a fast one begins where the pace changes.
    Those steps, a few metres off the lane at a slant, pulled the bias; the caller refits
    it without them. ``on`` itself when nothing changes."""
    out = on
    for a, b in _stretches(on):
        if a == 0 or b - a < 2:
            continue
        run = unwrap(s[a:b], length)
        parts = segments(t[a:b], np.abs(run), anchors_s)
        if len(parts) > 1 and not parts[0].fast and parts[1].fast \
                and parts[0].elapsed_s < MIN_REST_S:
            if out is on:
                out = on.copy()
            out[a:int(np.searchsorted(t, parts[0].end_s))] = False
    return out


Found = tuple[TrackFit, BoolArray, Bias]


def _goes_round(x: FloatArray, y: FloatArray) -> bool:
    """The cheap test first: somewhere the route turns a full circle (``_TURN_DEG``) within
    ``_TURN_WITHIN_M`` of its length, as once round a 400 m track does and a road run
    hardly ever does, and that stretch of route fits inside a track (``_fits_a_track``):
    a loop round a roundabout or a block fails. The route is resampled every
    ``_TURN_STEP_M`` first, so GPS jitter while standing does not turn it. Linear in the
    samples; everything costlier is only for runs that pass."""
    step = np.hypot(np.diff(x), np.diff(y))
    # a GPS jump of hundreds of kilometres is straight: no window that turns can hold more
    # than _TURN_WITHIN_M of it, so only that much is resampled (in whole steps, so the
    # route after it is resampled at the same places)
    long = step > _TURN_WITHIN_M
    if long.any():
        step[long] = _TURN_WITHIN_M + np.mod(step[long] - _TURN_WITHIN_M, _TURN_STEP_M)
    path = np.concatenate(([0.0], np.cumsum(step)))
    if path[-1] < _TURN_WITHIN_M:
        return False
    at = np.arange(0.0, path[-1], _TURN_STEP_M)
    rx, ry = np.interp(at, path, x), np.interp(at, path, y)
    heading = np.unwrap(np.arctan2(np.diff(ry), np.diff(rx)))
    span = int(_TURN_WITHIN_M / _TURN_STEP_M)
    if heading.size <= span:
        return False
    turned = np.abs(heading[span:] - heading[:-span])
    starts = np.flatnonzero(turned >= math.radians(_TURN_DEG))
    return starts.size > 0 and _fits_a_track(rx, ry, starts, span + 2)


def _fits_a_track(x: FloatArray, y: FloatArray, starts: NDArray[np.intp], size: int) -> bool:
    """Whether one of the windows of ``size`` points from ``starts`` is no wider than
    ``MAX_SPAN_M`` in every one of ``_DIRECTIONS`` directions, and no wider than
    ``_NARROW_M`` in one of them. A window the fit could accept (all of it near the track,
    inside a capsule ``MAX_ACROSS_M`` wide round a straight's length) always passes: its
    width in any direction is at most its diameter, and in the direction nearest the
    straights' normal (at most pi / 16 off it) at most the capsule's there, ``_NARROW_M``.
    A loop of a few hundred metres round a block, a roundabout or a park does not."""
    angles = np.arange(_DIRECTIONS) * (math.pi / _DIRECTIONS)
    cos, sin = np.cos(angles)[:, None, None], np.sin(angles)[:, None, None]
    offsets = np.arange(size)
    for first in range(0, starts.size, _WINDOWS_AT_ONCE):
        rows = starts[first:first + _WINDOWS_AT_ONCE, None] + offsets
        widths = np.ptp(x[rows] * cos + y[rows] * sin, axis=2)
        if bool(((widths.max(axis=0) <= MAX_SPAN_M)
                 & (widths.min(axis=0) <= _NARROW_M)).any()):
            return True
    return False


def _found(t: FloatArray, x: FloatArray, y: FloatArray) -> Found | None:
    fit = fit_track(x, y)
    if fit is None:
        return None
    on = _on_track(t, x, y, fit, lane_for(fit.half_width_m))
    if not on.any():
        return None
    return fit, on, fit_bias(t, x, y, fit, on)


def _undo_smoothing(t: FloatArray, x: FloatArray, y: FloatArray,
                    found: Found) -> tuple[FloatArray, FloatArray]:
    """The positions before the watch's smoothing, when it cut the bends by more than
    ``_MIN_LAG_S`` of lag. An exponential filter of time constant tau shrinks a bend
    (radius R / sqrt(1 + (w tau)^2)) and barely touches a straight, so tau is the lag that,
    undone, leaves the bends as round as the straights are wide: found by the secant
    method from no lag and the lag the cut suggests, ``_LAG_ROUNDS`` steps at most.
    Undone, the positions no longer trail the runner, so the changes of pace and the laps
    fall when they were run."""
    fit, on, bias = found
    if bias.lag_s < _MIN_LAG_S:
        return x, y

    def gap(lag: float) -> float:
        b = fit_bias(t, *unsmoothed(t, x, y, lag), fit, on) if lag > 0 else bias
        return float(b.constants[3] - b.constants[1]) + fit.bend_m - fit.half_width_m

    best = _least_gap(gap, bias.lag_s)
    return unsmoothed(t, x, y, best) if best > 0 else (x, y)


def _least_gap(gap: Callable[[float], float], lag: float) -> float:
    """The lag from 0 to ``_MAX_LAG_S`` whose ``gap`` is nearest zero: the secant method from
    no lag and ``lag``, ``_LAG_ROUNDS`` steps at most. It stops where the gap no longer grows
    with the lag, or where the lag no longer moves (held at a bound: a second step there
    would divide by zero)."""
    lags = [0.0, lag]
    gaps = [gap(0.0), gap(lag)]
    for _ in range(_LAG_ROUNDS):
        moved = lags[-1] - lags[-2]
        if moved == 0:
            break
        slope = (gaps[-1] - gaps[-2]) / moved
        if slope <= 0 or abs(gaps[-1]) < 0.05:
            break
        lags.append(float(np.clip(lags[-1] - gaps[-1] / slope, 0.0, _MAX_LAG_S)))
        gaps.append(gap(lags[-1]))
    return lags[int(np.argmin(np.abs(gaps)))]


def _trimmed(t: FloatArray, x: FloatArray, y: FloatArray, fit: TrackFit,
             on: BoolArray) -> tuple[BoolArray, FloatArray | None]:
    """Each on-track stretch's ends placed by the error model: the model is fitted to the
    stretches less ``_CORE_S`` at each end (where a road may still be joining), and a
    stretch runs, from its core outwards, up to the first few samples the model cannot
    explain (``_TRIM_SIGMAS`` robust sigmas, at least ``_TRIM_M``), at most ``_CORE_S``
    beyond where it was. The model is then refitted to the stretches as placed, robustly
    (samples off it by more than the limit weigh nothing), so the bias near each end is
    estimated rather than held from the core, and the ends are placed again allowing
    little drift. A road that meets the track at a slant, or a run through a bend's
    infield, passes the looser first test but not this one."""
    stretches = _stretches(on)
    core = np.zeros(on.size, dtype=bool)
    for a, b in stretches:
        inner = (t >= t[a] + _CORE_S) & (t <= t[b - 1] - _CORE_S)
        inner[:a] = False
        inner[b:] = False
        core |= inner
    if core.sum() < 60:
        return on, None
    bias = fit_bias(t, x, y, fit, core)
    spread = sigma(_averaged(model_residuals(bias, t[core], x[core], y[core], fit)),
                   np.ones(int(core.sum()), dtype=bool))
    limit = max(_TRIM_M, _TRIM_SIGMAS * spread)
    out = _ends(t, x, y, fit, bias, stretches, core, limit, _DRIFT_M_S)
    for _ in range(_REFITS):
        # the model refitted to the stretches as now placed, robustly (Tukey's biweight):
        # the bias near the ends is then seen, not held, and a road off it stays off
        off = _averaged(model_residuals(bias, t, x, y, fit))
        weights = np.where(np.abs(off) < limit, (1 - (off / limit) ** 2) ** 2, 0.0)
        weights[core] = 1.0
        bias = fit_bias(t, x, y, fit, out, weights)
        out = _ends(t, x, y, fit, bias, stretches, core, limit, _REFIT_DRIFT_M_S)
    off = _averaged(model_residuals(bias, t, x, y, fit))
    weights = np.where(np.abs(off) < limit, (1 - (off / limit) ** 2) ** 2, 0.0)
    weights[core] = 1.0
    return out, weights


def _ends(t: FloatArray, x: FloatArray, y: FloatArray, fit: TrackFit, bias: Bias,
          stretches: list[tuple[int, int]], core: BoolArray, limit: float,
          drift: float) -> BoolArray:
    """Each stretch from its core outwards up to the first samples the model cannot
    explain (more than ``limit``, plus ``drift`` metres a second away from the core)."""
    on_size = core.size
    out = np.zeros(on_size, dtype=bool)
    before = 0
    for k, (a, b) in enumerate(stretches):
        after = stretches[k + 1][0] if k + 1 < len(stretches) else on_size
        lo = max(before, int(np.searchsorted(t, t[a] - _CORE_S)))
        hi = min(after, int(np.searchsorted(t, t[b - 1] + _CORE_S, side="right")))
        inner = np.flatnonzero(core[a:b])
        if inner.size == 0:
            out[a:b] = True
            before = b
            continue
        c0, c1 = a + int(inner[0]), a + int(inner[-1]) + 1
        off = _averaged(model_residuals(bias, t[lo:hi], x[lo:hi], y[lo:hi], fit))
        away = np.maximum(t[c0] - t[lo:hi], t[lo:hi] - t[c1 - 1]).clip(0.0)
        bad = _persistent(np.abs(off) > limit + drift * away)
        # the recording's own start and end are where the runner was, not a join
        start = a if a == 0 else lo + _last_true(bad[: c0 - lo]) + 1
        end = b if b == on_size else c1 + _first_true(bad[c1 - lo:])
        out[start:end] = True
        before = end
    return out


def _averaged(r: FloatArray) -> FloatArray:
    """A centred moving average over ``_AVERAGE`` samples: a road a few metres off the lane
    stays off, the noise averages out."""
    k = _AVERAGE
    if r.size <= k:
        return r
    out = r.copy()
    out[k // 2: r.size - k // 2] = np.convolve(r, np.ones(k) / k, "valid")
    return out


def _persistent(bad: BoolArray) -> BoolArray:
    """Samples that begin or sit in ``_TRIM_RUN`` failures in a row (a single outlier does
    not end a stretch)."""
    k = _TRIM_RUN
    if bad.size < k:
        return bad
    runs = np.convolve(bad.astype(np.int64), np.ones(k, dtype=np.int64), "valid") == k
    out = np.zeros(bad.size, dtype=bool)
    for j in range(k):
        out[j:j + runs.size] |= runs
    return out


def _last_true(mask: BoolArray) -> int:
    hits = np.flatnonzero(mask)
    return int(hits[-1]) if hits.size else -1


def _first_true(mask: BoolArray) -> int:
    hits = np.flatnonzero(mask)
    return int(hits[0]) if hits.size else mask.size


def _smoothed(t: FloatArray, s: FloatArray, on: BoolArray, length: float) -> FloatArray:
    """The place along the lane, unwrapped and averaged over ``_AVERAGE`` samples centred
    on each (no lag), within each on-track stretch: white noise on the positions would
    otherwise make the distance step back and forth."""
    out = s.copy()
    k = _AVERAGE
    for a, b in _stretches(on):
        run = unwrap(s[a:b], length) + s[a]
        if run.size > k:
            kernel = np.ones(k) / k
            run[k // 2: run.size - k // 2] = np.convolve(run, kernel, "valid")
        out[a:b] = np.mod(run, length)
    return out


def _on_track(t: FloatArray, x: FloatArray, y: FloatArray, fit: TrackFit,
              lane: int) -> BoolArray:
    """Samples near the lane, in stretches (short excursions forgiven) that go round at
    least once and visit both bends."""
    p = np.array([fit.cx, fit.cy, fit.angle, fit.half_width_m, fit.bend_m])
    near = np.abs(residuals(p, x, y)) <= max(REACH_M, 3 * fit.sigma_m)
    near &= _along_the_lane(x, y, fit)
    near = _bridge(t, near)
    u, _ = frame(x, y, fit.cx, fit.cy, fit.angle)
    out = np.zeros(t.size, dtype=bool)
    cuts = np.flatnonzero(np.diff(near.astype(np.int8))) + 1
    for a, b in zip(np.concatenate(([0], cuts)), np.concatenate((cuts, [t.size])), strict=True):
        if not near[a]:
            continue
        ends = (u[a:b] > STRAIGHT_M / 2).any() and (u[a:b] < -STRAIGHT_M / 2).any()
        s = along(x[a:b], y[a:b], fit, lane)
        loops = abs(unwrap(s, lane_length_m(lane))[-1]) / lane_length_m(lane) if b - a > 1 else 0
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
    nx, ny = normals(x, y, fit)
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
    track_m = float((sign * step[both]).sum())
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
        for seg in _merged(to_the_line(tt, dd, segments(tt, dd, anchors_s), anchors_s)):
            shortest = _MIN_PIECE_M if _pressed(seg.end_s, anchors_s) else OVER_M
            for start, split, metres in _pieces(tt, dd, seg, LAP_M, shortest):
                laps.append(TrackLap(len(laps) + 1, start - origin, split, metres))
            halves.extend(split for _, split, metres
                          in _pieces(tt, dd, seg, LAP_M / 2, shortest)
                          if metres >= LAP_M / 2 - 1e-6)
    return tuple(laps), tuple(halves)


def _merged(parts: tuple[Segment, ...]) -> list[Segment]:
    """The segments that are efforts: one shorter than ``_MIN_SEGMENT_M`` (the few metres
    between where a join was placed and the change of pace, or a boundary placed twice)
    is no lap of its own; its metres still count in the distance."""
    return [seg for seg in parts if seg.distance_m >= _MIN_SEGMENT_M]


def _pressed(at_s: float, anchors_s: FloatArray | None) -> bool:
    return anchors_s is not None and bool(np.any(np.abs(anchors_s - at_s) < 1e-6))


def _pieces(t: FloatArray, d: FloatArray, seg: Segment, every: float,
            shortest: float = _MIN_PIECE_M) -> list[tuple[float, float, float]]:
    """(start s, split s, metres) of ``every`` metres from the segment's start; the rest is a
    last, shorter piece unless under ``shortest`` (then it joins the one before)."""
    total = seg.end_m - seg.start_m
    if total <= 0:
        return []
    marks: FloatArray = seg.start_m + every * np.arange(0, int(total // every) + 1,
                                                        dtype=np.float64)
    if seg.end_m - marks[-1] >= shortest or marks.size == 1:
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
