"""``miler serve --coach --workers 2``: a login, its CSRF token, uploads and a logout hold
whichever process answers (sessions are database rows, the cookie secret a file of the data
directory). SQLite always; PostgreSQL when MILER_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from miler.services.logins import FREE_FAILURES
from tests.conftest import BACKENDS, POSTGRES, empty_postgres
from tests.web.conftest import DATA, PASSWORD

httpx = pytest.importorskip("httpx2", reason="the dev extra (httpx2) is not installed")

MILER = str(Path(sys.executable).with_name("miler"))
CLIENTS = 4
ROUNDS = 8


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            if f"\nPPid:\t{pid}\n" in status and "python" in (entry / "cmdline").read_text():
                found.append(int(entry.name))
    return found


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


@pytest.fixture(params=BACKENDS)
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, int]]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'miler.db'}"
    else:
        assert POSTGRES is not None
        empty_postgres(POSTGRES)
        url = POSTGRES
    port = _free_port()
    env = {**os.environ, "MILER_DATA_DIR": str(tmp_path / "data"), "MILER_DATABASE_URL": url}
    process = subprocess.Popen([MILER, "serve", "--coach", "--workers", "2", "--port",
                                str(port)], env=env, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # up to 60 s on a busy machine; each try waits on the process
            try:
                if httpx.get(base + "/api/session", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            try:
                process.wait(timeout=0.1)
            except subprocess.TimeoutExpired:
                continue
            raise AssertionError(f"miler serve exited: {process.stderr.read()!r}"
                                 if process.stderr else "miler serve exited")
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


def _client(base: str) -> Any:
    # a new connection for every request: each may land on either process
    return httpx.Client(base_url=base, headers={"Connection": "close"}, timeout=30)


def _post(client: Any, url: str, **kwargs: Any) -> Any:
    token = client.get("/api/session").json()["csrf_token"]
    return client.post(url, headers={"X-CSRF-Token": token}, **kwargs)


def _a_coach_at_work(base: str) -> list[int]:
    """Log in, then ROUNDS of reading the squad and uploading a run; the status codes."""
    codes = []
    with _client(base) as client:
        codes.append(_post(client, "/api/login",
                           json={"username": "coach", "password": PASSWORD}).status_code)
        for _ in range(ROUNDS):
            codes.append(client.get("/api/athletes").status_code)
            upload = _post(client, "/api/athletes/ann/uploads",
                           files=[("files", ("fr410.tcx", (DATA / "fr410.tcx").read_bytes()))])
            codes.append(upload.status_code)
            codes.append(200 if upload.json()["results"][0]["ok"] else 500)
    return codes


def test_a_login_csrf_and_uploads_hold_across_worker_processes(
        server: tuple[str, int]) -> None:
    base, pid = server
    workers = _children(pid)
    assert len(workers) >= 2, workers
    with _client(base) as coach:
        made = _post(coach, "/api/setup", json={"username": "coach", "password": PASSWORD})
        assert made.status_code == 200, made.text
        athlete = _post(coach, "/api/athletes", json={"username": "ann", "password": PASSWORD,
                                                      "name": "Ann"})
        assert athlete.status_code == 201, athlete.text
        before = {w: _cpu_ticks(w) for w in workers}
        with ThreadPoolExecutor(CLIENTS) as pool:
            codes = [c for done in pool.map(_a_coach_at_work, [base] * CLIENTS) for c in done]
        assert codes == [200] * len(codes)
        busy = [w for w in workers if _cpu_ticks(w) > before[w]]
        assert len(busy) >= 2, "only one process answered"
        listed = coach.get("/api/athletes/ann/uploads").json()
        assert len(listed["activities"]) == 1  # the same file, kept once
        # a logout ends the session in every process: a copy of the cookie is worthless
        cookies = dict(coach.cookies.items())
        assert _post(coach, "/api/logout").status_code == 204
    with _client(base) as copy:
        copy.cookies.update(cookies)
        for _ in range(6):
            assert copy.get("/api/athletes").status_code == 401
    # wrong passwords answered by either process count once: after the free ones the next
    # try is held back, whichever process takes it (each kept its own count before)
    with _client(base) as guesser:
        for k in range(FREE_FAILURES):
            wrong = _post(guesser, "/api/login", json={"username": "ann", "password": f"no{k}"})
            assert wrong.status_code == 401, wrong.text
        for _ in range(4):
            held = _post(guesser, "/api/login", json={"username": "ann", "password": "no"})
            assert held.status_code in (401, 429), held.text
            if held.status_code == 429:
                break
        assert held.status_code == 429
