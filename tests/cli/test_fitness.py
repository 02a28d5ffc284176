"""``miler fitness``: the estimate from watch files or stored runs, its JSON contract, and
one clear line for bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from miler.data import schema
from tests.conftest import CORPUS
from tests.domain.synthetic_runners import history, make_runner, write_gpx

TODAY = date(2026, 6, 30)


@pytest.fixture(scope="module")
def runner_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """Runner 3's 13 weeks as GPX files, and the estimate from the same runs in memory."""
    from miler.domain.fitness import estimate_mile
    from miler.domain.fitness_efforts import run_efforts

    runner = make_runner(3)
    folder = tmp_path_factory.mktemp("history")
    runs = history(runner, TODAY)
    for day, kind, activity in runs:
        write_gpx(activity, str(folder / f"{day.isoformat()}-{kind}.gpx"))
    (folder / "notes.txt").write_text("not an activity")
    return folder, estimate_mile([run_efforts(a, day) for day, _, a in runs], TODAY).mile_s


@pytest.mark.slow
def test_json_is_a_valid_fitness_document_from_the_files(cli: Any,
                                                         runner_files: tuple[Path, float]
                                                         ) -> None:
    folder, in_memory = runner_files
    code, out, err = cli("fitness", str(folder), "--today", TODAY.isoformat(), "--json")
    assert (code, err) == (0, "")
    doc = json.loads(out)
    jsonschema.validate(doc, schema("fitness"))
    lo, hi = doc["interval_80"]
    assert lo < doc["mile_s"] < hi
    # the files hold what the watch would: the same estimate as from the samples in memory
    assert doc["mile_s"] == pytest.approx(in_memory, rel=0.01)
    assert any(e["used"] for e in doc["efforts"])
    assert doc["models"]["power_law"] > 0


@pytest.mark.slow
def test_the_readable_form_shows_interval_models_and_efforts(
        cli: Any, runner_files: tuple[Path, float]) -> None:
    folder, _ = runner_files
    code, out, _ = cli("fitness", str(folder), "--today", TODAY.isoformat())
    assert code == 0
    assert out.startswith(f"Mile on {TODAY.isoformat()}: ")
    assert "80 % interval" in out
    assert "exponent" in out
    assert "Equivalent: 800 m" in out
    assert "used" in out
    assert "ignored" in out


def test_an_empty_folder_is_bad_input(cli: Any, tmp_path: Path) -> None:
    code, out, err = cli("fitness", str(tmp_path))
    assert (code, out) == (2, "")
    assert err.startswith("miler: error: PATH must hold at least one activity file")
    assert err.count("\n") == 1


def test_only_non_running_files_is_not_enough_data(cli: Any, tmp_path: Path) -> None:
    runner = make_runner(5)
    day, _, activity = history(runner, TODAY, weeks=1)[0]
    write_gpx(activity, str(tmp_path / "ride.gpx"), sport="cycling")
    code, out, err = cli("fitness", str(tmp_path), "--today", day.isoformat())
    assert (code, out) == (1, "")
    assert err == "miler: error: none of the 1 activity files is a run\n"


@pytest.mark.parametrize(("args", "message"), [
    (("--weeks", "0"), "--weeks must be a whole number from 1 to 104, got '0'"),
    (("--weeks", "many"), "--weeks must be a whole number from 1 to 104, got 'many'"),
    (("--today", "2026-13-01"), "--today must be a date like 2026-12-06, got '2026-13-01'"),
    (("/no/such/folder",), "PATH must be an existing file or folder, got '/no/such/folder'"),
])
def test_bad_arguments_are_one_line_and_exit_2(cli: Any, args: tuple[str, ...],
                                               message: str) -> None:
    assert cli("fitness", *args) == (2, "", f"miler: error: {message}\n")


def test_a_saved_athlete_without_runs_is_not_enough_data(cli: Any, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'm.db'}"
    assert cli("athlete", "add", "ann", "--weekly-miles", "20", "--db", db)[0] == 0
    code, out, err = cli("fitness", "--athlete", "ann", "--db", db)
    assert (code, out) == (1, "")
    assert err == f"miler: error: ann has no runs stored in the 12 weeks to {date.today()}\n"


def test_a_logged_race_makes_an_estimate_for_a_saved_athlete(cli: Any, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'm.db'}"
    cli("athlete", "add", "ann", "--weekly-miles", "20", "--db", db)
    day = date.today().isoformat()
    assert cli("log", day, "--kind", "race", "--distance", "1mi", "--time", "6:30",
               "--athlete", "ann", "--db", db)[0] == 0
    code, out, err = cli("fitness", "--athlete", "ann", "--db", db, "--json")
    assert (code, err) == (0, "")
    doc = json.loads(out)
    jsonschema.validate(doc, schema("fitness"))
    assert doc["mile_s"] == pytest.approx(390.0, abs=0.5)  # a race counts fully
    assert doc["efforts"][0]["kind"] == "race"


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is absent")
def test_the_real_corpus_gives_plausible_estimates_run_by_run() -> None:
    """No true mile is known for these files: a plausibility check only. Every running file
    (pauses, treadmill runs without GPS, multisport) is read into efforts without a crash, and
    each run's own estimate, where it has hard running, is a mile between 4:00 and 15:00."""
    from miler.domain.fitness import estimate_mile
    from miler.errors import NotEnoughDataError
    from miler.services.history import scan_history

    summary = scan_history([CORPUS / "fit", CORPUS / "tcx", CORPUS / "gpx"], today=TODAY)
    runs = [r.efforts for r in summary.runs if r.efforts is not None]
    assert len(runs) >= 40
    estimates = []
    for run in runs:
        try:
            estimates.append(estimate_mile([run], run.day, weeks=1).mile_s)
        except NotEnoughDataError:
            continue
    assert estimates
    assert all(240.0 <= m <= 900.0 for m in estimates), sorted(estimates)


@pytest.mark.slow
def test_plan_with_a_history_and_no_test_mile_starts_from_the_estimate(
        cli: Any, tmp_path: Path) -> None:
    """No test mile in the history: the plan's current mile is the fitness estimate, the
    verdict a normal one, the paces provisional, and the reason says how it was made."""
    from tests.domain.plan_rules import violations

    runner = make_runner(7)
    for day, kind, activity in history(runner, date.today(), weeks=6):
        write_gpx(activity, str(tmp_path / f"{day.isoformat()}-{kind}.gpx"))
    code, out, err = cli("plan", "--history", str(tmp_path), "--json")
    assert code == 0, err
    assert "estimated; no recent test mile" in err
    doc = json.loads(out)
    goal = doc["goal"]
    assert goal["verdict"] != "untested"
    assert goal["provisional"] is True
    assert goal["estimated"] is True
    assert goal["reason"].startswith("No test mile: your mile is estimated at ")
    code, est, _ = cli("fitness", str(tmp_path), "--json")
    assert goal["current_mile_s"] == pytest.approx(json.loads(est)["mile_s"], abs=0.1)
    assert violations(doc) == []
