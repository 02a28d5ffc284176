"""One recorded activity as columns of numbers, and what can be read off it.

An ``Activity`` holds one numpy array per channel (time from the start, distance, speed,
heart rate, cadence, latitude, longitude, altitude), all the same length, NaN where the
device recorded nothing: never one Python object per sample. Laps and sessions (the parts
of a multisport file) come with it. Best efforts live in ``domain/efforts.py``.

Sport names are FIT's, lower case (``running``, ``cycling``, ``multisport``, ...). For a
multisport file the running distance and the best efforts cover its running sessions only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

import numpy as np
from numpy.typing import NDArray

from miler.domain.units import METERS_PER_KM, METERS_PER_MILE
from miler.errors import InvalidInputError

__all__ = [
    "CHANNELS",
    "MOVING_SPEED_M_S",
    "PAUSE_S",
    "Activity",
    "Lap",
    "Session",
    "Split",
    "WeekVolume",
    "gps_distance_m",
    "haversine_m",
    "km_splits",
    "moving_time",
    "splits",
    "steady_times",
    "weekly_volume",
    "without_jumps",
]

FloatArray = NDArray[np.float64]

#: A gap between two samples longer than this is a pause (the watch stopped or auto-paused).
#: Smart recording writes a sample at least every ~10 s while moving, so 30 s is well clear.
PAUSE_S: Final = 30.0
#: Slower than this is standing still (a slow walk is about 1 m/s).
MOVING_SPEED_M_S: Final = 0.5
#: No runner, and no cyclist for long, covers ground faster than this between two GPS points.
MAX_STEP_SPEED_M_S: Final = 25.0
#: A recorded distance that grows faster than this between two samples is a glitch, not a
#: runner (Bolt's fastest 10 m averaged about 12.4 m/s; no miler holds 12 m/s): splits and
#: best efforts leave the jump out. The columns keep what the file says.
MAX_RUN_SPEED_M_S: Final = 12.0
#: Longer than this in one activity is not a run: the file is refused.
MAX_RUN_DISTANCE_M: Final = 1_000_000.0
#: More samples than this in one activity (11 days of 1 s records) is not a run: refused.
MAX_SAMPLES: Final = 1_000_000
#: No more splits than this are listed (1000 miles), whatever the distance says.
MAX_SPLITS: Final = 1000
_FIRST_YEAR, _LAST_YEAR = 1980, 2099  # an activity's start: GPS epoch to the century's end
#: Mean Earth radius (IUGG), as used by the haversine formula.
EARTH_RADIUS_M: Final = 6_371_008.8

CHANNELS: Final = ("time_s", "distance_m", "speed_m_s", "heart_rate", "cadence", "lat", "lon",
                   "altitude")


@dataclass(frozen=True, slots=True)
class Lap:
    """A lap as the device closed it: offset from the activity start, its own time and distance."""

    start_offset_s: float
    elapsed_s: float
    distance_m: float
    timer_s: float | None = None


@dataclass(frozen=True, slots=True)
class Session:
    """One sport's part of an activity (a multisport file has several)."""

    sport: str
    sub_sport: str | None
    start_offset_s: float
    elapsed_s: float
    distance_m: float | None = None
    timer_s: float | None = None


def _column(name: str, values: object, n: int | None) -> FloatArray:
    array = np.ascontiguousarray(values, dtype=np.float64)
    if array.ndim != 1 or (n is not None and array.shape[0] != n):
        raise InvalidInputError(name, f"must be a 1-D array of {n} samples", array.shape)
    return array


