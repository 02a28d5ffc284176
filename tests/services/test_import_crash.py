"""A process killed in the middle of storing a file leaves the database as it was."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from miler.adapters.storage.repository import Store
from tests.conftest import ROOT

FIT = ROOT / "tests" / "data" / "track-fenix6.fit"
# The hook is handed to the use case (production code reads no test switch): it says where
# it is, then blocks until the test kills the process.
IMPORT = """
import sys
from datetime import UTC, datetime
from miler.services.ports import open_storage
from miler.services.training import import_files

def hook():
    with open(sys.argv[3], "w", encoding="ascii") as marker:
        marker.write("inside the transaction\\n")
    with open(sys.argv[3] + ".go", encoding="ascii") as wait:
        wait.read()

import_files(open_storage(sys.argv[1]), "Ada", [sys.argv[2]], now=datetime.now(UTC), hook=hook)
"""


def wait_for_marker(fifo: Path, child: subprocess.Popen[bytes]) -> bytes:
    """What the child writes once it has stored its activity inside its open transaction;
    b"" if it exits first (then the test fails instead of hanging)."""
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        got = b""
        while not got.endswith(b"\n") and child.poll() is None:
            ready, _, _ = select.select([fd], [], [], 1.0)
            if ready:
                got += os.read(fd, 100)
        return got
    finally:
        os.close(fd)


def test_killed_mid_import_leaves_nothing_half_written(database_url: str,
                                                        tmp_path: Path) -> None:
    store = Store.open(database_url)
    with store.transaction() as repo:
        repo.add_athlete("Ada", {"weekly_miles": 20}, datetime(2026, 11, 23, tzinfo=UTC))
    fifo = tmp_path / "hook"
    os.mkfifo(fifo)
    os.mkfifo(f"{fifo}.go")
    child = subprocess.Popen([sys.executable, "-c", IMPORT, database_url, str(FIT),
                              str(fifo)])
    try:
        assert wait_for_marker(fifo, child) == b"inside the transaction\n"
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        child.kill()
    with store.transaction() as repo:
        assert repo.activities("Ada") == []
        assert repo.results("Ada") == []
    store.engine.dispose()
