"""Start-up: `miler paces 7:00` against a bare `python3 -c pass`, measured in one run.

The alternative a user would otherwise run is the interpreter doing nothing at all: the ratio
says what miler's own imports and work cost on top of Python's start.
"""

from __future__ import annotations

import sys

from timing import MILER, process_ms

RUNS = 30


if __name__ == "__main__":
    bare = process_ms([sys.executable, "-c", "pass"], RUNS)
    paces = process_ms([MILER, "paces", "7:00"], RUNS)
    version = process_ms([MILER, "--version"], RUNS)
    print(f"python -c pass        {bare:7.1f} ms (median of {RUNS})")
    print(f"miler --version       {version:7.1f} ms  x{version / bare:.1f}")
    print(f"miler paces 7:00      {paces:7.1f} ms  x{paces / bare:.1f}")