@dataclass(frozen=True, slots=True, eq=False)
class Activity:
    """A recorded activity: columns of samples, laps, sessions, sport, device and start time.

    Build it with ``Activity.from_columns`` (which checks and tidies the columns) rather than
    the constructor. ``start_time`` is the UTC time of the first sample, as recorded.
    """

    source: str  # the file it came from, as the user named it
    sport: str
    sub_sport: str | None
    start_time: datetime | None
    time_s: FloatArray  # seconds from the first timed sample; NaN for a point without a time
    distance_m: FloatArray  # cumulative, as the device measured it (else from GPS or speed)
    speed_m_s: FloatArray
    heart_rate: FloatArray  # beats per minute
    cadence: FloatArray  # as recorded: FIT counts running cadence in strides (rpm)
    lat: FloatArray  # degrees
    lon: FloatArray
    altitude: FloatArray  # metres
    laps: tuple[Lap, ...] = ()
    sessions: tuple[Session, ...] = ()  # one per sport; several in a multisport file
    device: str | None = None
    timer_s: float | None = None  # the file's own timer (moving) time, when it has one
    warnings: tuple[str, ...] = ()  # what reading the file salvaged or dropped
    utc_offset_s: float | None = None  # the runner's clock minus UTC, when the file says

    @property
    def local_date(self) -> date | None:
        """The runner's calendar day of the start (UTC's when the file gives no offset)."""
        if self.start_time is None:
            return None
        return (self.start_time + timedelta(seconds=self.utc_offset_s or 0.0)).date()

    def __post_init__(self) -> None:
        n = self.time_s.shape[0]
        for name in CHANNELS:
            _column(name, getattr(self, name), n)
        if self.start_time is not None and self.start_time.utcoffset() != timedelta(0):
            raise InvalidInputError("start_time", "must be a UTC datetime", self.start_time)
        if self.start_time is not None and not _FIRST_YEAR <= self.start_time.year <= _LAST_YEAR:
            # before GPS, or so far ahead that a time zone would overflow the calendar
            raise InvalidInputError("start_time", f"must be in the years {_FIRST_YEAR} to "
                                    f"{_LAST_YEAR}", self.start_time.date().isoformat())
        if n and np.any(np.diff(self.time_s) < 0):
            raise InvalidInputError("time_s", "must never go backwards", "decreasing times")

    @classmethod
    def from_columns(cls, source: str, sport: str, columns: dict[str, object], *,
                     sub_sport: str | None = None, start_time: datetime | None = None,
                     laps: tuple[Lap, ...] = (), sessions: tuple[Session, ...] = (),
                     device: str | None = None, timer_s: float | None = None,
                     warnings: tuple[str, ...] = (),
                     utc_offset_s: float | None = None) -> Activity:
        """Columns by name (missing ones become NaN); distance filled from GPS or speed."""
        time_s = _column("time_s", columns.get("time_s", ()), None)
        n = time_s.shape[0]
        if n > MAX_SAMPLES:
            raise InvalidInputError("samples", f"must be at most {MAX_SAMPLES:,} in one activity",
                                    n)
        cols = {name: _column(name, columns[name], n) if name in columns
                else np.full(n, np.nan) for name in CHANNELS[1:]}
        distance = _fill_distance(time_s, cols)
        _check_total(distance)
        return cls(source, sport.lower(), sub_sport, start_time, time_s, distance,
                   cols["speed_m_s"], cols["heart_rate"], cols["cadence"], cols["lat"],
                   cols["lon"], cols["altitude"], laps, sessions, device, timer_s, warnings,
                   utc_offset_s)

    @property
    def samples(self) -> int:
        return int(self.time_s.shape[0])

    @property
    def elapsed_s(self) -> float | None:
        """Wall-clock seconds from the first timed sample to the last (None without times)."""
        timed = self.time_s[np.isfinite(self.time_s)]
        if timed.size == 0:
            return _sum_or_none(s.elapsed_s for s in self.sessions) or _lap_time(self.laps)
        return float(timed[-1] - timed[0])

    @property
    def moving_s(self) -> float | None:
        """Timer time when the file has it, else the time spent moving between samples."""
        if self.timer_s is not None:  # a file's timer can exceed its clock by rounding
            elapsed = self.elapsed_s
            return min(self.timer_s, elapsed) if elapsed is not None else self.timer_s
        if self.samples < 2:
            return None
        return moving_time(self.time_s, self.distance_m)

    @property
    def total_distance_m(self) -> float:
        """The distance covered, all sports: the sessions' own totals when the file has them,
        else the furthest the cumulative distance got from its first value."""
        recorded = [s.distance_m for s in self.sessions]
        if recorded and all(d is not None for d in recorded):
            return float(sum(d for d in recorded if d is not None))
        known = self.distance_m[np.isfinite(self.distance_m)]
        if known.size:
            return float(known.max() - known[0])
        return sum(lap.distance_m for lap in self.laps)

    @property
    def running_distance_m(self) -> float:
        """The distance run: all of it for a run, the running sessions' for a multisport file."""
        if not self.sessions_of_other_sports:
            return self.total_distance_m if self.sport == "running" else 0.0
        running = [s.distance_m for s in self.sessions if s.sport == "running"]
        if all(d is not None for d in running):
            return float(sum(d for d in running if d is not None))
        return _masked_distance(self.distance_m, self.running_mask())

    @property
    def headline_distance_m(self) -> float:
        """The distance miler reports: a multisport file's running part, else all of it."""
        return self.running_distance_m if self.sessions_of_other_sports \
            else self.total_distance_m

    @property
    def sessions_of_other_sports(self) -> bool:
        return any(s.sport != "running" for s in self.sessions)

    @property
    def has_running(self) -> bool:
        return self.sport == "running" or any(s.sport == "running" for s in self.sessions)

    def running_mask(self) -> NDArray[np.bool_]:
        """True for the samples recorded while running."""
        if not self.sessions_of_other_sports:
            return np.full(self.samples, self.sport == "running")
        mask = np.zeros(self.samples, dtype=bool)
        for s in self.sessions:
            if s.sport == "running":
                end = s.start_offset_s + s.elapsed_s
                mask |= (self.time_s >= s.start_offset_s) & (self.time_s <= end)
        return mask


