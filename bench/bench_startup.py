"""Start-up: `miler paces 7:00`, `miler --version` and `miler plan --json` against a bare
`python3 -c pass`, measured in one run.

The alternative a user would otherwise run is the interpreter doing nothing at all: the ratio
says what miler's own imports and work cost on top of Python's start. Issue 22's goal: `miler
plan --json` at most 8x `python -c pass`. The runs are interleaved (one of each in turn), so a
burst of load on a shared machine falls on every command alike.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from timing import MILER

RUNS = 30
PLAN = [MILER, "plan", "--weekly-miles", "20", "--test-mile", "7:45", "--goal", "7:00",
        "--start", "2026-03-02", "--json"]
COMMANDS = {"python -c pass": [sys.executable, "-c", "pass"],
            "miler --version": [MILER, "--version"],
            "miler paces 7:00": [MILER, "paces", "7:00"],
            "miler plan --json": PLAN}
START_GOAL_X = 8.0


def _once(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


if __name__ == "__main__":
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(RUNS):
        for name, cmd in COMMANDS.items():
            times[name].append(_once(cmd))
    medians = {name: statistics.median(values) for name, values in times.items()}
    bare = medians["python -c pass"]
    print(f"python -c pass        {bare:7.1f} ms (median of {RUNS})")
    for name in ("miler --version", "miler paces 7:00", "miler plan --json"):
        print(f"{name:21s} {medians[name]:7.1f} ms  x{medians[name] / bare:.1f}")
    ratio = medians["miler plan --json"] / bare
    print(f"goal: miler plan --json <= x{START_GOAL_X:g} python -c pass: "
          f"{'met' if ratio <= START_GOAL_X else 'NOT met'} (x{ratio:.1f})")
