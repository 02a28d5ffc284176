"""Synthetic runs with known answers, built from (seconds, metres per second) stretches."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from miler.domain.activity import Activity, Lap, Session

START = datetime(2026, 5, 4, 7, 0, tzinfo=UTC)


def columns(stretches: list[tuple[float, float]], hz: float = 1.0,
            heart_rate: list[float] | None = None) -> dict[str, np.ndarray]:
    """Samples every 1/hz s through stretches of (duration s, speed m/s); speed None = gap."""
    times, dists, hrs = [0.0], [0.0], [np.nan]
    for k, (duration, speed) in enumerate(stretches):
        steps = max(1, round(duration * hz))
        for _ in range(steps):
            times.append(times[-1] + duration / steps)
            dists.append(dists[-1] + speed * duration / steps)
            hrs.append(heart_rate[k] if heart_rate else np.nan)
    return {"time_s": np.array(times), "distance_m": np.array(dists),
            "heart_rate": np.array(hrs)}


def run(stretches: list[tuple[float, float]], *, sport: str = "running", hz: float = 1.0,
        heart_rate: list[float] | None = None, laps: tuple[Lap, ...] = (),
        sessions: tuple[Session, ...] = (), timer_s: float | None = None) -> Activity:
    return Activity.from_columns("synthetic", sport, columns(stretches, hz, heart_rate),
                                 start_time=START, laps=laps, sessions=sessions, timer_s=timer_s)


def gap(activity_cols: dict[str, np.ndarray], after_s: float, pause_s: float) -> None:
    """Shift every sample after ``after_s`` by ``pause_s``: the watch stopped, no samples."""
    t = activity_cols["time_s"]
    t[t > after_s] += pause_s