def _sum_or_none(values: Iterable[float]) -> float | None:
    items = list(values)
    return sum(items) if items else None


def _lap_time(laps: tuple[Lap, ...]) -> float | None:
    return sum(lap.elapsed_s for lap in laps) if laps else None


def _masked_distance(distance_m: FloatArray, mask: NDArray[np.bool_]) -> float:
    """Distance gained between consecutive samples both in ``mask``.

    Only gains count: a multisport file may restart its distance at zero for each sport.
    """
    step = np.diff(distance_m)
    both = mask[1:] & mask[:-1] & np.isfinite(step)
    return float(np.clip(step[both], 0.0, None).sum())


def _fill_distance(time_s: FloatArray, cols: dict[str, FloatArray]) -> FloatArray:
    """The file's distance, held where a sample lacks it; else from GPS; else from speed."""
    dist = cols["distance_m"]
    if np.isfinite(dist).any():
        return _hold(dist)
    if np.isfinite(cols["lat"]).sum() >= 2:
        return gps_distance_m(time_s, cols["lat"], cols["lon"])
    speed = cols["speed_m_s"]
    if np.isfinite(speed).any() and time_s.size:
        step = np.nan_to_num(speed[1:]) * np.diff(time_s)
        return np.concatenate(([0.0], np.cumsum(step)))
    return dist


def _hold(values: FloatArray) -> FloatArray:
    """Carry the last known value forward (leading gaps take the first known one)."""
    known = np.isfinite(values)
    index = np.where(known, np.arange(values.size), 0)
    np.maximum.accumulate(index, out=index)
    first = int(np.argmax(known))
    index[:first] = first
    return values[index]


