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
    doc: dict[str, Any] = json.loads((DATA / "plan-sample.json").read_text())
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


def test_files_read_on_every_core_are_stored_as_one_by_one(store: Store,
                                                          tmp_path: Path) -> None:
    """20 distinct files of one run (bytes after the FIT data: a warning): stored in the
    files' order whatever the workers, so the first completes the session; a bad one is
    skipped in its place."""
    data = FIT.read_bytes()
    for k in range(20):
        (tmp_path / f"run-{k:02d}.fit").write_bytes(data + b"\0" * (k + 1))
    (tmp_path / "run-05.fit").write_bytes(data[:10])
    reports, docs = [], []
    for workers in (1, 2):
        with store.transaction() as repo:
            repo.add_athlete(f"Ada{workers}", {"weekly_miles": 20}, NOW)
            repo.save_plan(f"Ada{workers}", {}, plan_on("2021-06-10"), "first plan", NOW)
        report = import_files(store, f"Ada{workers}", [tmp_path], now=NOW, workers=workers)
        reports.append([(r.name, r.session_id, r.distance_m) for r in report.stored])
        assert [name for name, _ in report.skipped] == [str(tmp_path / "run-05.fit")]
        with store.transaction() as repo:
            docs.append([(a.path, a.doc) for a in repo.activities(f"Ada{workers}")])
    assert reports[0] == reports[1]
    assert len(reports[0]) == 19
    name, session_id, distance_m = reports[0][0]
    assert (name, session_id) == (str(tmp_path / "run-00.fit"), "w1-tue-speed")
    assert distance_m == pytest.approx(6440, abs=1)
    assert all(session is None for _, session, _ in reports[0][1:])
    assert docs[0] == docs[1]


def _undated_gpx(path: Path) -> None:
    """A run's route without times (a planned route, or a watch that never got the time):
    it has a distance but no day."""
    points = "".join(f'<trkpt lat="{51.5 + k * 1e-4:.7f}" lon="-0.1"></trkpt>'
                     for k in range(200))
    path.write_text('<?xml version="1.0"?><gpx version="1.1" creator="tests" xmlns='
                    '"http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
                    + points + "</trkseg></trk></gpx>")


def test_the_dry_run_skips_what_the_import_skips(athlete: Store, tmp_path: Path) -> None:
    """A file without a start time cannot be stored (no day): the import skips it, and its
    dry run (``scan_history``) skips it with the same reason rather than count a run the
    import will not keep. Neither measures it."""
    from miler.services.history import NO_DAY, scan_history

    shutil.copy(FIT, tmp_path / "run.fit")
    _undated_gpx(tmp_path / "route.gpx")
    report = import_files(athlete, "Ada", [tmp_path], now=NOW)
    summary = scan_history([tmp_path])
    assert list(report.skipped) == list(summary.skipped) == [(str(tmp_path / "route.gpx"),
                                                               NO_DAY)]
    assert [r.name for r in report.stored] == [r.name for r in summary.runs]
    assert summary.files == 2


def test_a_logged_time_trial_is_a_result(athlete: Store) -> None:
    run = log_run(athlete, "Ada", date(2021, 6, 12), "time_trial", 1609.344, 431.0, NOW)
    assert run.result == "test_mile"
    with athlete.transaction() as repo:
        assert [(r.kind, r.time_s) for r in repo.results("Ada")] == [("test_mile", 431.0)]


def test_an_unknown_athlete_reads_nothing(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no athlete named 'Nobody'"):
        import_files(store, "Nobody", [FIT], now=NOW)


def test_files_read_ahead_are_stored_or_only_summarised(store: Store, tmp_path: Path) -> None:
    """``miler import`` reads its files while it opens the database: stored as without, or,
    with no athlete to keep them for, dropped for a summary."""
    from miler.services.history import HistorySummary
    from miler.services.training import FilesAhead, import_history

    data = FIT.read_bytes()
    runs = tmp_path / "runs"
    runs.mkdir()
    for k in range(18):  # enough for workers; distinct files of one run
        (runs / f"run-{k:02d}.fit").write_bytes(data + b"\0" * (k + 1))
    with FilesAhead([runs]) as ahead:
        first_look = import_history(store, None, [runs], now=NOW, ahead=ahead)
    assert isinstance(first_look, HistorySummary)
    assert first_look.files == 18
    with store.transaction() as repo:
        repo.add_athlete("Ada", {"weekly_miles": 20}, NOW)
    with FilesAhead([runs]) as ahead:
        report = import_history(store, None, [runs], now=NOW, ahead=ahead)
    assert not isinstance(report, HistorySummary)
    assert [r.name for r in report.stored] == [str(p) for p in sorted(runs.iterdir())]
    with FilesAhead([runs]) as ahead, pytest.raises(NotFoundError, match="no athlete"):
        import_history(store, "Nobody", [runs], now=NOW, ahead=ahead)
