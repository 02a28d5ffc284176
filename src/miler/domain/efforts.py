"""Best efforts: the fastest 400 m, 800 m, 1 km, mile, 2 miles and 5 km anywhere in a run.

Time as a function of distance is piecewise linear between samples, so the fastest window of
length D starts or ends exactly on a sample. For every sample one ``np.interp`` per distance
gives the time D metres were first completed after it (windows starting on a sample); a
window ending on a sample can only beat the best of those if it starts in a segment within
one sample-step of it, so only those few are interpolated (the last time the runner was D
metres back). All six distances over 100,000 samples take ~13 ms; no Python loop per sample.

Windows never span a pause (``PAUSE_S``) or leave the running part of a multisport file, and
a window faster than ``MAX_SPEED_M_S`` is a GPS jump, not running.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

import numpy as np
from numpy.typing import NDArray

from miler.domain.activity import (
    MOVING_SPEED_M_S,
    PAUSE_S,
    Activity,
    FloatArray,
    Lap,
    without_jumps,
)
from miler.domain.pace import Pace
from miler.domain.units import METERS_PER_MILE

__all__ = [
    "EVEN_MARGIN",
    "FLAT_M",
    "HARD_MARGIN",
    "ISOLATION_MARGIN",
    "MAX_SPEED_M_S",
    "STANDARD_DISTANCES",
    "WARM_UP_S",
    "BestEffort",
    "EffortSearch",
    "MileTest",
    "best_efforts",
    "best_efforts_of",
    "recognise_mile_test",
]

#: The schema's keys (activity.schema.json, best_efforts) and their lengths in metres.
STANDARD_DISTANCES: Final[dict[str, float]] = {
    "400m": 400.0,
    "800m": 800.0,
    "1km": 1000.0,
    "mile": METERS_PER_MILE,
    "2mile": 2 * METERS_PER_MILE,
    "5km": 5000.0,
}
#: The 400 m world record (43.03 s) is 9.3 m/s; anything faster over 400 m+ is a GPS jump.
MAX_SPEED_M_S: Final = 10.5
#: Pieces are kept apart by adding this many metres per piece (more than any activity covers).
_PIECE_OFFSET_M: Final = 1.0e7
#: A mile run this much faster than the rest of the run is a test mile (10%: 7:00 vs 7:47).
HARD_MARGIN: Final = 0.10
#: A test mile is even: no quarter more than this slower than its average quarter. Seed 001's
#: race shape (lap 1 a second slow, lap 3 a second or two down) is within 2%; the rest is
#: room for GPS error over 400 m.
EVEN_MARGIN: Final = 0.08
#: The best 2 miles of a run with a test mile are this much slower per mile, at least.
ISOLATION_MARGIN: Final = 0.06
#: Seed 000's test mile is on a flat route: net climb or drop over the mile at most this (1%).
FLAT_M: Final = 16.0
#: The warm-up before a test mile: the seeds ask for 10 minutes; half of that at least.
WARM_UP_S: Final = 300.0
#: A lap this long is a mile or 1600 m on a track, give or take GPS.
_MILE_LAP_M: Final = (1590.0, 1660.0)


@dataclass(frozen=True, slots=True)
class BestEffort:
    """The fastest ``distance_m`` inside an activity, and where it began."""

    name: str
    distance_m: float
    elapsed_s: float
    start_offset_s: float
    avg_heart_rate: float | None = None

    @property
    def pace(self) -> Pace:
        return Pace.from_time(self.elapsed_s, self.distance_m)


def best_efforts(activity: Activity,
                 distances: dict[str, float] | None = None) -> dict[str, BestEffort]:
    """Best efforts over the running parts of ``activity`` (none for other sports)."""
    search = EffortSearch.of(activity)
    return {} if search is None else search.best(distances)


def best_efforts_of(time_s: FloatArray, distance_m: FloatArray,
                    heart_rate: FloatArray | None = None,
                    running: NDArray[np.bool_] | None = None,
                    distances: dict[str, float] | None = None) -> dict[str, BestEffort]:
    """Best efforts from bare columns; ``running`` marks the samples that count."""
    return EffortSearch(time_s, distance_m, heart_rate, running).best(distances)


class EffortSearch:
    """One run's samples made searchable once (``_track``), then its best efforts at any
    distances, each distance searched once: the activity's six and the fitness estimate's
    eight (``fitness_efforts``) share five, and one file is read for both."""

    __slots__ = ("_found", "_heart_rate", "_time_s", "_track")

    def __init__(self, time_s: FloatArray, distance_m: FloatArray,
                 heart_rate: FloatArray | None = None,
                 running: NDArray[np.bool_] | None = None) -> None:
        self._time_s, self._heart_rate = time_s, heart_rate
        self._track = _track(time_s, distance_m, running)
        self._found: dict[float, tuple[float, float, float | None] | None] = {}

    @classmethod
    def of(cls, activity: Activity) -> EffortSearch | None:
        """The search over the running parts of ``activity`` (None for other sports)."""
        if not activity.has_running:
            return None
        return cls(activity.time_s, activity.distance_m, activity.heart_rate,
                   activity.running_mask())

    def best(self, distances: dict[str, float] | None = None) -> dict[str, BestEffort]:
        """The best effort at each of ``distances`` (default: ``STANDARD_DISTANCES``)."""
        found: dict[str, BestEffort] = {}
        for name, length in (distances or STANDARD_DISTANCES).items():
            if length not in self._found:
                self._found[length] = self._fastest(length)
            best = self._found[length]
            if best is not None:
                elapsed, start, hr = best
                found[name] = BestEffort(name, length, elapsed, start - _origin(self._time_s),
                                         hr)
        return found

    def _fastest(self, length: float) -> tuple[float, float, float | None] | None:
        best = _fastest(self._track, length)
        if best is None:
            return None
        elapsed, start = best
        return elapsed, start, _mean_heart_rate(self._time_s, self._heart_rate, start,
                                                start + elapsed)


@dataclass(frozen=True, slots=True)
class _Track:
    """The samples that count, on one sorted distance axis through all pause-free pieces."""

    t: FloatArray
    d: FloatArray
    piece_end: FloatArray | float  # where each sample's piece ends on the axis
    piece_start: FloatArray | float  # and where it starts
    step_s: FloatArray = field(init=False)  # time to the next sample
    back_d: FloatArray = field(init=False)  # -d reversed: interpolating on it finds the earliest
    back_t: FloatArray = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "step_s", np.diff(self.t))
        object.__setattr__(self, "back_d", np.ascontiguousarray(-self.d[::-1]))
        object.__setattr__(self, "back_t", np.ascontiguousarray(self.t[::-1]))


def _track(time_s: FloatArray, distance_m: FloatArray,
           running: NDArray[np.bool_] | None) -> _Track:
    """Each piece's distance is made non-decreasing (GPS jitter held at its running maximum)
    and restarted where the previous piece ended (a sport may restart at zero), so one sorted
    axis serves the whole run; ``piece_start`` and ``piece_end`` keep windows inside a piece.
    """
    keep = np.isfinite(time_s) & np.isfinite(distance_m)
    if running is not None:
        keep &= running
    if keep.all():
        t, d, gaps = time_s, distance_m, np.diff(time_s) > PAUSE_S
    else:
        index = np.flatnonzero(keep)
        t, d = time_s[index], distance_m[index]
        gaps = (np.diff(t) > PAUSE_S) | (np.diff(index) > 1)
    if d.size == 0:
        return _Track(t, d, 0.0, 0.0)
    d = without_jumps(t, d)[0]  # a recording glitch is no one's best mile
    if not gaps.any():
        d = np.maximum.accumulate(d)
        return _Track(t, d, float(d[-1]), float(d[0]))
    piece = np.concatenate(([0], np.cumsum(gaps)))
    first = np.concatenate(([0], np.flatnonzero(gaps) + 1))
    last = np.concatenate((first[1:] - 1, [d.size - 1]))
    rel = d - d[first][piece] + piece * _PIECE_OFFSET_M
    rel = np.maximum.accumulate(rel) - piece * _PIECE_OFFSET_M
    shift = np.concatenate(([0.0], np.cumsum(rel[last] + 1.0)[:-1]))
    axis = rel + shift[piece]
    return _Track(t, axis, axis[last][piece], axis[first][piece])


def _fastest(track: _Track, length: float) -> tuple[float, float] | None:
    """(elapsed, start time) of the fastest window of ``length`` metres, or None."""
    t, d = track.t, track.d
    if d.size < 2:
        return None
    slowest = length / MAX_SPEED_M_S
    # Windows starting on sample i end when d first reaches d[i] + length (the earliest of
    # equal distances: a stand-still at the end does not count).
    forward = np.interp(track.back_d - length, track.back_d, track.back_t)[::-1] - t
    forward[(d > track.piece_end - length) | (forward < slowest)] = np.inf
    i = int(np.argmin(forward))
    best = (float(forward[i]), float(t[i])) if np.isfinite(forward[i]) else None
    backward = _ending_on_samples(track, length, forward)
    if backward is not None and (best is None or backward[0] < best[0]):
        return backward
    return best


def _ending_on_samples(track: _Track, length: float,
                       forward: FloatArray) -> tuple[float, float] | None:
    """The fastest window that starts between two samples and ends on one, or None.

    Such a window starting inside the segment after sample c takes at least
    ``forward[c] - step_s[c]`` (its end is no earlier than c's, its start no later than c+1),
    so only the segments within one sample-step of the best forward window are looked at.
    """
    t, d = track.t, track.d
    best = float(forward.min())
    near = np.flatnonzero(forward[:-1] - track.step_s < best) if np.isfinite(best) \
        else np.flatnonzero(d[:-1] <= _at(track.piece_end, slice(0, -1)) - length)
    if near.size == 0:
        return None
    lo = np.searchsorted(d, d[near] + length, side="left")
    hi = np.searchsorted(d, d[near + 1] + length, side="left")
    count = hi - lo
    total = int(count.sum())
    if total == 0:
        return None
    e = np.repeat(lo - (np.cumsum(count) - count), count) + np.arange(total)
    starts = np.interp(d[e] - length, d, t)
    backward = t[e] - starts
    backward[(d[e] < _at(track.piece_start, e) + length)
             | (backward < length / MAX_SPEED_M_S)] = np.inf
    k = int(np.argmin(backward))
    return (float(backward[k]), float(starts[k])) if np.isfinite(backward[k]) else None


def _origin(time_s: FloatArray) -> float:
    """The first time recorded (a GPX may have points without one before it)."""
    timed = time_s[np.isfinite(time_s)]
    return float(timed[0]) if timed.size else 0.0


def _at(values: FloatArray | float, where: NDArray[np.intp] | slice) -> FloatArray | float:
    return values if isinstance(values, float) else values[where]


def _mean_heart_rate(time_s: FloatArray, heart_rate: FloatArray | None,
                     start: float, end: float) -> float | None:
    """Time-weighted mean heart rate over [start, end] from the samples inside it."""
    if heart_rate is None:
        return None
    timed = np.isfinite(time_s)
    if not timed.all():
        time_s, heart_rate = time_s[timed], heart_rate[timed]
    lo, hi = np.searchsorted(time_s, (start, end))
    t, h = time_s[lo:hi + 1], heart_rate[lo:hi + 1]
    known = np.isfinite(h) & (t <= end)
    t, h = t[known], h[known]
    if t.size == 0:
        return None
    dt = np.diff(t)
    if t.size == 1 or dt.sum() <= 0:
        return float(h.mean())
    return float(((h[1:] + h[:-1]) / 2 * dt).sum() / dt.sum())


@dataclass(frozen=True, slots=True)
class MileTest:
    """A mile run hard inside an activity: a test mile or a mile time trial."""

    time_s: float
    start_offset_s: float
    reason: str


def recognise_mile_test(activity: Activity,
                        efforts: dict[str, BestEffort] | None = None) -> MileTest | None:
    """A test mile or mile time trial in a run, with the reason, or None.

    What seed 000 asks of a test mile, as it shows in a recording: a warm-up first (at least
    ``WARM_UP_S`` of running before it), then one even, hard mile (no quarter more than
    ``EVEN_MARGIN`` slower than the others), clearly harder than the rest of the run (its pace
    at least ``HARD_MARGIN`` faster than the running outside it) and not part of a longer hard
    stretch (the best 2 miles at least ``ISOLATION_MARGIN`` slower per mile: a tempo run or a
    race is not a test mile), on the flat (at most ``FLAT_M`` up or down, where the file has
    altitude). The mile is the best mile effort, or the one lap of about a mile
    pressed at the line. A lone mile with nothing around it cannot be told from an easy one,
    so it is not taken; false alarms would feed a wrong fitness to the planner.
    """
    if activity.sport != "running":
        return None
    efforts = best_efforts(activity) if efforts is None else efforts
    mile = efforts.get("mile")
    if mile is None:
        return None
    two = efforts.get("2mile")
    if two is not None and two.elapsed_s / 2 < (1 + ISOLATION_MARGIN) * mile.elapsed_s:
        return None
    candidate = _mile_lap(activity.laps) or MileTest(mile.elapsed_s, mile.start_offset_s,
                                                     "the best mile")
    if candidate.start_offset_s < WARM_UP_S:
        return None
    if not _even(activity, candidate.start_offset_s, candidate.time_s):
        return None  # fast laps with recoveries between: an interval session
    if not _flat(activity, candidate.start_offset_s, candidate.time_s):
        return None  # a fast mile downhill says little about a mile on the flat
    rest_pace = _rest_pace(activity, candidate.start_offset_s, candidate.time_s)
    pace = candidate.time_s / METERS_PER_MILE
    if rest_pace is None or pace > (1 - HARD_MARGIN) * rest_pace:
        return None
    return MileTest(candidate.time_s, candidate.start_offset_s,
                    f"{candidate.reason} after a {candidate.start_offset_s / 60:.0f} min "
                    f"warm-up, even, {1 - pace / rest_pace:.0%} faster than the rest of the run")


def _rest_pace(activity: Activity, start_offset_s: float, elapsed_s: float) -> float | None:
    """Seconds per metre of the running outside the window, counting only time in motion."""
    t = activity.time_s - _origin(activity.time_s)
    outside = (t < start_offset_s) | (t > start_offset_s + elapsed_s)
    dt = np.diff(t)
    dd = np.diff(activity.distance_m)
    both = outside[1:] & outside[:-1] & np.isfinite(dt) & np.isfinite(dd)
    with np.errstate(invalid="ignore"):
        moving = both & (dt > 0) & (dt <= PAUSE_S) & (dd >= MOVING_SPEED_M_S * dt)
    metres = float(dd[moving].sum())
    return float(dt[moving].sum()) / metres if metres >= 800.0 else None


def _flat(activity: Activity, start_offset_s: float, elapsed_s: float) -> bool:
    """Whether the mile climbs or drops no more than ``FLAT_M`` (unknown altitude: flat)."""
    t = activity.time_s - _origin(activity.time_s)
    inside = (t >= start_offset_s) & (t <= start_offset_s + elapsed_s)
    altitude = activity.altitude[inside]
    altitude = altitude[np.isfinite(altitude)]
    return altitude.size < 2 or abs(float(altitude[-1] - altitude[0])) <= FLAT_M


def _even(activity: Activity, start_offset_s: float, elapsed_s: float) -> bool:
    """Whether no quarter of the mile from ``start_offset_s`` is ``EVEN_MARGIN`` slower than
    its average quarter: a test mile is run evenly, an interval session is not."""
    t = activity.time_s - _origin(activity.time_s)
    keep = np.isfinite(t) & np.isfinite(activity.distance_m)
    t, d = t[keep], np.maximum.accumulate(activity.distance_m[keep])
    if t.size < 2:
        return False
    start = float(np.interp(start_offset_s, t, d))
    end = float(np.interp(start_offset_s + elapsed_s, t, d))
    marks = np.linspace(start, end, 5)
    quarters = np.diff(np.interp(marks, d, t))
    return bool(quarters.max() <= (1 + EVEN_MARGIN) * quarters.mean())


def _mile_lap(laps: tuple[Lap, ...]) -> MileTest | None:
    """The one lap of about a mile (a lap button pressed at the line), as a candidate."""
    low, high = _MILE_LAP_M
    mile_laps = [lap for lap in laps if low <= lap.distance_m <= high and lap.elapsed_s > 0]
    if len(mile_laps) != 1:
        return None  # none, or auto-laps every mile
    lap = mile_laps[0]
    time_s = lap.elapsed_s / lap.distance_m * METERS_PER_MILE  # 1600 m scaled to the mile
    return MileTest(time_s, lap.start_offset_s, f"a {lap.distance_m:.0f} m lap")
