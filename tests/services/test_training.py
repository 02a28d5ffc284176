"""Importing watch files into an athlete's history: stored once, matched to the plan."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from miler.adapters.storage.repository import Store
from miler.errors import NotFoundError
from miler.services.training import import_files, log_run
from tests.conftest import ROOT

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
DATA = ROOT / "tests" / "data"
FIT = DATA / "track-fenix6.fit"  # a run on 2021-06-10, 6.44 km


def plan_on(day: str) -> dict[str, Any]:
    """The sample plan with its speed session moved to ``day``."""
    doc = json.loads((DATA / "plan-sample.json").read_text())
    for session in doc["weeks"][0]["sessions"]:
        if session["kind"] == "speed":
            session["date"] = day
    return doc


@pytest.fixture
def athlete(store: Store) -> Store:
    with store.transaction() as repo:
        repo.add_athlete("Ada", {"weekly_miles": 20}, NOW)
        repo.save_plan("Ada", {}, plan_on("2021-06-10"), "first plan", NOW)
    return store


def test_a_file_is_stored_once_and_completes_its_session(athlete: Store, tmp_path: Path) -> None:
    copy = tmp_path / "again.fit"
    shutil.copy(FIT, copy)
    report = import_files(athlete, "Ada", [FIT, copy], now=NOW)
    (run,) = report.stored
    assert report.duplicates == 1
    assert (run.day, run.sport, run.session_id) == (date(2021, 6, 10), "running", "w1-tue-speed")
    assert run.distance_m == pytest.approx(6440, abs=1)
    with athlete.transaction() as repo:
        (stored,) = repo.activities("Ada")
        speed = next(s for s in repo.sessions("Ada") if s.session_id == "w1-tue-speed")
    assert (speed.status, speed.activity_id) == ("done", stored.id)
    assert import_files(athlete, "Ada", [FIT], now=NOW).duplicates == 1


def test_bad_files_are_skipped_with_their_reason(athlete: Store, tmp_path: Path) -> None:
    broken = tmp_path / "broken.fit"
    broken.write_bytes(FIT.read_bytes()[:10])
    report = import_files(athlete, "Ada", [tmp_path], now=NOW)
    assert report.stored == ()
    assert [name for name, _ in report.skipped] == [str(broken)]
    with athlete.transaction() as repo:
        assert repo.activities("Ada") == []


def test_a_logged_time_trial_is_a_result(athlete: Store) -> None:
    run = log_run(athlete, "Ada", date(2021, 6, 12), "time_trial", 1609.344, 431.0, NOW)
    assert run.result == "test_mile"
    with athlete.transaction() as repo:
        assert [(r.kind, r.time_s) for r in repo.results("Ada")] == [("test_mile", 431.0)]


def test_an_unknown_athlete_reads_nothing(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no athlete named 'Nobody'"):
        import_files(store, "Nobody", [FIT], now=NOW)
