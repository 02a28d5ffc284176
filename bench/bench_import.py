"""Whole-history import against fitfast and fitdecode, decoding the same files in one run.

1. Builds a 500-run history with ../shared/tools/make_history.py from the corpus's healthy
   running FIT files (each copy on its own day, CRCs recomputed) into bench/out/ (kept), and
   a 2000-file history the same way (issue 22).
2. miler: ``scan_history`` = decode + best efforts + weekly volume, on 1 process and on all
   cores, each in a fresh interpreter so peak memory (max RSS) is its own.
3. fitfast ``records()`` (Rust, columnar) over every file, one process: decoding only.
4. The user-visible commands as whole processes, start-up included (issue 22):
   ``miler import --dry-run DIR`` against fitfast, and ``miler import DIR`` storing every
   run for an athlete in a fresh SQLite file against the dry run, then the same import
   again (every file stored already); the peak RSS of the command's own process and of
   each worker it starts (sampled from /proc).
5. fitdecode (pure Python) is ~0.5 MB/s, so it reads a fixed sample of files (every 12th)
   with its fastest settings (CRC checks off, no processor); miler reads the same sample.
6. Best efforts (all six distances) for a 100,000-record synthetic run, median of 21.

Needs the bench extra: pip install -e '.[bench]'. Figures go to bench/README.md by hand.
``MILER_BEFORE=/path/to/another/miler`` (say, main's, run from the same venv with its own
``PYTHONPATH``) runs that miler's two commands too, alternating with this one's: before and
after in one run, at the same load.
Goals (issue 22): the dry run >= 2x fitfast, decode + analysis on one process >= 1.5x
fitfast, the stored import <= 1.3x the dry run, < 150 MiB per process.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import MILER

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT.parent / "shared" / "corpus"
MAKE_HISTORY = ROOT.parent / "shared" / "tools" / "make_history.py"
HISTORY = HERE / "out" / "history"
RUNS = 500
BIG_HISTORY = HERE / "out" / "history-2000"
BIG_RUNS = 2000
SAMPLE_EVERY = 12
POLL_S = 0.02  # how often a command's processes are sampled for their peak RSS


def _sources() -> list[Path]:
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    return [CORPUS / e["path"] for e in manifest
            if e["format"] == "fit" and e.get("running") and not e["corrupt"]]


def build_history(folder: Path = HISTORY, runs: int = RUNS) -> list[Path]:
    files = sorted(folder.glob("run-*.fit"))
    if len(files) != runs:
        subprocess.run([sys.executable, str(MAKE_HISTORY), str(folder), str(runs),
                        *map(str, _sources())], check=True)
        files = sorted(folder.glob("run-*.fit"))
    return files


_MILER = """
import resource, sys, time
from miler.services.history import scan_history
paths = sys.argv[2:] or [sys.argv[1]]
cpu, start = time.process_time(), time.perf_counter()
summary = scan_history(paths, workers=int(sys.argv[1].split(':')[0]))
took = time.perf_counter() - start
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = time.process_time() - cpu + kids.ru_utime + kids.ru_stime
own = next(int(line.split()[1]) for line in open('/proc/self/status')
           if line.startswith('VmHWM:'))
print(took, len(summary.runs), len(summary.skipped), own, kids.ru_maxrss, cpu)
"""


def _cpu_of_children() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run_miler(workers: int, files: list[Path]) -> tuple[float, int, int, float, float]:
    """(seconds, runs, skipped, peak MiB of the busiest process, CPU seconds of the scan and
    its workers) in a fresh interpreter, start-up excluded. Its own peak is VmHWM, not
    ru_maxrss: Linux carries ru_maxrss across exec, so a child of a big bench process
    would report the bench's size."""
    done = subprocess.run([sys.executable, "-c", _MILER, f"{workers}:", *map(str, files)],
                          check=True, capture_output=True, text=True)
    took, runs, skipped, own, kids, cpu = done.stdout.split()
    return (float(took), int(runs), int(skipped), max(int(own), int(kids)) / 1024,
            float(cpu))


