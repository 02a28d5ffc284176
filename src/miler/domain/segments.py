"""A run cut where its pace changes: the reps and the jogs between them.

Pure and vectorised. Speed is the slope of the cumulative distance over a centred
``_WINDOW_S`` window; a threshold between the two speed levels (Otsu's, on the samples in
motion) marks each sample fast or slow; stretches too short to be a rep or a recovery join
their neighbours; each boundary is then placed where the windowed speed crosses the midpoint
of the levels on either side (for a clean change of pace that is the change itself, whatever
the window), and moved onto a lap-button press when one is within ``ANCHOR_S``.

A run whose fast and slow levels differ by less than ``MIN_SPEED_RATIO`` is one steady
effort: no reps.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

from miler.errors import InvalidInputError

__all__ = ["ANCHOR_S", "LINE_M", "MIN_REP_S", "MIN_REST_S", "MIN_SPEED_RATIO", "OVER_M",
           "Segment", "segments", "to_the_line"]

FloatArray = NDArray[np.float64]

#: Reps run at least this much faster than the jogs between them. 400 m reps at 1:27 with
#: 400 m jogs at 1:50 (the corpus's Fenix 6 session) differ by 26 %; a steady run's pace
#: wanders by a few percent.
MIN_SPEED_RATIO: Final = 1.15
#: A fast stretch shorter than this is no rep (a surge past someone, a GPS jump).
MIN_REP_S: Final = 25.0
#: A slow stretch shorter than this is no recovery.
MIN_REST_S: Final = 12.0
#: Laps are the reps and recoveries when this share of each lap's samples runs at its
#: lap's level (the runner pressed the button, or the watch's auto-lap fell there).
_PURE_LAP: Final = 0.7
#: The speed of a sample: distance over this centred window.
_WINDOW_S: Final = 5.0
#: The levels either side of a boundary: the median speed this far from it.
_LEVEL_S: Final = (4.0, 20.0)
#: Boundaries are placed this many at a time (``_boundaries``).
_CUTS_AT_ONCE: Final = 4096
#: A boundary this close to a lap-button press is the press.
ANCHOR_S: Final = 6.0
#: Reps on a track run from line to line, 200 m apart (every rep miler plans is a
#: multiple of 200 m but the mile); a rep measured up to ``OVER_M`` over one ended on it.
LINE_M: Final = 200.0
OVER_M: Final = 12.0
#: Slower than this is standing (not used to set the speed levels).
_STANDING_M_S: Final = 0.8


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of steady pace: a rep (``fast``) or the jog or rest around it."""

    start_s: float
    end_s: float
    start_m: float
    end_m: float
    fast: bool

    @property
    def elapsed_s(self) -> float:
        return self.end_s - self.start_s

    @property
    def distance_m(self) -> float:
        return self.end_m - self.start_m


def segments(time_s: FloatArray, distance_m: FloatArray,
             anchors_s: FloatArray | None = None) -> tuple[Segment, ...]:
    """The fast and slow stretches of a run, in order, covering it from end to end.

    ``distance_m`` is cumulative (non-decreasing); ``anchors_s`` are lap-button presses (times
    on the same clock), used as boundaries where the pace changes near them. A run without
    two clear speed levels is one steady segment (``fast`` False).
    """
    t, d = _checked(time_s, distance_m)
    if t.size < 2:
        return ()
    whole = (Segment(float(t[0]), float(t[-1]), float(d[0]), float(d[-1]), False),)
    speed = _speed(t, d)
    threshold = _threshold(speed)
    if threshold is None:
        return whole
    by_laps = _from_laps(t, d, speed > threshold, anchors_s)
    if by_laps is not None:
        edges, flags = by_laps
    else:
        fast = _tidy(t, speed > threshold)
        cuts = np.flatnonzero(np.diff(fast.astype(np.int8))) + 1
        if cuts.size == 0:
            return whole
        times = _boundaries(t, speed, cuts, threshold)
        times = _anchored(np.maximum.accumulate(times), anchors_s)
        edges = np.concatenate(([t[0]], times, [t[-1]]))
        flags = [bool(fast[0])] + [bool(fast[i]) for i in cuts]
    at = np.interp(edges, t, d)
    return tuple(Segment(float(edges[k]), float(edges[k + 1]), float(at[k]), float(at[k + 1]),
                         flags[k]) for k in range(len(flags)) if edges[k + 1] > edges[k])


