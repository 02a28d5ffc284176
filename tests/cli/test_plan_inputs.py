"""``miler plan`` inputs beyond the basics: race date, untested runners, km, the time trial."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.domain.plan_rules import violations

START = ["--start", "2026-03-02"]


def _doc(cli: Any, *args: str) -> dict[str, Any]:
    code, out, err = cli("plan", *args, "--json")
    assert (code, err) == (0, ""), err
    doc: dict[str, Any] = json.loads(out)
    assert violations(doc) == []
    return doc


def test_without_a_test_mile_the_block_opens_with_one(cli) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(cli, "--weekly-miles", "20", *START)
    assert doc["goal"]["verdict"] == "untested"
    # No goal either: a first step from the mile 20 miles a week suggests, not seed 000's 7:00.
    assert doc["goal"]["mile_s"] == doc["goal"]["suggested_mile_s"] > 420.0
    hard = [s for w in doc["weeks"] for s in w["sessions"] if s["intensity"] == "hard"]
    assert (hard[0]["workout"], hard[0]["date"]) == ("test_mile", "2026-03-03")
    # By feel until the test: no pace on any step of the test or anything before it.
    before = [s for w in doc["weeks"] for s in w["sessions"] if s["date"] <= "2026-03-03"]
    assert before
    assert not any("pace" in json.dumps(s["steps"]) for s in before)


def test_insist_keeps_an_unrealistic_goal_with_a_warning(cli) -> None:  # type: ignore[no-untyped-def]
    plain = _doc(cli, "--weekly-miles", "20", "--test-mile", "9:00", "--goal", "7:00", *START)
    assert (plain["goal"]["mile_s"], plain["goal"]["asked_mile_s"]) == (475.0, 420.0)
    kept = _doc(cli, "--weekly-miles", "20", "--test-mile", "9:00", "--goal", "7:00", *START,
                "--insist")
    assert kept["goal"]["mile_s"] == 420.0
    assert "asked_mile_s" not in kept["goal"]
    assert "You chose to keep 7:00" in kept["goal"]["reason"]


def test_insist_without_a_goal_is_refused(cli) -> None:  # type: ignore[no-untyped-def]
    code, _out, err = cli("plan", "--weekly-miles", "20", "--insist", *START)
    assert code == 2
    assert err.strip().splitlines() == ["miler: error: --insist needs a goal to keep, got "
                                        "'--insist'"]


def test_low_mileage_builds_a_base_first(cli) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(cli, "--weekly-miles", "10", "--test-mile", "9:30", *START)
    phases = [w["phase"] for w in doc["weeks"]]
    assert phases[:5] == ["base"] * 5
    assert phases[5:] == ["build"] * 4 + ["sharpen"] * 2 + ["taper", "race"]
    assert 450.0 <= doc["goal"]["mile_s"] <= 510.0  # seed 000: one to two minutes faster


def test_race_date_on_a_saturday_ends_the_plan_there(cli) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(cli, "--weekly-miles", "25", "--test-mile", "6:40", *START,
               "--race-date", "2026-04-11")
    assert len(doc["weeks"]) == 6
    last = doc["weeks"][-1]["sessions"][-1]
    assert (last["kind"], last["date"]) == ("race", "2026-04-11")


def test_race_date_alone_counts_the_block_back(cli) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(cli, "--weekly-miles", "25", "--test-mile", "6:40", "--race-date", "2027-06-13",
               "--weeks", "6")
    assert (doc["start_date"], doc["race_date"]) == ("2027-05-03", "2027-06-13")


def test_km_runner_and_days(cli) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(cli, "--weekly-miles", "20", "--test-mile", "7:45", *START, "--units", "km",
               "--days", "tue,wed,thu,sat,sun", "--long-run-day", "sat")
    assert doc["athlete"]["units"] == "km"
    assert {s["date"] for w in doc["weeks"] for s in w["sessions"] if s["kind"] == "long"} \
        <= {f"2026-{m:02d}-{d:02d}" for m in (3, 4) for d in range(1, 32)}
    longs = [s for w in doc["weeks"] for s in w["sessions"] if s["kind"] == "long"]
    assert all(round(s["planned_distance_m"]) % 500 == 0 for s in longs)  # whole half km


def test_time_trial_result_re_paces_the_weeks_after(cli) -> None:  # type: ignore[no-untyped-def]
    plain = _doc(cli, "--weekly-miles", "20", "--test-mile", "7:45", *START)
    after = _doc(cli, "--weekly-miles", "20", "--test-mile", "7:45", *START,
                 "--time-trial", "7:20")
    assert after["time_trial"]["date"] == plain["time_trial"]["date"] == "2026-03-24"
    assert after["time_trial"]["result_s"] == 440.0
    easy = after["time_trial"]["paces"]["easy"]["s_per_mile"]
    assert easy != plain["paces"]["easy"]["s_per_mile"]
    last_easy = [s for s in after["weeks"][-1]["sessions"] if s["workout"] == "easy"][-1]
    assert last_easy["steps"][0]["pace"]["s_per_mile"] == easy


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--race-date", "2026-03-20"],
      "--race-date must leave 6 to 10 weeks for the mile block after 0 base weeks from the "
      "start (2026-03-02); it leaves 3, got '2026-03-20'"),
     (["--race-date", "2026-04-26", "--weeks", "6"],
      "--weeks disagrees with the race date: 2026-03-02 to 2026-04-26 leaves 8 weeks for the "
      "mile block after 0 base weeks, got '6'"),
     (["--time-trial", "3:00"], "--time-trial must be a mile time from 3:43 to 16:00, got '3:00'"),
     (["--goal", "20:00"], "--goal must be a mile time from 3:43 to 15:00, got '20:00'"),
     (["--test-mile", "2:00"], "--test-mile must be a mile time from 3:43 to 16:00, got '2:00'"),
     (["--test-mile", "20:00"],
      "--test-mile must be a mile time from 3:43 to 16:00, got '20:00'"),
     (["--days", "mon,thu"],
      "--days must give at least 3 days (a long run and one or two quality sessions a week); "
      "add 1 more, got 'mon,thu'"),
     (["--weekly-miles", "5", "--race-date", "2026-04-26"],
      "--race-date must leave 6 to 10 weeks for the mile block after 9 base weeks from the "
      "start (2026-03-02); it falls inside the base weeks, got '2026-04-26'"),
     (["--long-run-day", "mon"],
      "--long-run-day must be one of the training days (tue, wed, thu, fri, sat, sun), "
      "got 'mon'")],
)
def test_plan_errors_name_the_option(cli, args: list[str],  # type: ignore[no-untyped-def]
                                     message: str) -> None:
    code, out, err = cli("plan", "--weekly-miles", "20", *START, *args)
    assert (code, out) == (2, "")
    assert err.startswith(f"miler: error: {message}")
    assert err.count("\n") == 1
