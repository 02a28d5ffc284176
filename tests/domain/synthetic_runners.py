"""Synthetic runners with a known mile, and watch-like histories of their training.

The truth is a model of performance the estimator (``domain/fitness.py``) does not use: a
power law in distance with the runner's own exponent and a fatigue term that slows efforts
past the mile further, T(d) = M (d / mile)^k (1 + phi ln(d / mile)^2) for d past the mile,
plus a trend (the runner was slower or faster weeks ago). Training follows it the way runners
train: easy and long runs at an easy share of 5 km speed, tempos at about the 60-minute
speed, intervals at about the 10-minute speed with jogged or standing rests (some watches
auto-pause them), short reps and strides, and now and then a race run all out (day form
+-1 %). Some runs go over hills; a few tempos and races are on a net-downhill course.

GPS: the true path (a winding road) plus an AR(1) position error (sigma 2-4 m, correlation
time 60 s), sampled every 1 or 2 s, turned into latitude and longitude; the distance is what
miler computes from them. Every number of the noise is fixed here, and every runner comes
from its seed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import numpy as np

from miler.domain.activity import Activity
from miler.domain.units import METERS_PER_MILE

MILE = METERS_PER_MILE
_M_PER_DEG = 111_195.0


@dataclass(frozen=True)
class Truth:
    mile_s: float  # today's all-out mile
    k: float  # the personal exponent
    phi: float  # the fatigue term past the mile
    trend: float  # how much slower (share) the runner was 12 weeks ago

    def time_s(self, distance_m: float, weeks_ago: float = 0.0) -> float:
        over = max(0.0, math.log(distance_m / MILE))
        base = self.mile_s * (distance_m / MILE) ** self.k * (1.0 + self.phi * over**2)
        return base * (1.0 + self.trend * weeks_ago / 12.0)

    def speed_for(self, seconds: float, weeks_ago: float = 0.0) -> float:
        """The all-out speed for an effort lasting ``seconds`` (bisection on the distance)."""
        lo, hi = 10.0, 100_000.0
        for _ in range(60):
            mid = math.sqrt(lo * hi)
            if self.time_s(mid, weeks_ago) > seconds:
                hi = mid
            else:
                lo = mid
        return lo / seconds


@dataclass
class Runner:
    truth: Truth
    seed: int
    easy_share: float  # easy speed / 5 km race speed
    races_every: int | None  # weeks between races (None: never races)
    tempo_effort: float  # tempo speed / 60-minute speed
    interval_effort: float  # rep speed / 10-minute speed
    gps_sd: float
    step_s: float
    standing_rests: bool
    auto_pause: bool
    easy_only: bool = False
    runs: list[tuple[date, str, Activity]] = field(default_factory=list)


def make_runner(seed: int, *, easy_only: bool = False) -> Runner:
    rng = np.random.default_rng(seed)
    truth = Truth(mile_s=float(rng.uniform(300, 600)), k=float(rng.uniform(1.03, 1.12)),
                  phi=float(rng.uniform(0.0, 0.01)), trend=float(rng.uniform(-0.01, 0.04)))
    races = [None, 3, 4, 6, 8][int(rng.integers(0, 5))]
    return Runner(truth, seed, float(rng.uniform(0.70, 0.80)), races,
                  float(rng.uniform(0.96, 1.01)), float(rng.uniform(0.96, 1.01)),
                  float(rng.uniform(2.0, 4.0)), float(rng.choice([1.0, 2.0])),
                  bool(rng.random() < 0.5), bool(rng.random() < 0.3), easy_only)


# A segment: (seconds or None, metres or None, speed share of the reference, what).
Segment = tuple[float | None, float | None, float, str]


def history(runner: Runner, today: date, weeks: int = 13) -> list[tuple[date, str, Activity]]:
    """``weeks`` weeks of training up to ``today``: five runs a week."""
    rng = np.random.default_rng(runner.seed + 10_000)
    out = []
    first = today - timedelta(weeks=weeks) + timedelta(days=1)
    for week in range(weeks):
        monday = first + timedelta(weeks=week)
        for offset, what in ((1, "intervals"), (2, "easy"), (3, "tempo"), (5, "easy"),
                             (6, "long")):
            day = monday + timedelta(days=offset)
            if day > today:
                continue
            weeks_ago = (today - day).days / 7.0
            kind = what
            if runner.easy_only and what in {"intervals", "tempo"}:  # strides at most
                kind = "easy"
            elif (what == "easy" and offset == 5 and runner.races_every and not runner.easy_only
                  and (week + runner.seed) % runner.races_every == 0):
                kind = "race"
            out.append((day, kind, _activity(runner, rng, day, kind, weeks_ago)))
    runner.runs = out
    return out


def _activity(runner: Runner, rng: np.random.Generator, day: date, kind: str,
              weeks_ago: float) -> Activity:
    t = runner.truth
    five_k = 5000.0 / t.time_s(5000.0, weeks_ago)
    easy = runner.easy_share * five_k
    downhill = 0.0
    segments: list[Segment] = []
    if kind in {"easy", "long"}:
        minutes = rng.uniform(30, 60) if kind == "easy" else rng.uniform(70, 100)
        segments.append((minutes * 60, None, easy * (0.97 if kind == "long" else 1.0), "run"))
        if kind == "easy" and rng.random() < 0.4:  # strides
            mile_speed = MILE / t.time_s(MILE, weeks_ago)
            for _ in range(4):
                segments += [(20.0, None, mile_speed * 1.05, "stride"),
                             (60.0, None, 0.0 if runner.standing_rests else 0.5 * easy, "rest")]
    else:
        segments.append((rng.uniform(12, 18) * 60, None, easy, "warm-up"))
        if kind == "race":
            distance = float(rng.choice([MILE, 3000.0, 5000.0]))
            speed = distance / t.time_s(distance, weeks_ago) * (1 + rng.normal(0, 0.01))
            segments.append((None, distance, speed, "race"))
            downhill = 0.02 if rng.random() < 0.1 else 0.0
        elif kind == "tempo":
            speed = t.speed_for(3600.0, weeks_ago) * runner.tempo_effort
            if rng.random() < 0.5:
                segments.append((rng.uniform(18, 25) * 60, None, speed, "tempo"))
            else:
                for _ in range(3):
                    segments += [(600.0, None, speed * 1.01, "tempo"),
                                 (60.0, None, 0.5 * easy, "rest")]
            downhill = 0.02 if rng.random() < 0.1 else 0.0
        else:
            reps, metres = [(8, 400.0), (6, 800.0), (5, 1000.0), (4, 1200.0),
                            (3, MILE)][int(rng.integers(0, 5))]
            speed = t.speed_for(600.0, weeks_ago) * runner.interval_effort
            if metres == 400.0:
                speed = MILE / t.time_s(MILE, weeks_ago)  # repetitions at mile pace
            rest = 0.0 if runner.standing_rests else 0.5 * easy
            for _ in range(reps):
                segments += [(None, metres, speed * (1 + rng.normal(0, 0.01)), "rep"),
                             (rng.uniform(90, 180), None, rest, "rest")]
        segments.append((rng.uniform(8, 12) * 60, None, easy, "cool-down"))
    return _record(runner, rng, day, kind, segments, downhill)


def _record(runner: Runner, rng: np.random.Generator, day: date, kind: str,
            segments: list[Segment], downhill: float) -> Activity:
    """Integrate the segments second by second, then record them as a watch would."""
    speeds, hard = [], []
    for seconds, metres, speed, what in segments:
        if seconds is None:
            assert metres is not None
            seconds = metres / speed
        n = max(1, round(seconds))
        wobble = 1 + 0.02 * np.sin(np.linspace(0, rng.uniform(3, 9), n)) if speed > 0 else 1
        speeds.append(np.full(n, speed) * wobble)
        hard.append(np.full(n, what in {"race", "tempo"}))
    v = np.concatenate(speeds)
    is_hard = np.concatenate(hard)
    # hills: +-3 % speed per 1 % grade; downhill courses drop through the hard part
    s_true = np.concatenate(([0.0], np.cumsum(v)))[:-1]
    height, length = rng.uniform(0, 12), rng.uniform(400, 1200)
    grade = height / length * np.cos(s_true / length)
    if downhill:
        grade = np.where(is_hard, grade - downhill, grade)
    v = v * np.clip(1 - 3.0 * grade, 0.7, 1.3)
    s = np.concatenate(([0.0], np.cumsum(v)))[:-1]
    altitude = 100 + np.concatenate(([0.0], np.cumsum(grade[:-1] * v[:-1])))
    time = np.arange(v.size, dtype=float)
    keep = np.zeros(v.size, dtype=bool)
    keep[:: int(runner.step_s)] = True
    if runner.auto_pause:
        keep &= v > 0.3
    x, y = _road(rng, s)
    ex, ey = _gps_error(rng, v.size, runner.gps_sd)
    lat0, lon0 = 45.0 + rng.uniform(-1, 1), 5.0 + rng.uniform(-1, 1)
    lat = lat0 + (y + ey) / _M_PER_DEG
    lon = lon0 + (x + ex) / (_M_PER_DEG * math.cos(math.radians(lat0)))
    start = datetime(day.year, day.month, day.day, 7, 0, tzinfo=UTC)
    return Activity.from_columns(
        f"{day.isoformat()}-{kind}.fit", "running",
        {"time_s": time[keep], "lat": lat[keep], "lon": lon[keep],
         "altitude": (altitude + rng.normal(0, 0.3, v.size))[keep]},
        start_time=start)


def _road(rng: np.random.Generator, s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A winding road: the heading turns smoothly with distance."""
    grid = np.arange(0.0, s[-1] + 2.0, 1.0)
    turn = np.cumsum(rng.normal(0, 0.02, grid.size))
    heading = rng.uniform(0, 2 * math.pi) + np.cumsum(np.clip(turn, -0.05, 0.05))
    x = np.concatenate(([0.0], np.cumsum(np.cos(heading[:-1]))))
    y = np.concatenate(([0.0], np.cumsum(np.sin(heading[:-1]))))
    return np.interp(s, grid, x), np.interp(s, grid, y)


