from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from miler.cli.plan import next_monday
from tests.domain.plan_rules import violations

CANONICAL = ("plan", "--weekly-miles", "20", "--test-mile", "7:45", "--goal", "7:00",
             "--start", "2026-03-02")


def test_plan_view_shows_the_verdict_weeks_and_paces(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli(*CANONICAL)
    assert code == 0, err
    assert out.startswith("Goal 7:00 mile: reasonable\n")
    assert "seed 000: 8:00 or faster makes 7:00 reasonable" in out
    for week in range(1, 9):
        assert f"Week {week} · " in out
    # Seed 000's numbers for a 7:00 goal, per mile and per 400 m lap.
    assert "6:00–6:30   1:29.5–1:36.9" in out  # 200/400 m repeats
    assert "7:00–7:30   1:44.4–1:51.8" in out  # the 'threshold' run and the 800s
    assert "Race day: the mile" in out


def test_plan_json_is_the_contract(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli(*CANONICAL, "--json")
    doc = json.loads(out)
    assert code == 0
    assert doc["schema"] == "miler.plan/1"
    assert doc["goal"] == {**doc["goal"], "mile_s": 420.0, "verdict": "reasonable"}
    assert doc["race_date"] == "2026-04-26"
    assert violations(doc) == []


def test_plan_markdown(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli(*CANONICAL, "--markdown")
    assert code == 0
    assert out.startswith("# Goal 7:00 mile: reasonable\n")
    assert "| day | session | mi | what to do |" in out


def test_without_a_test_mile_the_plan_opens_with_one(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("plan", "--weekly-miles", "20", "--start", "2026-03-02", "--json")
    doc = json.loads(out)
    assert code == 0
    assert doc["goal"]["verdict"] == "untested"
    assert doc["goal"]["mile_s"] == 420.0  # no goal either: seed 000's 7:00
    hard = [s for w in doc["weeks"] for s in w["sessions"] if s["intensity"] == "hard"]
    assert hard[0]["workout"] == "test_mile"
    assert hard[0]["date"] == "2026-03-03"


def test_km_runner_sees_km(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli(*CANONICAL, "--units", "km", "--days", "tue,wed,thu,sat,sun",
                       "--long-run-day", "sat")
    assert code == 0
    assert "Paces per km and per 400 m lap" in out
    assert "4:21–4:40" in out  # 7:00-7:30/mi in km


def test_race_date_counts_the_block_back(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("plan", "--weekly-miles", "25", "--test-mile", "6:40", "--start",
                       "2026-03-02", "--race-date", "2026-04-11", "--json")
    doc = json.loads(out)
    assert code == 0
    assert len(doc["weeks"]) == 6
    assert doc["weeks"][-1]["sessions"][-1]["kind"] == "race"
    assert doc["weeks"][-1]["sessions"][-1]["date"] == "2026-04-11"


def test_next_monday() -> None:
    assert next_monday(date(2026, 3, 4)) == date(2026, 3, 9)  # a Wednesday
    assert next_monday(date(2026, 3, 9)) == date(2026, 3, 16)  # a Monday: the next one


BAD = [
    (("--test-mile", "banana"),
     "--test-mile must look like M:SS, H:MM:SS or seconds, got 'banana'"),
    (("--weekly-miles", "-5"), "--weekly-miles must be a number of miles from 0 to 150, got '-5'"),
    (("--weeks", "40"), "--weeks must be a whole number from 6 to 10, got '40'"),
    (("--race-date", "2026-01-01"),
     "--race-date must not be before the start (2026-03-02), got '2026-01-01'"),
    (("--days", "mon,tue,fun,sat,sun"),
     "--days must list weekdays (mon, tue, wed, thu, fri, sat, sun) with commas; 'fun' is not "
     "one, got 'mon,tue,fun,sat,sun'"),
    (("--days", "mon,tue,thu,sat"),
     "--days must give at least 5 days: a normal week has 5 running days (2 hard sessions, 3 "
     "easy runs); add 1 more, got 'mon,tue,thu,sat'"),
    (("--long-run-day", "mon"),
     "--long-run-day must be one of the training days (tue, wed, thu, fri, sat, sun), got 'mon'"),
    (("--start", "2026-02-30"), "--start must be a real date as YYYY-MM-DD, got '2026-02-30'"),
    (("--start", "next week"), "--start must be a date as YYYY-MM-DD, got 'next week'"),
    (("--goal", "20:00"), "--goal must be a mile time from 3:43 to 15:00, got '20:00'"),
    (("--test-mile", "2:00"), "--test-mile must be a mile time from 3:43 to 16:00, got '2:00'"),
    (("--sex", "x"), "--sex must be one of female, male, got 'x'"),
    (("--units", "yd"), "--units must be one of mi, km, got 'yd'"),
    (("--age", "3"), "--age must be a whole number from 5 to 110, got '3'"),
    (("--race-date", "2026-04-26", "--weeks", "6"),
     "--weeks disagrees with the race date: 2026-03-02 to 2026-04-26 leaves 8 weeks for the "
     "mile block after 0 base weeks, got '6'"),
    (("--race-date", "2026-03-20"),
     "--race-date must leave 6 to 10 weeks for the mile block after 0 base weeks from the "
     "start (2026-03-02); it leaves 3, got '2026-03-20'"),
    (("--json", "--markdown"), "--markdown cannot be combined with --json, got '--json'"),
]


@pytest.mark.parametrize(("args", "message"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_is_one_line_and_exit_2(cli, args: tuple[str, ...],  # type: ignore[no-untyped-def]
                                          message: str) -> None:
    base = {"--weekly-miles": "20", "--start": "2026-03-02"}
    given = {a for a in args if a.startswith("--")}
    argv = ["plan"]
    for option, value in base.items():
        if option not in given:
            argv += [option, value]
    code, out, err = cli(*argv, *args)
    assert code == 2
    assert err == f"miler: error: {message}\n"
    assert out == ""


def test_bad_input_in_a_real_process() -> None:
    done = subprocess.run([sys.executable, "-m", "miler", "plan", "--weekly-miles", "-5"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stderr == ("miler: error: --weekly-miles must be a number of miles from 0 to "
                           "150, got '-5'\n")
    assert "Traceback" not in done.stdout + done.stderr
