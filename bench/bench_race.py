"""Race day: `miler race --goal 7:00` (table, JSON, pace bands) against `python3 -c pass`.

As for start-up, the alternative is the interpreter doing nothing: the ratio is what the
race plan, Rich and, for a PDF band, reportlab cost on top of Python's own start.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 30
MILER = str(Path(sys.executable).with_name("miler"))


def _median_ms(cmd: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


if __name__ == "__main__":
    bare = _median_ms([sys.executable, "-c", "pass"])
    print(f"python -c pass                       {bare:7.1f} ms (median of {RUNS})")
    race = [MILER, "race", "--goal", "7:00"]
    with tempfile.TemporaryDirectory() as tmp:
        for label, extra in [("", []), (" --json", ["--json"]),
                             (" --json --band b.svg", ["--json", "--band", f"{tmp}/b.svg"]),
                             (" --json --band b.pdf", ["--json", "--band", f"{tmp}/b.pdf"])]:
            ms = _median_ms(race + extra)
            print(f"miler race --goal 7:00{label:<20} {ms:7.1f} ms  x{ms / bare:.1f}")
