"""The web pages a runner and a coach open all day, alone and under load.

Server time: each of the plan, a speed session, progress and race-day pages of an onboarded
runner (8-week plan) requested in-process (the whole app, no network), median of RUNS: as
kept (web/cache.py) and rendered afresh (the cache emptied before every request), in one
run. Goal (issue 22): at most 5 ms a page.

Under load: `wrk -t2 -c50` (Debian's wrk; `bench/wrk.sh` installs it) for SECONDS against
`miler serve` (uvicorn, SQLite) on loopback, each page in turn, then against the printable
plan as a static file from `python -m http.server` (what a runner would otherwise open),
with `--workers 1` and `--workers 2` where `miler serve` has them. Client and server share
the machine's cores. Goal: p99 at most 250 ms at 50 connections.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from timing import MILER, ServerGet, median_ms

CONNECTIONS = 50
SECONDS = int(os.environ.get("WRK_SECONDS", "10"))
RUNS = 101
ONBOARDING = {"weekly_miles": 20, "test_mile_s": 465, "goal_mile_s": 420,
              "start": "2026-11-30", "age": 38, "sex": "male", "tz": "UTC"}


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    import httpx2

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            httpx2.get(url, timeout=1)
            return
        except httpx2.TransportError:
            time.sleep(0.05)
    raise SystemExit(f"server at {url} did not start")


def _onboard(client: Any) -> list[str]:
    """Plan for the runner; the pages to time (a speed session's among them)."""
    token = client.get("/api/session").json()["csrf_token"]
    made = client.post("/api/athletes/me/onboarding", json=ONBOARDING,
                       headers={"X-CSRF-Token": token})
    made.raise_for_status()
    doc = client.get("/api/athletes/me/plan").json()["plan"]
    speed = next(s["id"] for w in doc["weeks"] for s in w["sessions"] if s["kind"] == "speed")
    return ["/athletes/me/plan", f"/athletes/me/sessions/{speed}", "/athletes/me/progress",
            "/athletes/me/race"]


def server_time(data_dir: Path) -> None:
    """Each page through the app in-process: kept, and rendered afresh, median of RUNS."""
    from fastapi.testclient import TestClient

    from miler.config import Settings
    from miler.web import Mode, create_app

    app = create_app(Settings(f"sqlite:///{data_dir / 'miler.db'}", data_dir), Mode.LOCAL)
    pages = app.state.web.pages
    with TestClient(app, base_url="http://127.0.0.1") as client:
        urls = _onboard(client)
        sizes = {url: len(client.get(url).content) for url in urls}
        get = ServerGet(app, client.cookies)
    try:
        for url in urls:
            get(url)
            kept = median_ms(lambda url=url: get(url), RUNS)

            def fresh(url: str = url) -> None:
                pages._pages.clear()
                pages._bytes = 0
                get(url)

            rendered = median_ms(fresh, RUNS // 4)
            size = sizes.get(url, 0)
            print(f"  {url[:40]:<40} kept {kept:6.2f} ms   rendered {rendered:6.2f} ms "
                  f"(x{rendered / kept:.0f})   {size / 1024:.0f} KB")
    finally:
        get.close()


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(value) * _UNITS[unit]


def wrk(url: str, label: str) -> None:
    out = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency",
                          "--timeout", "10s", url], capture_output=True, text=True,
                         check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), "
                              r"timeout (\d+)", out)
    errors = (int(bad.group(1)) if bad else 0) + (
        sum(int(g) for g in socket_errors.groups()) if socket_errors else 0)
    print(f"  {label:<44} {rps:7.0f} req/s  p50 {p50:7.1f} ms  p99 {p99:7.1f} ms  "
          f"errors {errors}/{total}")


def _serve(tmp: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    env = {**os.environ, "MILER_DATA_DIR": tmp, "MILER_DATABASE_URL": ""}
    port = _port()
    extra = ["--workers", str(workers)] if workers > 1 else []
    process = subprocess.Popen([MILER, "serve", "--port", str(port), *extra], env=env,
                               stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    _wait(base + "/api/session", process)
    return process, base


def _has_workers() -> bool:
    shown = subprocess.run([MILER, "serve", "--help"], capture_output=True, text=True).stdout
    return "--workers" in shown


def under_load(tmp: str) -> None:
    import httpx2

    counts = (1, 2) if _has_workers() else (1,)
    for workers in counts:
        miler, base = _serve(tmp, workers)
        try:
            with httpx2.Client(base_url=base) as client:
                doc = client.get("/api/athletes/me/plan").json()["plan"]
                speed = next(s["id"] for w in doc["weeks"] for s in w["sessions"]
                             if s["kind"] == "speed")
                printable = client.get("/athletes/me/plan.html").text
            for path in ("/athletes/me/plan", f"/athletes/me/sessions/{speed}",
                         "/athletes/me/progress", "/athletes/me/race"):
                wrk(base + path, f"miler serve, {workers} worker(s): {path.split('/')[-1][:20]}")
        finally:
            miler.terminate()
            miler.wait()
    static_dir = Path(tmp) / "static"
    static_dir.mkdir(exist_ok=True)
    (static_dir / "plan.html").write_text(printable, encoding="utf-8")
    port = _port()
    static = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                               "127.0.0.1", "--directory", str(static_dir)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/plan.html"
        _wait(url, static)
        wrk(url, "http.server: the printable plan (static)")
    finally:
        static.terminate()
        static.wait()


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="miler-web-") as tmp:
        print(f"server time, in-process, median of {RUNS} (load {os.getloadavg()[0]:.1f})")
        server_time(Path(tmp))
        if shutil.which("wrk") is None:
            print("under load: skipped (no wrk: run bench/wrk.sh)")
            return
        print(f"under load: wrk -t2 -c{CONNECTIONS} -d{SECONDS}s "
              f"(load {os.getloadavg()[0]:.1f})")
        under_load(tmp)


if __name__ == "__main__":
    main()