def _peak_mib(pid: int) -> float | None:
    """The peak RSS (VmHWM) of a live process, or None once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


_TICK_S = 1 / os.sysconf("SC_CLK_TCK")


def _cpu_s(pid: int) -> float | None:
    """The CPU seconds (user + system) a live process has used, or None once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) * _TICK_S


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def run_command(cmd: list[str]) -> tuple[float, float, float, int, float, float, float]:
    """(seconds, peak MiB of the command's process, of its busiest worker, workers seen, CPU
    seconds of them all, CPU seconds sampled, CPU seconds sampled of the command's own
    process): the whole command, start-up included. Its
    processes are sampled every POLL_S for their peak RSS (VmHWM) and their CPU time; the
    sampled CPU misses at most POLL_S a process (its last moments), but it counts workers
    the command does not wait for (a fork server's), which the first CPU figure cannot."""
    peaks: dict[int, float] = {}
    used: dict[int, float] = {}
    cpu = _cpu_of_children()
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while child.poll() is None:
        stack = [child.pid]
        while stack:
            pid = stack.pop()
            peak, cpu_s = _peak_mib(pid), _cpu_s(pid)
            if peak is not None:
                peaks[pid] = max(peak, peaks.get(pid, 0.0))
            if cpu_s is not None:
                used[pid] = max(cpu_s, used.get(pid, 0.0))
            stack += _children(pid)
        time.sleep(POLL_S)
    took = time.perf_counter() - start
    if child.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed: {child.stderr.read().decode()[-500:]}")
    own = peaks.get(child.pid, 0.0)
    workers = [v for k, v in peaks.items() if k != child.pid]
    return (took, own, max(workers, default=0.0), len(workers), _cpu_of_children() - cpu,
            sum(used.values()), used.get(child.pid, 0.0))


def dry_run(folder: Path, miler: str = MILER
            ) -> tuple[float, float, float, int, float, float, float]:
    return run_command([miler, "import", "--dry-run", str(folder)])


Command = tuple[float, float, float, int, float, float, float]


def stored(folder: Path, miler: str = MILER) -> tuple[Command, Command]:
    """``miler import`` into a fresh SQLite file, for an athlete added first; then the same
    import again (every file stored already: a runner importing their watch folder anew)."""
    with tempfile.TemporaryDirectory(prefix="miler-bench-") as scratch:
        db = str(Path(scratch) / "miler.db")
        subprocess.run([miler, "athlete", "add", "Ada", "--weekly-miles", "20", "--db", db],
                       check=True, stdout=subprocess.DEVNULL)
        first = run_command([miler, "import", str(folder), "--db", db])
        return first, run_command([miler, "import", str(folder), "--db", db])


def run_fitfast(files: list[Path]) -> tuple[float, int, int, float]:
    """(seconds, records, files refused, CPU seconds), in this process."""
    import fitfast

    failed = records = 0
    cpu = time.process_time()
    start = time.perf_counter()
    for path in files:
        try:
            cols = fitfast.records(str(path))
            records += len(next(iter(cols.values()))) if cols else 0
        except Exception:  # fitfast refuses some valid files; count them, as a user would
            failed += 1
    return time.perf_counter() - start, records, failed, time.process_time() - cpu


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


def _row(label: str, took: float, mb: float, cpu: float, extra: str) -> None:
    print(f"{label:30s} {took:7.2f} s  {mb / took:6.1f} MB/s  CPU {cpu:6.2f} s  {extra}")


def whole_commands(label: str, mb: float, folder: Path, fast: tuple[float, ...]) -> None:
    """The dry run and the stored import as commands, against fitfast's wall and CPU time;
    with ``MILER_BEFORE``, that miler's first (before), then this one's (after)."""
    before = os.environ.get("MILER_BEFORE")
    if before:
        _commands(f"{label} (before)", mb, folder, fast, before)
        label = f"{label} (after)"
    _commands(label, mb, folder, fast, MILER)


