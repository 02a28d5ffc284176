"""``start_readers``: the fork server starts early only for an import that may be read in
workers (a folder, a zip, or many files), loading the module its workers will run."""

from __future__ import annotations

from pathlib import Path

import pytest

from miler.services import readers


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    import miler.adapters.files.walk as walk

    monkeypatch.setattr(walk, "start_readers", calls.append)
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
