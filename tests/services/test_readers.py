"""``start_readers``: the fork server starts early only for an import that may be read in
workers (a folder, a zip, or many files), loading the module its workers will run and
everything that module loads to read a file, so that no worker loads any of it again."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from miler.services import readers


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    import miler.adapters.files.walk as walk

    monkeypatch.setattr(walk, "start_readers",
                        lambda module, preload=(): calls.append(module))
    return calls


def test_a_folder_or_a_zip_starts_the_readers(tmp_path: Path, started: list[str]) -> None:
    readers.start_readers([tmp_path], stored=True)
    readers.start_readers([tmp_path / "export.zip"], stored=False)
    assert started == ["miler.services.training", "miler.services.history"]


def test_a_few_files_start_nothing(tmp_path: Path, started: list[str]) -> None:
    few = [tmp_path / f"run-{k}.fit" for k in range(15)]
    readers.start_readers(few, stored=True)
    assert started == []
    readers.start_readers([*few, tmp_path / "one-more.fit"], stored=True)
    assert started == ["miler.services.training"]


_LOADS_NOTHING = """
import sys
from miler.services.readers import WORKER_IMPORTS
module = sys.argv[1]
for name in ("miler.adapters.files.walk", "miler.adapters.files.fit", module,
             *WORKER_IMPORTS[module]):  # what the fork server loads (walk._context)
    __import__(name)
before = set(sys.modules)
read = getattr(sys.modules[module], sys.argv[2])
read(sys.argv[3], open(sys.argv[3], "rb").read())
print(sorted(m for m in set(sys.modules) - before if m.startswith(("miler", "numpy"))))
"""


@pytest.mark.parametrize(("module", "function"), [("miler.services.training", "_read_or_skip"),
                                                  ("miler.services.history", "_summarise")])
def test_a_worker_loads_nothing_more_to_read_a_file(module: str, function: str) -> None:
    """After the fork server's imports, reading and measuring a file (a track session: every
    part of the analysis runs) loads no module of miler's or numpy's in the worker."""
    from tests.services.test_training import FIT

    done = subprocess.run([sys.executable, "-c", _LOADS_NOTHING, module, function, str(FIT)],
                          check=True, capture_output=True, text=True)
    assert done.stdout.strip() == "[]"
