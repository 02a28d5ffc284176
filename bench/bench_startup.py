"""Start-up: `miler paces 7:00`, `miler --version` and `miler plan --json` against a bare
`python3 -c pass`, measured in one run.

The alternative a user would otherwise run is the interpreter doing nothing at all: the ratio
says what miler's own imports and work cost on top of Python's start. Issue 22's goal: `miler
plan --json` at most 8x `python -c pass`. The runs are interleaved (one of each in turn), so a
burst of load on a shared machine falls on every command alike. When valgrind is installed,
each command's instructions are counted once too (callgrind): the same whatever the load.

`python bench/bench_startup.py SRC` also runs each miler command from another checkout's
``src`` (PYTHONPATH, the same interpreter and console script), side by side: "before".
Compile both first (`python -m compileall -q SRC src`), as a `pip install` leaves them.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from timing import MILER

RUNS = 30
PLAN = [MILER, "plan", "--weekly-miles", "20", "--test-mile", "7:45", "--goal", "7:00",
        "--start", "2026-03-02", "--json"]
COMMANDS = {"python -c pass": [sys.executable, "-c", "pass"],
            "miler --version": [MILER, "--version"],
            "miler paces 7:00": [MILER, "paces", "7:00"],
            "miler plan --json": PLAN}
START_GOAL_X = 8.0
# Why `miler progress` on PostgreSQL cannot answer in 50 ms (issue 22): the driver alone. Not
# a miler command, so it has no goal; shown only when the postgres extra is installed.
if importlib.util.find_spec("psycopg") is not None:
    COMMANDS["import psycopg (driver)"] = [sys.executable, "-c", "import psycopg"]


def _once(cmd: list[str], env: dict[str, str] | None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=env)
    return (time.perf_counter() - start) * 1000


def _instructions(cmd: list[str], env: dict[str, str] | None) -> float | None:
    """Millions of instructions of one run, counted by callgrind; None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           *cmd], capture_output=True, text=True, env=env, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    return int(found[1]) / 1e6 if found else None


def _runs(against: str | None) -> dict[str, tuple[list[str], dict[str, str] | None]]:
    runs: dict[str, tuple[list[str], dict[str, str] | None]] = {
        name: (cmd, None) for name, cmd in COMMANDS.items()}
    if against is not None:
        env = dict(os.environ, PYTHONPATH=str(Path(against).resolve()))
        runs |= {f"{name} (before)": (cmd, env) for name, cmd in COMMANDS.items()
                 if name.startswith("miler")}
    return runs


if __name__ == "__main__":
    against = sys.argv[1] if Path(sys.argv[0]).stem == "bench_startup" and len(sys.argv) > 1 \
        else None
    runs = _runs(against)
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(RUNS):
        for name, (cmd, env) in runs.items():
            times[name].append(_once(cmd, env))
    medians = {name: statistics.median(values) for name, values in times.items()}
    counts = {name: _instructions(cmd, env) for name, (cmd, env) in runs.items()}
    bare = medians["python -c pass"]
    print(f"{'python -c pass':30s} {bare:7.1f} ms (median of {RUNS})"
          + (f"  {counts['python -c pass']:6.0f} M instructions"
             if counts["python -c pass"] else ""))
    for name in sorted(runs, key=lambda n: (n.replace(" (before)", ""), "before" not in n)):
        if name == "python -c pass":
            continue
        count = counts[name]
        print(f"{name:30s} {medians[name]:7.1f} ms  x{medians[name] / bare:4.1f}"
              + (f"  {count:6.0f} M instructions" if count else ""))
    ratio = medians["miler plan --json"] / bare
    print(f"goal: miler plan --json <= x{START_GOAL_X:g} python -c pass: "
          f"{'met' if ratio <= START_GOAL_X else 'NOT met'} (x{ratio:.1f})")