def _gps_error(rng: np.random.Generator, n: int, sd: float) -> tuple[np.ndarray, np.ndarray]:
    """AR(1) position error per axis: sd metres, 60 s correlation time, 1 s steps."""
    rho = math.exp(-1.0 / 60.0)
    shocks = rng.normal(0, sd * math.sqrt(1 - rho**2), (2, n))
    shocks[:, 0] = rng.normal(0, sd, 2)
    out = np.empty((2, n))
    carry = np.zeros(2)
    for lo in range(0, n, 1000):  # x[i] = rho^i (x0 + sum_j rho^-j e_j), in blocks
        block = shocks[:, lo:lo + 1000]
        powers = rho ** np.arange(block.shape[1])
        out[:, lo:lo + block.shape[1]] = powers * (carry[:, None] * rho
                                                   + np.cumsum(block / powers, axis=1))
        carry = out[:, lo + block.shape[1] - 1]
    return out[0], out[1]


def write_gpx(activity: Activity, path: str, sport: str = "running") -> None:
    """The activity as a GPX track (time, position, elevation), as a watch exports it."""
    assert activity.start_time is not None
    start = activity.start_time
    points = []
    for t, la, lo, el in zip(activity.time_s, activity.lat, activity.lon, activity.altitude,
                             strict=True):
        when = (start + timedelta(seconds=float(t))).strftime("%Y-%m-%dT%H:%M:%SZ")
        points.append(f'<trkpt lat="{la:.7f}" lon="{lo:.7f}"><ele>{el:.1f}</ele>'
                      f"<time>{when}</time></trkpt>")
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="tests" '
                  f'xmlns="http://www.topografix.com/GPX/1/1"><trk><type>{sport}</type><trkseg>'
                  + "".join(points) + "</trkseg></trk></gpx>\n")
