"""Whole-history import against fitfast and fitdecode, decoding the same files in one run.

1. Builds a 500-run history with ../shared/tools/make_history.py from the corpus's healthy
   running FIT files (each copy on its own day, CRCs recomputed) into bench/out/ (kept).
2. miler: ``scan_history`` = decode + best efforts + weekly volume, on 1 process and on all
   cores, each in a fresh interpreter so peak memory (max RSS) is its own.
3. fitfast ``records()`` (Rust, columnar) over every file, one process: decoding only.
4. fitdecode (pure Python) is ~0.5 MB/s, so it reads a fixed sample of files (every 12th)
   with its fastest settings (CRC checks off, no processor); miler reads the same sample.
5. Best efforts (all six distances) for a 100,000-record synthetic run, median of 21.

Needs the bench extra: pip install -e '.[bench]'. Figures go to bench/README.md by hand.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT.parent / "shared" / "corpus"
MAKE_HISTORY = ROOT.parent / "shared" / "tools" / "make_history.py"
HISTORY = HERE / "out" / "history"
RUNS = 500
SAMPLE_EVERY = 12


def _sources() -> list[Path]:
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    return [CORPUS / e["path"] for e in manifest
            if e["format"] == "fit" and e.get("running") and not e["corrupt"]]


def build_history() -> list[Path]:
    files = sorted(HISTORY.glob("run-*.fit"))
    if len(files) != RUNS:
        subprocess.run([sys.executable, str(MAKE_HISTORY), str(HISTORY), str(RUNS),
                        *map(str, _sources())], check=True)
        files = sorted(HISTORY.glob("run-*.fit"))
    return files


_MILER = """
import resource, sys, time
from miler.services.history import scan_history
paths = sys.argv[2:] or [sys.argv[1]]
start = time.perf_counter()
summary = scan_history(paths, workers=int(sys.argv[1].split(':')[0]))
took = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(took, len(summary.runs), len(summary.skipped), own, kids)
"""


def run_miler(workers: int, files: list[Path]) -> tuple[float, int, int, float]:
    """(seconds, runs, skipped, peak MiB of the busiest process) in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", _MILER, f"{workers}:", *map(str, files)],
                          check=True, capture_output=True, text=True)
    took, runs, skipped, own, kids = done.stdout.split()
    return float(took), int(runs), int(skipped), max(int(own), int(kids)) / 1024


def run_fitfast(files: list[Path]) -> tuple[float, int, int]:
    import fitfast

    failed = records = 0
    start = time.perf_counter()
    for path in files:
        try:
            cols = fitfast.records(str(path))
            records += len(next(iter(cols.values()))) if cols else 0
        except Exception:  # fitfast refuses some valid files; count them, as a user would
            failed += 1
    return time.perf_counter() - start, records, failed


def run_fitdecode(files: list[Path]) -> tuple[float, int]:
    import fitdecode

    records = 0
    start = time.perf_counter()
    for path in files:
        with fitdecode.FitReader(str(path), check_crc=fitdecode.CrcCheck.DISABLED,
                                 processor=None) as fit:
            for frame in fit:
                if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "record":
                    records += 1
    return time.perf_counter() - start, records


def best_efforts_100k() -> float:
    import numpy as np

    from miler.domain.efforts import best_efforts_of

    rng = np.random.default_rng(1)
    t = np.arange(100_000, dtype=float)
    d = np.cumsum(3.0 + rng.random(t.size))
    hr = np.full(t.size, 150.0)
    times = []
    for _ in range(21):
        start = time.perf_counter()
        best_efforts_of(t, d, hr)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _missing() -> str | None:
    if not MAKE_HISTORY.exists():
        return f"{MAKE_HISTORY} is absent: the history is built from ../shared"
    for module in ("fitfast", "fitdecode"):
        try:
            __import__(module)
        except ImportError:
            return f"{module} is not installed: pip install -e '.[bench]'"
    return None


def main() -> None:
    why = _missing()
    if why is not None:
        print(f"skipped: {why}")
        return
    files = build_history()
    mb = sum(f.stat().st_size for f in files) / 1e6
    sample = files[::SAMPLE_EVERY]
    sample_mb = sum(f.stat().st_size for f in sample) / 1e6
    print(f"machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}")
    print(f"history: {len(files)} files, {mb:.1f} MB; sample: {len(sample)} files, "
          f"{sample_mb:.1f} MB")
    one = run_miler(1, files)
    every = run_miler(os.cpu_count() or 1, files)
    fast = run_fitfast(files)
    print(f"miler 1 process     {one[0]:6.2f} s  {mb / one[0]:6.1f} MB/s  runs {one[1]}, "
          f"skipped {one[2]}, peak {one[3]:.0f} MiB")
    print(f"miler all cores     {every[0]:6.2f} s  {mb / every[0]:6.1f} MB/s  runs {every[1]}, "
          f"skipped {every[2]}, peak {every[3]:.0f} MiB per process")
    print(f"fitfast records()   {fast[0]:6.2f} s  {mb / fast[0]:6.1f} MB/s  records {fast[1]}, "
          f"refused {fast[2]} files")
    print(f"  miler vs fitfast: x{fast[0] / one[0]:.2f} (1 process), "
          f"x{fast[0] / every[0]:.2f} (all cores)")
    decode = run_fitdecode(sample)
    mine = run_miler(1, sample)
    print(f"fitdecode (sample)  {decode[0]:6.2f} s  {sample_mb / decode[0]:6.2f} MB/s  "
          f"records {decode[1]}")
    print(f"miler (sample)      {mine[0]:6.2f} s  {sample_mb / mine[0]:6.1f} MB/s")
    print(f"  miler vs fitdecode: x{decode[0] / mine[0]:.0f} (1 process), "
          f"x{(mb / every[0]) / (sample_mb / decode[0]):.0f} (all cores, by MB/s)")
    print(f"best efforts, 100,000 records: {best_efforts_100k():.1f} ms (median of 21)")


if __name__ == "__main__":
    main()
