"""Backups: JSON and SQLite copies that restore into any database, whole or not at all."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from miler.adapters.storage.repository import Store
from miler.errors import InvalidInputError, StorageError
from miler.services.backup import backup, restore
from tests.conftest import ROOT

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
PLAN = json.loads((ROOT / "tests" / "data" / "plan-sample.json").read_text())
RUN = {"schema": "miler.activity/1", "source": "run.fit", "sport": "running",
       "start_time": "2026-12-01T07:00:00Z", "distance_m": 7000.0, "elapsed_s": 2700.0,
       "laps": [], "best_efforts": {}}


def fill(store: Store) -> None:
    with store.transaction() as repo:
        repo.add_athlete("Ada", {"weekly_miles": 20}, NOW)
        repo.save_plan("Ada", {"weeks": 1}, PLAN, "first plan", NOW)
        run = repo.add_activity("Ada", day=date(2026, 12, 1), doc=RUN, now=NOW, sha256="a" * 64)
        repo.mark_session("Ada", "w1-tue-speed", "done", activity_id=run.id)
        repo.add_result("Ada", date(2026, 12, 1), "time_trial", 1609.344, 431.2)


def snapshot(store: Store) -> tuple[object, ...]:
    with store.transaction() as repo:
        return (repo.athletes(), repo.plans("Ada"), repo.sessions("Ada"),
                repo.activities("Ada"), repo.results("Ada"))


@pytest.mark.parametrize("suffix", [".json", ".db"])
def test_backup_restores_everything_elsewhere(store: Store, tmp_path: Path,
                                              suffix: str) -> None:
    fill(store)
    counts = backup(store, tmp_path / f"backup{suffix}")
    assert counts == {"athletes": 1, "plans": 1, "activities": 1, "sessions": 5, "results": 1}
    other = Store.open(f"sqlite:///{tmp_path / 'other.db'}")
    assert restore(other, tmp_path / f"backup{suffix}") == counts
    assert snapshot(other) == snapshot(store)
    with other.transaction() as repo:  # ids carry on after the restored ones
        repo.add_athlete("Bo", {"weekly_miles": 10}, NOW)


def test_restore_refuses_a_full_database_unless_replacing(store: Store, tmp_path: Path) -> None:
    fill(store)
    backup(store, tmp_path / "b.json")
    before = snapshot(store)
    with pytest.raises(InvalidInputError, match="restore needs an empty database, or --replace"):
        restore(store, tmp_path / "b.json")
    assert snapshot(store) == before
    restore(store, tmp_path / "b.json", replace=True)
    assert snapshot(store) == before


def test_a_broken_backup_changes_nothing(store: Store, tmp_path: Path) -> None:
    fill(store)
    before = snapshot(store)
    bad = tmp_path / "bad.json"
    doc = json.loads(json.dumps({"schema": "miler.backup/1", "tables": {
        "athletes": [{"id": 1, "name": "Ada"}]}}))  # a row missing required fields
    bad.write_text(json.dumps(doc))
    with pytest.raises(StorageError, match="the backup does not fit the database, nothing"):
        restore(store, bad, replace=True)
    assert snapshot(store) == before
    bad.write_text("{not json")
    with pytest.raises(InvalidInputError, match="FILE must be a JSON backup"):
        restore(store, bad, replace=True)
