"""``miler plan --save`` keeps what the plan was made from, the time trial too: a later
re-plan (``services.training.adapt``) starts from the 7:20 trial, not the 7:45 test."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from miler.services.ports import open_storage
from miler.services.training import ImportedRun, adapt

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def _run(mile_s: float) -> ImportedRun:
    return ImportedRun("run.fit", date(2026, 12, 20), "running", 8000.0, mile_s, None, None, 1)


def test_a_saved_time_trial_is_what_a_re_plan_starts_from(cli: Any, tmp_path: Path) -> None:
    db = str(tmp_path / "miler.db")
    code, _out, err = cli("plan", "--weekly-miles", "20", "--test-mile", "7:45", "--goal", "7:00",
                         "--start", "2026-11-30", "--time-trial", "7:20", "--save",
                         "--athlete", "Ada", "--db", db)
    assert (code, err) == (0, "miler: saved as Ada's plan v1\n"), err
    store = open_storage(f"sqlite:///{db}")
    with store.transaction() as repo:
        plan = repo.current_plan("ada")
    assert plan is not None
    assert plan.inputs["time_trial_s"] == 440.0
    # 7:25 inside a run beats the 7:45 test but not the 7:20 trial: no re-plan.
    assert adapt(store, "ada", [_run(445.0)], NOW) is None
    faster = adapt(store, "ada", [_run(435.0)], NOW)
    assert faster is not None
    assert faster.inputs["time_trial_s"] == 435.0
    store.close()


def test_a_saved_plans_calendar_carries_its_version_and_the_athlete(cli: Any,
                                                                    tmp_path: Path) -> None:
    db, ics = str(tmp_path / "miler.db"), tmp_path / "plan.ics"
    runner = ("plan", "--weekly-miles", "20", "--test-mile", "7:45", "--start", "2026-11-30",
              "--save", "--athlete", "Ada", "--db", db, "--ics", str(ics))
    first = None
    for version in (1, 2):
        code, _out, err = cli(*runner)
        assert code == 0, err
        assert f"saved as Ada's plan v{version}" in err
        text = ics.read_text()
        assert text.count(f"SEQUENCE:{version}\n") == text.count("BEGIN:VEVENT") > 50
        uids = [line for line in text.splitlines() if line.startswith("UID:")]
        assert uids[1] == "UID:Ada-2026-12-01-fartlek@miler"
        assert first is None or uids == first  # the same events, a newer version
        first = uids


def test_paper_needs_a_pdf_and_a_known_size(cli: Any, tmp_path: Path) -> None:
    runner = ("plan", "--weekly-miles", "20", "--test-mile", "7:45", "--start", "2026-11-30")
    code, _out, err = cli(*runner, "--paper", "a4")
    assert (code, err) == (2, "miler: error: --paper only applies with --pdf FILE, got 'a4'\n")
    code, _out, err = cli(*runner, "--pdf", str(tmp_path / "p.pdf"), "--paper", "legal")
    assert (code, err) == (2, "miler: error: --paper must be letter or a4, got 'legal'\n")
    assert not (tmp_path / "p.pdf").exists()
