"""Reps scored against the planned session: stored with the activity at import, "done, off
target" on the session, in progress over the block, and in ``miler analyze --athlete``.

The Fenix 6 session (tests/data, 2021-06-10) ran 400, 400, 800, 800, 400 m reps; the sample
plan's speed session, moved to that day, asks for 6 x 400 m at 6:00-6:30 a mile."""

from __future__ import annotations

import json
from typing import Any

import pytest

from miler.adapters.storage.repository import Store
from miler.domain.reps import OFF_TARGET_NOTE
from miler.services.analysis import analyze_for
from miler.services.progress import progress
from miler.services.training import import_files
from tests.services.test_training import FIT, NOW, plan_on

SPEED = "w1-tue-speed"


def _plan(fast: float, slow: float) -> dict[str, Any]:
    doc = plan_on("2021-06-10")
    for session in doc["weeks"][0]["sessions"]:
        if session["kind"] == "speed":
            work = session["steps"][1]["steps"][0]
            work["pace"]["s_per_mile"] = [fast, slow]
    return doc


def _athlete(store: Store, fast: float = 360.0, slow: float = 390.0) -> Store:
    with store.transaction() as repo:
        repo.add_athlete("Ada", {"weekly_miles": 20}, NOW)
        repo.save_plan("Ada", {}, _plan(fast, slow), "first plan", NOW)
    return store


def test_the_scores_are_stored_with_the_activity(store: Store) -> None:
    _athlete(store)
    (run,) = import_files(store, "Ada", [FIT], now=NOW).stored
    assert run.session_id == SPEED
    with store.transaction() as repo:
        (stored,) = repo.activities("Ada")
        speed = next(s for s in repo.sessions("Ada") if s.session_id == SPEED)
    scores = stored.doc["rep_scores"]
    # 87 s for a 400 is 5:50/mi (too fast); the third 400 m found, 91 s, is 6:06/mi.
    assert [s["verdict"] for s in scores] == ["too fast", "too fast", "on target",
                                              "not found", "not found", "not found"]
    assert scores[0]["time_s"] == pytest.approx(87.0, abs=0.5)
    assert scores[0]["recovery_s"] == pytest.approx(110.0, abs=2)
    assert scores[0]["planned_recovery_s"] == 90
    assert stored.doc["planned_session"] == {"id": SPEED, "title": speed.title,
                                             "off_target": False}
    assert (speed.status, speed.note) == ("done", None)


def test_a_session_with_every_rep_slow_is_done_off_target(store: Store) -> None:
    _athlete(store, fast=240.0, slow=270.0)  # 4:00-4:30 a mile: every rep is slow
    import_files(store, "Ada", [FIT], now=NOW)
    with store.transaction() as repo:
        speed = next(s for s in repo.sessions("Ada") if s.session_id == SPEED)
    assert (speed.status, speed.note) == ("done", OFF_TARGET_NOTE)
    found = progress(store, "Ada")
    ((day, _, reps),) = found.speed_sessions
    assert day == "2021-06-10"
    assert [r.verdict for r in reps][:3] == ["too slow"] * 3
    assert found.reps is not None
    assert (found.reps.planned, found.reps.run, found.reps.too_slow) == (6, 3, 3)
    # 87 s a 400 against 4:30/mi (67.1 s a 400): about 20 s per 400 m slow
    assert found.reps.mean_error_s_per_400m == pytest.approx(
        (87 + 87 + 91) / 3 - 270 * 400 / 1609.344, abs=0.5)
    assert found.reps.text.startswith("Reps against targets: 0 of 3 run on target, 3 too slow")


def test_analyze_scores_against_the_plan_before_and_after_the_import(store: Store) -> None:
    _athlete(store)
    before = analyze_for(store, "Ada", FIT)
    import_files(store, "Ada", [FIT], now=NOW)
    after = analyze_for(store, None, FIT)  # the only athlete
    for found in (before, after):
        assert found.session is not None
        assert found.session.id == SPEED
        assert [s.verdict for s in found.rep_scores][:3] == ["too fast", "too fast",
                                                            "on target"]


def test_analyze_with_athlete_prints_the_reps_table(store: Store, database_url: str,
                                                   cli) -> None:  # type: ignore[no-untyped-def]
    _athlete(store, fast=240.0, slow=270.0)
    code, out, err = cli("analyze", str(FIT), "--athlete", "Ada", "--db", database_url)
    assert code == 0, err
    assert "Reps: " in out
    # 4:00-4:30 a mile is 59.7-67.1 s a 400; 87 s is 20.3 s per 400 m slow; 1:50 jogged
    row = next(line for line in out.splitlines() if "59.7-1:07.1" in line)
    assert row.split() == ["1", "400", "59.7-1:07.1", "1:27.0", "+20.3", "1:50", "1:30",
                           "too", "slow"]
    assert f"Session: {OFF_TARGET_NOTE}" in out
    code, out, _ = cli("analyze", str(FIT), "--athlete", "Ada", "--db", database_url, "--json")
    doc = json.loads(out)
    assert doc["planned_session"]["off_target"] is True
    assert len(doc["rep_scores"]) == 6


def test_analyze_without_athlete_has_no_reps_table(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("analyze", str(FIT))
    assert code == 0
    assert "Reps: " not in out