def to_the_line(t: FloatArray, d: FloatArray, parts: Sequence[Segment],
                anchors_s: FloatArray | None = None, line_m: float = LINE_M,
                over_m: float = OVER_M) -> tuple[Segment, ...]:
    """Each rep (a fast segment with a slow one after it) measured up to ``over_m`` over a
    multiple of ``line_m`` ended on that line: the few metres over go to the recovery. A rep
    that ends on a lap press (``anchors_s``) ends where the runner said."""
    out = list(parts)
    pressed = np.zeros(0) if anchors_s is None else anchors_s[np.isfinite(anchors_s)]
    for k in range(len(out) - 1):
        rep, after = out[k], out[k + 1]
        lines = math.floor(rep.distance_m / line_m)
        over = rep.distance_m - lines * line_m
        if not rep.fast or after.fast or lines < 1 or not 0 < over <= over_m \
                or np.any(np.abs(pressed - rep.end_s) < 1e-6):
            continue
        mark = rep.start_m + lines * line_m
        end = float(np.interp(mark, d, t))
        if not rep.start_s < end < after.end_s:
            continue
        out[k] = Segment(rep.start_s, end, rep.start_m, mark, True)
        out[k + 1] = Segment(end, after.end_s, mark, after.end_m, False)
    return tuple(out)


def _from_laps(t: FloatArray, d: FloatArray, fast: NDArray[np.bool_],
               anchors_s: FloatArray | None) -> tuple[FloatArray, list[bool]] | None:
    """Edges and levels from the laps, when the laps are the reps and recoveries: at least
    three of them inside the run, two clear levels of lap pace, and each lap run mostly
    at its own level. Consecutive laps at the same level are one stretch."""
    if anchors_s is None:
        return None
    inner = np.sort(anchors_s[(anchors_s > t[0] + 1.0) & (anchors_s < t[-1] - 1.0)])
    if inner.size < 3:
        return None
    edges = np.concatenate(([t[0]], inner, [t[-1]]))
    metres = np.diff(np.interp(edges, t, d))
    speeds = metres / np.maximum(np.diff(edges), 1e-9)
    cut = _threshold(speeds[1:-1], minimum=2)  # the first and last may be part-laps
    if cut is None:
        return None
    level = speeds > cut
    which = np.clip(np.searchsorted(edges, t, side="right") - 1, 0, level.size - 1)
    agree = np.bincount(which, weights=(fast == level[which]), minlength=level.size)
    share = agree / np.maximum(np.bincount(which, minlength=level.size), 1)
    if np.any(share[1:-1] < _PURE_LAP):
        return None
    keep = np.concatenate(([True], level[1:] != level[:-1]))
    return np.concatenate((edges[:-1][keep], [t[-1]])), [bool(x) for x in level[keep]]


def _checked(time_s: FloatArray, distance_m: FloatArray) -> tuple[FloatArray, FloatArray]:
    if time_s.shape != distance_m.shape:
        raise InvalidInputError("distance_m", "must have one value per time",
                                f"{distance_m.shape} against {time_s.shape}")
    keep = np.isfinite(time_s) & np.isfinite(distance_m)
    t, d = time_s[keep], np.maximum.accumulate(distance_m[keep]) if keep.any() else distance_m
    if t.size and np.any(np.diff(t) < 0):
        raise InvalidInputError("time_s", "must never go backwards", "decreasing times")
    return t, d


def _speed(t: FloatArray, d: FloatArray) -> FloatArray:
    half = _WINDOW_S / 2
    lo = np.maximum(t - half, t[0])
    hi = np.minimum(t + half, t[-1])
    span = hi - lo
    out: FloatArray = np.divide(np.interp(hi, t, d) - np.interp(lo, t, d), span,
                                out=np.zeros_like(span), where=span > 0)
    return out


def _threshold(speed: FloatArray, minimum: int = int(2 * MIN_REP_S)) -> float | None:
    """Otsu's threshold between the slow and fast speeds, or None for one steady level."""
    moving = np.sort(speed[speed > _STANDING_M_S])
    if moving.size < minimum:
        return None
    n = moving.size
    cum = np.cumsum(moving)
    k = np.arange(1, n)
    low = cum[:-1] / k
    high = (cum[-1] - cum[:-1]) / (n - k)
    between = k * (n - k) * (high - low) ** 2
    i = int(np.argmax(between))
    if high[i] < MIN_SPEED_RATIO * low[i]:
        return None
    return float((moving[i] + moving[i + 1]) / 2)