def haversine_m(lat: FloatArray, lon: FloatArray) -> FloatArray:
    """Cumulative great-circle distance along a track of degrees; samples without a fix add 0."""
    known = np.isfinite(lat) & np.isfinite(lon)
    out = np.zeros(lat.shape[0])
    idx = np.nonzero(known)[0]
    if idx.size < 2:
        return out
    phi, lam = np.radians(lat[idx]), np.radians(lon[idx])
    a = (np.sin(np.diff(phi) / 2) ** 2
         + np.cos(phi[:-1]) * np.cos(phi[1:]) * np.sin(np.diff(lam) / 2) ** 2)
    step = 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    out[idx[1:]] = np.cumsum(step)
    return _hold(np.where(known, out, np.nan)) if not known.all() else out


def steady_times(t: FloatArray) -> NDArray[np.bool_]:
    """Records whose times agree with the longest stretch of never-decreasing times.

    A clock set wrong and then corrected makes the time jump back once; the side with more
    records is the truth, and records on the other side are kept only if they fit around it.
    """
    keep = np.ones(t.size, dtype=bool)
    if t.size < 2 or not (np.diff(t) < 0).any():
        return keep
    cuts = np.concatenate(([0], np.flatnonzero(np.diff(t) < 0) + 1, [t.size]))
    longest = int(np.argmax(np.diff(cuts)))
    lo, hi = int(cuts[longest]), int(cuts[longest + 1])
    after = t[hi:]
    keep[hi:] = after >= np.maximum.accumulate(np.concatenate(([t[hi - 1]], after)))[1:]
    before = t[:lo][::-1]
    keep[:lo] = (before <= np.minimum.accumulate(np.concatenate(([t[lo]], before)))[1:])[::-1]
    return keep


def gps_distance_m(time_s: FloatArray, lat: FloatArray, lon: FloatArray,
                   breaks: NDArray[np.bool_] | None = None) -> FloatArray:
    """Cumulative distance along a GPS track, without its glitches.

    A step faster than ``MAX_STEP_SPEED_M_S`` is a position spike, not movement, and adds
    nothing; nor does the jump to the first point of a new segment or track (``breaks``).
    """
    cumulative = haversine_m(lat, lon)
    step = np.diff(cumulative)
    with np.errstate(invalid="ignore", divide="ignore"):
        speed = step / np.diff(time_s)
    step[speed > MAX_STEP_SPEED_M_S] = 0.0
    if breaks is not None:
        step[breaks[1:]] = 0.0
    return np.concatenate(([0.0], np.cumsum(step)))


def moving_time(time_s: FloatArray, distance_m: FloatArray) -> float:
    """Seconds between samples that are not a pause and not standing still."""
    dt = np.diff(time_s)
    dd = np.diff(distance_m)
    with np.errstate(invalid="ignore", divide="ignore"):
        moving = (dt <= PAUSE_S) & (dt > 0) & (dd >= MOVING_SPEED_M_S * dt)
    return float(dt[moving].sum())


@dataclass(frozen=True, slots=True)
class Split:
    """One mile or km of the run: its number, distance (the last may be short) and time."""

    number: int
    distance_m: float
    elapsed_s: float
    end_offset_s: float


