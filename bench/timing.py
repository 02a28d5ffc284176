"""Shared by the benchmarks: medians of repeated runs, in milliseconds."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

MILER = str(Path(sys.executable).with_name("miler"))


def median_ms(fn: Callable[[], object], runs: int) -> float:
    """The median wall time of ``runs`` calls of ``fn``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def median_after_ms(before: Callable[[], object], fn: Callable[[], object],
                    runs: int) -> float:
    """The median wall time of ``runs`` calls of ``fn``, each after an untimed ``before()``."""
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def process_ms(cmd: list[str], runs: int) -> float:
    """The median wall time of running ``cmd`` to its end, output discarded."""
    return median_ms(lambda: subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL), runs)
