"""The plan page under load: `miler serve` (uvicorn, one process) at 50 concurrent connections.

A bounded async client (httpx2) keeps 50 connections busy on loopback until REQUESTS pages
are fetched, and records each request's latency and any error. The alternative a runner
would otherwise use is the printable plan as a static file: the same plan's HTML served by
`python -m http.server` at the same concurrency; the ratio compares the two p99 latencies.
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CONNECTIONS = 50
REQUESTS = 3000
MILER = str(Path(sys.executable).with_name("miler"))
ONBOARDING = {"weekly_miles": 20, "test_mile_s": 465, "goal_mile_s": 420,
              "start": "2026-11-30", "age": 38, "sex": "male", "tz": "UTC"}


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    import httpx2

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            httpx2.get(url, timeout=1)
            return
        except httpx2.TransportError:
            time.sleep(0.05)
    raise SystemExit(f"server at {url} did not start")


def _onboard(base: str) -> str:
    """Plan for the runner; returns the printable plan's HTML (the static alternative)."""
    import httpx2

    with httpx2.Client(base_url=base) as client:
        token = client.get("/api/session").json()["csrf_token"]
        made = client.post("/api/athletes/me/onboarding", json=ONBOARDING,
                           headers={"X-CSRF-Token": token})
        made.raise_for_status()
        return client.get("/athletes/me/plan.html").text


async def _load(url: str) -> tuple[list[float], int, float]:
    import httpx2

    latencies: list[float] = []
    errors = 0
    left = REQUESTS
    limits = httpx2.Limits(max_connections=CONNECTIONS, max_keepalive_connections=CONNECTIONS)

    async def worker(client: httpx2.AsyncClient) -> None:
        nonlocal left, errors
        while left > 0:
            left -= 1
            start = time.perf_counter()
            try:
                response = await client.get(url)
                ok = response.status_code == 200 and len(response.content) > 1000
            except httpx2.HTTPError:
                ok = False
            latencies.append((time.perf_counter() - start) * 1000)
            errors += not ok

    async with httpx2.AsyncClient(limits=limits, timeout=30) as client:
        began = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(CONNECTIONS)))
        elapsed = time.perf_counter() - began
    return latencies, errors, elapsed


def _report(label: str, latencies: list[float], errors: int, elapsed: float) -> float:
    cuts = statistics.quantiles(latencies, n=100)
    p50, p99 = cuts[49], cuts[98]
    print(f"{label:<34} {len(latencies) / elapsed:7.0f} req/s  p50 {p50:6.1f} ms  "
          f"p99 {p99:6.1f} ms  max {max(latencies):6.1f} ms  errors {errors}/{len(latencies)}")
    return p99


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "MILER_DATA_DIR": tmp, "MILER_DATABASE_URL": ""}
        port = _port()
        miler = subprocess.Popen([MILER, "serve", "--port", str(port)], env=env,
                                 stderr=subprocess.DEVNULL)
        static_dir = Path(tmp) / "static"
        static_dir.mkdir()
        static_port = _port()
        try:
            base = f"http://127.0.0.1:{port}"
            _wait(base + "/api/session", miler)
            (static_dir / "plan.html").write_text(_onboard(base), encoding="utf-8")
            static = subprocess.Popen([sys.executable, "-m", "http.server", str(static_port),
                                       "--bind", "127.0.0.1", "--directory", str(static_dir)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                static_url = f"http://127.0.0.1:{static_port}/plan.html"
                _wait(static_url, static)
                ours = _report("miler serve: /athletes/me/plan",
                               *asyncio.run(_load(base + "/athletes/me/plan")))
                theirs = _report("http.server: the printable plan",
                                 *asyncio.run(_load(static_url)))
                print(f"p99 ratio (miler / static file)     x{ours / theirs:.2f}  "
                      f"({CONNECTIONS} connections, {REQUESTS} requests each)")
            finally:
                static.terminate()
                static.wait()
        finally:
            miler.terminate()
            miler.wait()


if __name__ == "__main__":
    main()
