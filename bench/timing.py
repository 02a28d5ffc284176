"""Shared by the benchmarks: medians of repeated runs, in milliseconds."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def processes_ms(cmds: list[list[str]], runs: int) -> list[float]:
    """The median wall time of each of ``cmds`` run to its end, output discarded, taken in
    turn (one of each, ``runs`` times): a burst of load falls on every command alike, so
    their ratio holds on a shared machine."""
    times: list[list[float]] = [[] for _ in cmds]
    for _ in range(runs):
        for cmd, kept in zip(cmds, times, strict=True):
            start = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            kept.append((time.perf_counter() - start) * 1000)
    return [statistics.median(kept) for kept in times]


def process_ms(cmd: list[str], runs: int) -> float:
    """The median wall time of running ``cmd`` to its end, output discarded."""
    return median_ms(lambda: subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL), runs)


async def _asgi_get(app: Any, path: str, cookie: bytes) -> int:
    """One GET straight through the ASGI app (no client, no socket): the server's time."""
    status = 0

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": path, "raw_path": path.encode(),
             "query_string": b"", "root_path": "", "client": ("127.0.0.1", 50000),
             "server": ("127.0.0.1", 8000),
             "headers": [(b"host", b"127.0.0.1"), (b"cookie", cookie)]}
    await app(scope, receive, send)
    return status


class ServerGet:
    """GETs of ``app``'s pages with a client's cookies, straight through the ASGI app: what
    the server spends, without a test client's threads (about 8 ms a request here)."""

    def __init__(self, app: Any, cookies: Any) -> None:
        import asyncio

        self._app = app
        self._cookie = "; ".join(f"{k}={v}" for k, v in cookies.items()).encode()
        self._loop = asyncio.new_event_loop()

    def __call__(self, path: str) -> None:
        status = self._loop.run_until_complete(_asgi_get(self._app, path, self._cookie))
        assert status == 200, (path, status)

    def close(self) -> None:
        self._loop.close()
