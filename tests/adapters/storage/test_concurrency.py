"""Two processes (the CLI and the web app, say) writing one SQLite file at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from miler.adapters.storage.repository import Store

WRITER = """
import sys
from datetime import UTC, datetime
from miler.adapters.storage.repository import Store
store = Store.open(sys.argv[1])
for n in range(40):
    with store.transaction() as repo:
        repo.add_athlete(f"{sys.argv[2]}-{n}", {"weekly_miles": n}, datetime.now(UTC))
"""


def test_two_writers_share_one_sqlite_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    Store.open(url).engine.dispose()  # created and migrated once, before the race
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, url, who])
               for who in ("cli", "web")]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    with Store.open(url).transaction() as repo:
        names = {a.name for a in repo.athletes()}
    assert len(names) == 80