def _tidy(t: FloatArray, fast: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """Short stretches join their neighbours: short rests first, then short reps."""
    out = _no_rep_at_the_ends(t, fast.copy())
    for value, shortest in ((False, MIN_REST_S), (True, MIN_REP_S)):
        cuts = np.flatnonzero(np.diff(out.astype(np.int8))) + 1
        starts = np.concatenate(([0], cuts))
        ends = np.concatenate((cuts, [out.size]))
        inside = (starts > 0) & (ends < out.size)  # a run's ends are never rests to fill
        short = (out[starts] == value) & (t[ends - 1] - t[starts] < shortest)
        flip = short & (inside | value)
        out ^= np.repeat(flip, ends - starts)  # the stretches are disjoint: one pass
    return out


def _no_rep_at_the_ends(t: FloatArray, out: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """A fast piece at either end shorter than ``MIN_REP_S`` is no rep (the speed there is
    read over half a window, and a join's last steps can look fast); left fast, it would make
    the slow stretch after it a short rest inside the run, to be filled."""
    cuts = np.flatnonzero(np.diff(out.astype(np.int8))) + 1
    if cuts.size == 0:
        return out
    if out[0] and t[cuts[0] - 1] - t[0] < MIN_REP_S:
        out[:cuts[0]] = False
    if out[-1] and t[-1] - t[cuts[-1]] < MIN_REP_S:
        out[cuts[-1]:] = False
    return out


def _boundaries(t: FloatArray, speed: FloatArray, cuts: NDArray[np.intp],
                threshold: float) -> FloatArray:
    """Where the windowed speed crosses the midpoint of the levels either side of each cut
    (sample ``i``): the levels are the median speeds from ``_LEVEL_S[0]`` to ``_LEVEL_S[1]``
    before and after it (``threshold`` when either side has none); the crossing nearest
    ``i`` within ``_LEVEL_S[0]`` of it (the earlier of two as near), interpolated between
    its samples; ``t[i]`` when the speed does not cross there. Every cut at once, in blocks
    of ``_CUTS_AT_ONCE``: each window is a row, padded past its end."""
    out = np.empty(cuts.size)
    for first in range(0, cuts.size, _CUTS_AT_ONCE):
        block = cuts[first:first + _CUTS_AT_ONCE]
        out[first:first + block.size] = _boundaries_of(t, speed, block, threshold)
    return out


def _boundaries_of(t: FloatArray, speed: FloatArray, cuts: NDArray[np.intp],
                   threshold: float) -> FloatArray:
    near, far = _LEVEL_S
    at = t[cuts]
    # t is sorted: each window is a slice, found by bisection
    before = _medians(speed, np.searchsorted(t, at - far, side="left"),
                      np.searchsorted(t, at - near, side="right"))
    after = _medians(speed, np.searchsorted(t, at + near, side="left"),
                     np.searchsorted(t, at + far, side="right"))
    mid = np.where(np.isnan(before) | np.isnan(after), threshold, (before + after) / 2)
    lo = np.searchsorted(t, at - near, side="left")
    size = np.searchsorted(t, at + near, side="right") - lo
    width = int(size.max(initial=0))
    if width < 2:
        return at.astype(np.float64)
    k = np.arange(width)
    index = np.minimum(lo[:, None] + k, speed.size - 1)
    sign = np.sign(speed[index] - mid[:, None])
    crossing = (sign[:, :-1] != sign[:, 1:]) & (k[1:] < size[:, None])
    # the crossing nearest the cut, the first of those as near (np.argmin's first)
    away = np.where(crossing, np.abs(lo[:, None] + k[:-1] - cuts[:, None]), speed.size + 1)
    j = lo + np.argmin(away, axis=1)
    found = crossing.any(axis=1)
    j = np.where(found, j, 0)
    a, b = speed[j] - mid, speed[np.minimum(j + 1, speed.size - 1)] - mid
    frac = np.divide(a, a - b, out=np.full(a.size, 0.5), where=a != b)
    step = t[np.minimum(j + 1, t.size - 1)] - t[j]
    out: FloatArray = np.where(found, t[j] + frac * step, at)
    return out


def _medians(values: FloatArray, start: NDArray[np.intp], stop: NDArray[np.intp]) -> FloatArray:
    """The median of each ``values[start:stop]`` (NaN for an empty one), as ``np.median``
    gives it: the middle value, or the mean of the two middle ones."""
    size = stop - start
    width = int(size.max(initial=0))
    out = np.full(start.size, np.nan)
    if width == 0:
        return out
    k = np.arange(width)
    rows = np.where(k < size[:, None], values[np.minimum(start[:, None] + k,
                                                         values.size - 1)], np.inf)
    rows.sort(axis=1)
    half = size // 2
    which = np.arange(start.size)
    upper = rows[which, half.clip(max=width - 1)]
    lower = rows[which, (half - 1).clip(min=0)]
    odd = size % 2 == 1
    out = np.where(size == 0, np.nan, np.where(odd, upper, (lower + upper) / 2))
    return out


def _anchored(times: FloatArray, anchors_s: FloatArray | None) -> FloatArray:
    """Each boundary moved onto the nearest lap-button press within ``ANCHOR_S``."""
    if anchors_s is None or anchors_s.size == 0:
        return times
    anchors = np.sort(anchors_s[np.isfinite(anchors_s)])
    if anchors.size == 0:
        return times
    j = np.clip(np.searchsorted(anchors, times), 1, anchors.size - 1) if anchors.size > 1 \
        else np.zeros(times.size, dtype=np.intp)
    candidates = np.stack((anchors[np.maximum(j - 1, 0)], anchors[j]))
    nearest = candidates[np.argmin(np.abs(candidates - times), axis=0), np.arange(times.size)]
    return np.where(np.abs(nearest - times) <= ANCHOR_S, nearest, times)
