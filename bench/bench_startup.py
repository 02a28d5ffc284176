"""Start-up: `miler paces 7:00` against a bare `python3 -c pass`, measured in one run.

The alternative a user would otherwise run is the interpreter doing nothing at all: the ratio
says what miler's own imports and work cost on top of Python's start.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 30
MILER = str(Path(sys.executable).with_name("miler"))


def _median_ms(cmd: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


if __name__ == "__main__":
    bare = _median_ms([sys.executable, "-c", "pass"])
    paces = _median_ms([MILER, "paces", "7:00"])
    version = _median_ms([MILER, "--version"])
    print(f"python -c pass        {bare:7.1f} ms (median of {RUNS})")
    print(f"miler --version       {version:7.1f} ms  x{version / bare:.1f}")
    print(f"miler paces 7:00      {paces:7.1f} ms  x{paces / bare:.1f}")