def _commands(label: str, mb: float, folder: Path, fast: tuple[float, ...],
              miler: str) -> None:
    dry = dry_run(folder, miler)
    kept, again = stored(folder, miler)
    _row(f"{label}: import --dry-run", dry[0], mb, dry[4],
         f"x{fast[0] / dry[0]:.2f} fitfast (CPU x{fast[3] / dry[4]:.2f}); peak {dry[1]:.0f} "
         f"MiB, workers {dry[2]:.0f} MiB ({dry[3]} seen)")
    # its workers are the fork server's children: their CPU time is not the command's, so
    # both commands are compared by the CPU sampled from /proc as well
    print(f"{label + ': import (stored)':30s} {kept[0]:7.2f} s  {mb / kept[0]:6.1f} MB/s  "
          f"x{kept[0] / dry[0]:.2f} the dry run (sampled CPU {kept[5]:.2f} s against "
          f"{dry[5]:.2f} s, x{kept[5] / dry[5]:.2f}; the command's own process {kept[6]:.2f} "
          f"s against {dry[6]:.2f} s, the rest {kept[5] - kept[6]:.2f} s against "
          f"{dry[5] - dry[6]:.2f} s); peak {kept[1]:.0f} MiB, workers "
          f"{kept[2]:.0f} MiB ({kept[3]} seen, the fork server among them)")
    print(f"{label + ': import again':30s} {again[0]:7.2f} s  {mb / again[0]:6.1f} MB/s  "
          f"x{again[0] / dry[0]:.2f} the dry run, x{kept[0] / again[0]:.1f} faster than the "
          f"first (every file stored already; sampled CPU {again[5]:.2f} s)")


def history(label: str, files: list[Path], folder: Path) -> None:
    mb = sum(f.stat().st_size for f in files) / 1e6
    print(f"{label}: {len(files)} files, {mb:.1f} MB; load {os.getloadavg()[0]:.2f}")
    fast = run_fitfast(files)
    one = run_miler(1, files)
    every = run_miler(os.cpu_count() or 1, files)
    _row(f"{label}: fitfast records()", fast[0], mb, fast[3],
         f"records {fast[1]}, refused {fast[2]} files")
    _row(f"{label}: miler 1 process", one[0], mb, one[4],
         f"x{fast[0] / one[0]:.2f} fitfast (CPU x{fast[3] / one[4]:.2f}); runs {one[1]}, "
         f"skipped {one[2]}, peak {one[3]:.0f} MiB")
    _row(f"{label}: miler all cores", every[0], mb, every[4],
         f"x{fast[0] / every[0]:.2f} fitfast; peak {every[3]:.0f} MiB per process")
    whole_commands(label, mb, folder, fast)


def main() -> None:
    why = _missing()
    if why is not None:
        print(f"skipped: {why}")
        return
    files = build_history()
    sample = files[::SAMPLE_EVERY]
    sample_mb = sum(f.stat().st_size for f in sample) / 1e6
    print(f"machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}; load {os.getloadavg()[0]:.2f}")
    history("500 runs", files, HISTORY)
    history("2000 files", build_history(BIG_HISTORY, BIG_RUNS), BIG_HISTORY)
    decode = run_fitdecode(sample)
    mine = run_miler(1, sample)
    print(f"fitdecode (sample, {len(sample)} files, {sample_mb:.1f} MB) {decode[0]:6.2f} s  "
          f"{sample_mb / decode[0]:6.2f} MB/s  records {decode[1]}")
    print(f"miler (sample)      {mine[0]:6.2f} s  {sample_mb / mine[0]:6.1f} MB/s  "
          f"x{decode[0] / mine[0]:.0f} fitdecode")
    print(f"best efforts, 100,000 records: {best_efforts_100k():.1f} ms (median of 21)")
    print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
