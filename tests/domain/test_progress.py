"""Runs against the plan: matching, reps against targets, weekly totals, best mile."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from miler.domain.plan_view import PlanView
from miler.domain.progress import (
    PlannedRun,
    Run,
    best_mile_by_month,
    days_to_redo,
    match_runs,
    month_of,
    needed_by,
    progress_days,
    weekly_progress,
)
from miler.domain.reps import rep_report
from tests.conftest import ROOT

PLAN = json.loads((ROOT / "tests" / "data" / "plan-sample.json").read_text())
PLANNED = [PlannedRun.from_doc(s) for w in PLAN["weeks"] for s in w["sessions"]]
TUESDAY, THURSDAY = date(2026, 12, 1), date(2026, 12, 3)


def track_session(rep_times: list[float]) -> Run:
    laps = ((2300.0, 900.0), *((400.0, t) for t in rep_times), (1100.0, 420.0))
    return Run("tt", TUESDAY, sum(d for d, _ in laps), sum(t for _, t in laps), laps)


def test_the_planned_reps_come_from_the_repeat_block() -> None:
    speed = next(p for p in PLANNED if p.kind == "speed")
    assert speed.reps == ((400.0, 360.0, 390.0),) * 6
    assert speed.hard


def test_runs_match_the_session_of_their_day() -> None:
    runs = [track_session([90.0] * 6), Run("easy", THURSDAY, 4900.0, 1980.0),
            Run("extra", THURSDAY, 3000.0, 1200.0), Run("rest", date(2026, 11, 30), 5000.0, 1)]
    assert match_runs(runs, PLANNED) == {"tt": "w1-tue-speed", "easy": "w1-thu-easy"}


def test_reps_are_judged_against_their_range() -> None:
    # 400 m in 90 s is 362.1 s/mile (inside 6:00-6:30); 85 s is 342.0 (too fast);
    # 100 s is 402.3 (too slow); the sixth rep was not run.
    report = rep_report(track_session([90, 85, 100, 90, 90]).laps, PLANNED[1].reps)
    assert [r.verdict for r in report] == ["on target", "too fast", "too slow", "on target",
                                           "on target", "not found"]
    assert report[0].pace_s_per_mile == pytest.approx(362.1, abs=0.05)


def test_weekly_progress_and_best_mile() -> None:
    runs = [Run("a", TUESDAY, 7000.0, 2700.0, best_mile_s=431.0),
            Run("b", THURSDAY, 5000.0, 2000.0, best_mile_s=452.0),
            Run("c", date(2027, 1, 5), 1609.344, 425.0, best_mile_s=425.0)]
    (week,) = weekly_progress(PlanView.from_doc(PLAN), runs, done=["w1-tue-speed"])
    assert (week.planned_m, week.done_m, week.planned_sessions, week.done_sessions) == (
        14000.0, 12000.0, 3, 1)
    assert best_mile_by_month(runs) == (("2026-12", 431.0, TUESDAY),
                                        ("2027-01", 425.0, date(2027, 1, 5)))


@given(st.lists(st.tuples(st.integers(0, 6), st.floats(500, 20000)), max_size=12))
def test_each_session_is_matched_at_most_once_and_on_its_day(
        runs: list[tuple[int, float]]) -> None:
    start = date(2026, 11, 30)
    given_runs = [Run(f"r{i}", start + timedelta(days=d), m, m / 3)
                  for i, (d, m) in enumerate(runs)]
    matches = match_runs(given_runs, PLANNED)
    assert len(set(matches.values())) == len(matches)
    by_key = {r.key: r for r in given_runs}
    by_id = {p.session_id: p for p in PLANNED}
    assert all(by_key[k].day == by_id[s].day for k, s in matches.items())


def test_a_generated_plan_has_reps_to_judge() -> None:
    from miler.domain.athlete import Athlete
    from miler.domain.planner import generate_plan

    doc = generate_plan(Athlete(weekly_miles=20, test_mile_s=465), start=date(2026, 11, 30),
                        goal_mile_s=420).to_doc()
    planned = [PlannedRun.from_doc(s) for w in doc["weeks"] for s in w["sessions"]]
    repeats = next(p for p in planned if p.kind == "speed" and p.reps)
    assert {rep[0] for rep in repeats.reps} <= {200.0, 400.0, 800.0, 1609.344}


# Building progress on a kept one (issue 22): which estimates change, which runs they read.
# The estimate on a day reads the runs of the 12 weeks that end on it: after the day 12
# weeks before, up to the day itself (domain.fitness.estimate_mile).
_SOME_DAYS = st.lists(st.dates(date(2025, 1, 1), date(2025, 12, 31)), max_size=12)


def _reads(day: date, run: date) -> bool:
    return day - timedelta(weeks=12) < run <= day


@given(st.dates(date(2025, 1, 1), date(2025, 12, 31)), st.dates(date(2025, 1, 1),
                                                                date(2025, 12, 31)),
       _SOME_DAYS, _SOME_DAYS, st.data())
def test_the_days_to_redo_are_those_not_kept_or_reading_a_changed_day(
        first: date, last: date, changed: list[date], kept: list[date],
        data: st.DataObject) -> None:
    days = progress_days(min(first, last), max(first, last))
    kept += data.draw(st.lists(st.sampled_from(days))) if days else []
    redo = days_to_redo(days, set(kept), changed)
    assert redo == [d for d in days
                    if d not in kept or any(_reads(d, c) for c in changed)]


@given(st.dates(date(2025, 1, 1), date(2025, 12, 31)), _SOME_DAYS)
def test_a_run_is_needed_by_the_days_whose_twelve_weeks_hold_it(run: date,
                                                                days: list[date]) -> None:
    days = sorted(set(days))
    assert needed_by(run, days) == any(_reads(d, run) for d in days)


def test_the_twelve_weeks_begin_the_day_after_twelve_weeks_before() -> None:
    sunday = date(2025, 6, 29)
    assert needed_by(sunday - timedelta(weeks=12, days=-1), [sunday])
    assert not needed_by(sunday - timedelta(weeks=12), [sunday])
    assert not needed_by(sunday + timedelta(days=1), [sunday])
    assert days_to_redo([sunday], {sunday}, [sunday - timedelta(weeks=12, days=-1)]) == [sunday]
    assert days_to_redo([sunday], {sunday}, [sunday - timedelta(weeks=12)]) == []
    assert month_of(sunday) == "2025-06"
