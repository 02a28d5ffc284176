"""The storing commands end to end on a SQLite file: athlete, import, log, today, progress."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT

FIT = ROOT / "tests" / "data" / "track-fenix6.fit"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "miler.db")


def test_athlete_import_log_and_progress(cli, db: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("athlete", "add", "Ada", "--weekly-miles", "20", "--test-mile",
                         "7:45", "--goal", "7:00", "--age", "45", "--sex", "female", "--db", db)
    assert (code, err) == (0, "")
    assert out.startswith("Ada (id ada): mile 7:45, goal 7:00, 20 miles a week")
    code, out, _ = cli("import", str(FIT), "--db", db)
    assert code == 0
    assert "Stored 1 activities for ada, 0 already known, 0 skipped." in out
    assert "best mile 6:20.1" in out
    from miler.adapters.storage.repository import Store

    store = Store.open(f"sqlite:///{db}")  # the progress after an import is kept already
    with store.transaction() as repo:
        kept = repo.kept_summary("ada", "progress")
        assert kept is not None
        assert kept.data_version == repo.data_version("ada").version
    store.close()
    code, out, _ = cli("import", str(FIT), "--db", db)
    assert "Stored 0 activities for ada, 1 already known" in out
    code, out, _ = cli("log", "2026-11-30", "--distance", "3mi", "--time", "30:00", "--db", db)
    assert (code, out.strip()) == (0, "Logged 3.00 mi on 2026-11-30; no planned run that day.")
    code, out, _ = cli("progress", "--db", db)
    # 6:20.1 by a 45-year-old woman: 253 / 0.943 / 380.1 = 70.6 %
    assert "Best mile 2021-06: 6:20.1 (70.6 % age-graded)" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["athlete", "add", "Bo", "--weekly-miles", "-5"],
         "--weekly-miles must be a number from 0 to 150, got '-5'"),
        (["athlete", "add", "Bo", "--weekly-miles", "10", "--days", "mon,tue,funday"],
         "--days must be a weekday: mon, tue, wed, thu, fri, sat or sun, got 'funday'"),
        (["athlete", "add", "Bo", "--weekly-miles", "10", "--tz", "Mars/Base"],
         "--tz must be an IANA time zone such as Europe/London, got 'Mars/Base'"),
        (["log", "yesterday", "--distance", "3mi"], "DATE must be a date like 2026-12-06"),
        (["log", "2026-11-30", "--kind", "nap", "--distance", "3mi"], "--kind must be one of"),
        (["session", "move", "x", "--to", "2026-13-01"], "--to must be a date like"),
        (["today"], "--athlete is needed when there is not exactly one athlete, got 'none'"),
    ],
)
def test_bad_input_exits_2(cli, db: str, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli(*args, "--db", db)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert message in err


def test_today_without_a_plan_says_how_to_make_one(cli, db: str) -> None:  # type: ignore[no-untyped-def]
    cli("athlete", "add", "Ada", "--weekly-miles", "20", "--db", db)
    code, _, err = cli("today", "--db", db)
    assert code == 1
    assert err.strip() == ("miler: error: ada has no saved plan; make one with "
                           "`miler plan --save`")


def test_log_refuses_an_impossible_time(cli) -> None:  # type: ignore[no-untyped-def]
    # Issue 17: a one-second mile was stored, then progress showed "best mile 1.0".
    for time in ("0:01", "0"):
        code, out, err = cli("log", "2026-12-01", "--kind", "race", "--distance", "1mi",
                             "--time", time)
        assert (code, out) == (2, "")
        assert err.count("\n") == 1
        assert "--time must be slower than the world record for 1609.34 m" in err
    code, _, err = cli("log", "0001-01-01", "--distance", "5mi")
    assert code == 2
    assert "DATE must be from 1980-01-06" in err


def test_progress_shows_the_estimate_week_by_week_beside_the_races(cli, db: str) -> None:  # type: ignore[no-untyped-def]
    cli("athlete", "add", "Ada", "--weekly-miles", "20", "--db", db)
    for day, time in (("2026-10-01", "6:40"), ("2026-11-05", "6:30")):
        assert cli("log", day, "--kind", "race", "--distance", "1mi", "--time", time,
                   "--db", db)[0] == 0
    code, out, _ = cli("progress", "--db", db)
    assert code == 0
    assert "Mile estimate, week by week (80 % interval; faster to the right)" in out
    rows = [line.split() for line in out.splitlines() if line.strip()[:2].isdigit()
            and "2026" in line]
    assert rows[0][:3] == ["04", "Oct", "2026"]  # the first week's end
    assert rows[-1][:3] == ["05", "Nov", "2026"]  # the newest run's day
    assert len(rows) == 6  # 4, 11, 18, 25 Oct, 1 Nov and 5 Nov
    # a race counts fully: each week's estimate is the newest race, its band drawn
    assert rows[0][3] == "6:40"
    assert rows[-1][3] == "6:30"
    # a mile logged as a race is stored as a test mile result (no race session that day)
    assert rows[0][-3:] == ["test", "mile", "6:40.0"]
    assert rows[-1][-3:] == ["test", "mile", "6:30.0"]
    assert all("o" in r[5] or "*" in r[5] for r in rows)
    low, high = rows[-1][4].split("-")
    assert low < "6:30" < high


def test_progress_says_when_there_is_not_enough_for_an_estimate(cli, db: str) -> None:  # type: ignore[no-untyped-def]
    cli("athlete", "add", "Ada", "--weekly-miles", "20", "--db", db)
    cli("log", "2026-11-30", "--distance", "3mi", "--time", "30:00", "--db", db)
    code, out, _ = cli("progress", "--db", db)
    assert code == 0
    assert "Fitness estimate: not enough hard running in any 12 weeks yet" in out


@pytest.mark.parametrize(("typed", "rule"), [
    ("../../etc", "NAME must be a name, not a path (no /, \\ or leading .), got '../../etc'"),
    ("", "NAME must not be empty or only spaces, got ''"),
    (" \t", "NAME must not be empty or only spaces, got ' \\t'"),
    ("Sam\x07", "NAME must not contain control characters, got 'Sam\\x07'"),
])
def test_athlete_add_refuses_names_that_are_not_names(cli, db: str, typed: str,  # type: ignore[no-untyped-def]
                                                      rule: str) -> None:
    code, out, err = cli("athlete", "add", typed, "--weekly-miles", "20", "--db", db)
    assert (code, out, err) == (2, "", f"miler: error: {rule}\n")


def test_a_runner_is_found_by_display_name_or_id(cli, db: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("athlete", "add", "Sam", "--weekly-miles", "20", "--db", db)[0] == 0
    for typed in ("Sam", "sam", " SAM "):
        code, out, _ = cli("athlete", "show", typed, "--db", db)
        assert (code, out.splitlines()[0][:14]) == (0, "Sam (id sam): ")
    code, _, err = cli("athlete", "add", "sam", "--weekly-miles", "20", "--db", db)
    assert (code, err) == (2, "miler: error: name must be new: an athlete of that name exists, "
                              "got 'sam'\n")
