"""Race day: `miler race --goal 7:00` (table, JSON, pace bands) against `python3 -c pass`.

As for start-up, the alternative is the interpreter doing nothing: the ratio is what the
race plan, Rich and, for a PDF band, reportlab cost on top of Python's own start.
"""

from __future__ import annotations

import sys
import tempfile

from timing import MILER, process_ms

RUNS = 30


if __name__ == "__main__":
    bare = process_ms([sys.executable, "-c", "pass"], RUNS)
    print(f"python -c pass                       {bare:7.1f} ms (median of {RUNS})")
    race = [MILER, "race", "--goal", "7:00"]
    with tempfile.TemporaryDirectory() as tmp:
        for label, extra in [("", []), (" --json", ["--json"]),
                             (" --json --band b.svg", ["--json", "--band", f"{tmp}/b.svg"]),
                             (" --json --band b.pdf", ["--json", "--band", f"{tmp}/b.pdf"])]:
            ms = process_ms(race + extra, RUNS)
            print(f"miler race --goal 7:00{label:<20} {ms:7.1f} ms  x{ms / bare:.1f}")