def splits(activity: Activity, every_m: float = METERS_PER_MILE) -> tuple[Split, ...]:
    """Splits of ``every_m`` (a mile by default, ``METERS_PER_KM`` for km) by the clock.

    Split times are wall-clock: a stop inside a split counts, as on a stopwatch.
    """
    if every_m <= 0 or not math.isfinite(every_m):
        raise InvalidInputError("split distance", "must be a positive number of metres", every_m)
    t, d = _clean(activity.time_s, activity.distance_m)
    if d.size < 2 or d[-1] <= d[0]:
        return ()
    whole = int((d[-1] - d[0]) // every_m)
    count = min(whole, MAX_SPLITS)  # never an unbounded arange; past the cap, no remainder
    marks = d[0] + every_m * np.arange(1, count + 1)
    marks = marks[marks < d[-1]]
    end_t, end_d = ([t[-1]], [d[-1]]) if whole <= MAX_SPLITS else ([], [])
    times = np.concatenate(([t[0]], _time_at(t, d, marks), end_t))
    edges = np.concatenate(([d[0]], marks, end_d))
    out = []
    for k in range(edges.size - 1):
        if edges[k + 1] - edges[k] < 20.0:  # a last bit under 20 m: the watch stopped late
            continue
        out.append(Split(k + 1, float(edges[k + 1] - edges[k]), float(times[k + 1] - times[k]),
                         float(times[k + 1] - t[0])))
    return tuple(out)


def km_splits(activity: Activity) -> tuple[Split, ...]:
    return splits(activity, METERS_PER_KM)


def without_jumps(time_s: FloatArray, distance: FloatArray) -> tuple[FloatArray, int]:
    """``distance`` with every jump faster than ``MAX_RUN_SPEED_M_S`` taken out (samples a
    second apart or less are judged over a second, the clock's resolution)."""
    if distance.size < 2:
        return distance, 0
    step, dt = np.diff(distance), np.diff(time_s)
    with np.errstate(invalid="ignore"):
        bad = np.isfinite(step) & np.isfinite(dt) \
            & (step > MAX_RUN_SPEED_M_S * np.maximum(dt, 1.0) + 1e-6)  # rounding: not a jump
    if not bad.any():
        return distance, 0
    out = distance.copy()
    out[1:] -= np.cumsum(np.where(bad, step, 0.0))
    return out, int(bad.sum())


def _check_total(distance: FloatArray) -> None:
    known = distance[np.isfinite(distance)]
    if known.size and float(known.max() - known.min()) > MAX_RUN_DISTANCE_M:
        raise InvalidInputError(
            "distance", f"must be at most {MAX_RUN_DISTANCE_M / 1000:g} km in one activity",
            f"{float(known.max() - known.min()) / 1000:.0f} km")


def _clean(time_s: FloatArray, distance_m: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Samples with both a time and a distance, distance made non-decreasing, and jumps
    faster than a runner can go taken out."""
    keep = np.isfinite(time_s) & np.isfinite(distance_m)
    t, d = time_s[keep], np.maximum.accumulate(distance_m[keep])
    return t, without_jumps(t, d)[0]


def _time_at(t: FloatArray, d: FloatArray, marks: FloatArray) -> FloatArray:
    """The first time the cumulative distance reaches each mark (interpolated)."""
    j = np.clip(np.searchsorted(d, marks, side="left"), 1, d.size - 1)
    span = d[j] - d[j - 1]
    frac = np.divide(marks - d[j - 1], span, out=np.ones_like(marks), where=span > 0)
    return t[j - 1] + frac * (t[j] - t[j - 1])


@dataclass(frozen=True, slots=True)
class WeekVolume:
    """Running distance in one Monday-to-Sunday week."""

    week_start: date
    distance_m: float
    runs: int

    @property
    def miles(self) -> float:
        return self.distance_m / METERS_PER_MILE


def weekly_volume(runs: Iterable[tuple[date, float]], today: date,
                  weeks: int = 12) -> tuple[WeekVolume, ...]:
    """Distance per week for the ``weeks`` weeks up to the one holding ``today``, oldest first.

    ``runs`` are (day, distance in metres) pairs; weeks start on Monday. Empty weeks show 0.
    """
    if weeks < 1:
        raise InvalidInputError("weeks", "must be at least 1", weeks)
    last = today - timedelta(days=today.weekday())
    first = last - timedelta(weeks=weeks - 1)
    totals = [0.0] * weeks
    counts = [0] * weeks
    for day, distance_m in runs:
        index = (day - first).days // 7
        if 0 <= index < weeks and day <= today:
            totals[index] += distance_m
            counts[index] += 1
    return tuple(WeekVolume(first + timedelta(weeks=k), totals[k], counts[k])
                 for k in range(weeks))
