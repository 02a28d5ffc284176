"""Issue 17: the hostile classes against ``miler serve`` in a real server process, and the
server's peak memory through all of them (its kernel high-water mark, VmHWM).

Each answer is checked for its status and message, and afterwards that nothing of a refused
input was stored. Uploads are read in the bounded worker (adapters/worker.py), so the
server's own memory stays small whatever the files do.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from miler.adapters.worker import MEMORY_BYTES
from tests.security import hostile

httpx = pytest.importorskip("httpx2", reason="the dev extra (httpx2) is not installed")
pytest.importorskip("fastapi", reason="the web extra is not installed")

PEAK_LIMIT_MB = 500  # the bound for the server process through this suite
MIB = 1 << 20


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(process: subprocess.Popen[bytes], port: int) -> None:
    """Connect as soon as the server listens; fail if it exits first (no fixed sleeps:
    each try waits on the process itself for a tenth of a second)."""
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            try:
                process.wait(timeout=0.1)
            except subprocess.TimeoutExpired:
                continue
            raise AssertionError(f"miler serve exited: {process.stderr.read()!r}"
                                 if process.stderr else "miler serve exited") from None
    raise AssertionError("miler serve did not start listening in 30 s")


def _kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(f"no {field} for process {pid}")


class Server:
    def __init__(self, process: subprocess.Popen[bytes], port: int, data: Path) -> None:
        self.process, self.port, self.data = process, port, data
        self.client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120)

    def token(self) -> str:
        value: str = self.client.get("/api/session").json()["csrf_token"]
        return value

    def upload(self, name: str, data: bytes) -> Any:
        return self.client.post("/api/athletes/me/uploads", files=[("files", (name, data))],
                                headers={"X-CSRF-Token": self.token()})

    def peak_mb(self) -> float:
        return _kib(self.process.pid, "VmHWM") / 1024

    def workers_peak_mb(self) -> list[float]:
        """The peak memory of each live process under the server (the bounded worker's
        forkserver and workers)."""
        parents = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(stat.parent.name)] = int(fields[1])
        mine, found = {self.process.pid}, True
        while found:
            found = False
            for pid, parent in parents.items():
                if parent in mine and pid not in mine:
                    mine.add(pid)
                    found = True
        return [_kib(pid, "VmHWM") / 1024 for pid in sorted(mine - {self.process.pid})]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if not Path("/proc/self/status").exists():
        pytest.skip("needs Linux's /proc to read the server's peak memory")
    data = tmp_path_factory.mktemp("serve")
    port = _free_port()
    env = {**os.environ, "MILER_DATA_DIR": str(data)}
    env.pop("MILER_DATABASE_URL", None)
    process = subprocess.Popen([sys.executable, "-m", "miler", "serve", "--port", str(port)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_until_up(process, port)
        yield Server(process, port, data)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _refused(server: Server, name: str, data: bytes, message: str) -> None:
    response = server.upload(name, data)
    assert response.status_code == 200, response.text
    [result] = response.json()["results"]
    assert result["ok"] is False
    assert message in result["message"]
    assert result["activity_id"] is None


@pytest.mark.parametrize(("name", "make", "message"), [
    ("bomb.fit.gz", lambda: hostile.gzip_bomb(100 * MIB), "unpacks to more than 64 MiB"),
    ("bomb.gpx.gz", lambda: hostile.gzip_bomb(100 * MIB, "gpx"), "unpacks to more than 64 MiB"),
    ("ones.fit", lambda: hostile.one_byte_messages(4 * MIB), "has no start time"),
    ("redefine.fit", lambda: hostile.redefinitions(2 * MIB), "has no start time"),
    ("jump.tcx", lambda: hostile.tcx_distance_jump(1e11), "distance must be at most 1000 km"),
    ("laughs.gpx", hostile.xml_entities, "declares XML entities"),
])
def test_hostile_files_are_refused_in_one_line(server: Server, name: str, make: Any,
                                               message: str) -> None:
    _refused(server, name, make(), message)


def test_a_gpx_dated_9999_is_refused_not_a_500(server: Server) -> None:
    _refused(server, "future.gpx", hostile.gpx_dated(9999),
             "start_time must be in the years 1980 to 2099, got 9999-12-31")


def test_a_rebound_host_and_a_foreign_origin_get_nothing(server: Server) -> None:
    evil = server.client.get("/api/session", headers={"host": f"evil.example:{server.port}"})
    assert evil.status_code == 400
    assert evil.text.startswith("host must be one of 127.0.0.1, ::1, localhost")
    forged = server.client.post("/api/athletes/me/onboarding", json={"weekly_miles": 20},
                                headers={"X-CSRF-Token": server.token(),
                                         "origin": "http://evil.example"})
    assert forged.status_code == 403


def test_a_time_of_5000_digits_is_a_one_line_422(server: Server) -> None:
    response = server.client.post("/athletes/me/onboarding", data={
        "weekly_miles": "20", "test_mile": "9" * 5000 + ":00", "csrf_token": server.token()})
    assert response.status_code == 422
    assert "test_mile: String should have at most 40 characters" in response.text


def test_zz_nothing_was_stored_and_the_server_stayed_small(server: Server) -> None:
    # runs last in this module (pytest keeps file order): after every hostile request
    listing = server.client.get("/api/athletes/me/uploads").json()["activities"]
    assert listing == []
    kept = server.data / "uploads"
    assert not kept.exists() or not any(kept.rglob("*.*"))
    peak, workers = server.peak_mb(), server.workers_peak_mb()
    print(f"\nmiler serve peak memory (VmHWM) through the hostile suite: {peak:.0f} MB; "
          f"its worker processes: {', '.join(f'{w:.0f}' for w in workers)} MB")
    assert peak < PEAK_LIMIT_MB
    assert workers  # the uploads were read there
    assert all(w < MEMORY_BYTES / MIB for w in workers)
