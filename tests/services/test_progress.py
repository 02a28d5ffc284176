"""``services.progress``: the fitness estimate week by week, with its 80 % interval, beside
the mile results actually run (issue 20, part 4)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest

from miler.domain.fitness import estimate_mile
from miler.domain.fitness_efforts import run_efforts
from miler.domain.progress import PROGRESS_WEEKS, progress_days
from miler.services.analysis import activity_doc, analyze
from miler.services.progress import Progress, progress
from tests.domain.synthetic_runners import history, make_runner
from tests.services.fakes import FakeStorage

TODAY = date(2026, 6, 30)
NOW = datetime(2026, 7, 1, 8, tzinfo=UTC)


@pytest.fixture(scope="module")
def stored() -> tuple[Progress, list[tuple[date, str, object]]]:
    """Runner 3's ten weeks stored as imports store them, with a time trial recorded in
    week 6; and the runs in memory."""
    runs = history(make_runner(3), TODAY, weeks=10)
    store = FakeStorage()
    with store.transaction() as repo:
        repo.add_athlete("Ada", {"weekly_miles": 25}, NOW)
        for day, kind, activity in runs:
            repo.add_activity("Ada", day=day, doc=activity_doc(analyze(activity)), now=NOW,
                              kind=kind)
        repo.add_result("Ada", runs[26][0], "time_trial", 1609.344, 401.5)
    return progress(store, "Ada"), runs  # type: ignore[return-value]


def test_the_estimate_is_shown_week_by_week_to_the_newest_run(
        stored: tuple[Progress, list[tuple[date, str, object]]]) -> None:
    found, runs = stored
    days = [w.day for w in found.fitness]
    assert days[0] == runs[0][0] + timedelta(days=6 - runs[0][0].weekday())  # a Sunday
    assert all(d.weekday() == 6 for d in days[:-1])
    assert all((b - a).days == 7 for a, b in itertools.pairwise(days[:-1]))
    assert days[-1] == runs[-1][0]
    known = [w for w in found.fitness if w.mile_s is not None]
    assert len(known) >= 8
    for week in known:
        assert week.low_s is not None
        assert week.high_s is not None
        assert week.low_s < week.mile_s < week.high_s  # type: ignore[operator]


def test_each_week_is_the_estimate_from_the_runs_before_it(
        stored: tuple[Progress, list[tuple[date, str, object]]]) -> None:
    found, runs = stored
    efforts = [run_efforts(a, day) for day, _, a in runs]  # type: ignore[arg-type]
    for week in (found.fitness[2], found.fitness[-1]):
        expected = estimate_mile(efforts, week.day).mile_s
        assert week.mile_s == pytest.approx(expected, rel=0.005)  # stored docs round a little


def test_a_time_trial_is_shown_beside_its_week(
        stored: tuple[Progress, list[tuple[date, str, object]]]) -> None:
    found, runs = stored
    trial = runs[26][0]
    [(day, week, ran)] = [row for row in found.fitness_rows() if row[2]]
    assert ran == ((trial, "time_trial", 401.5),)
    assert week is not None
    assert day - timedelta(days=7) < trial <= day


def test_progress_days_are_week_ends_and_bounded() -> None:
    first, last = date(2024, 1, 3), date(2026, 6, 30)  # a Wednesday, a Tuesday
    days = progress_days(first, last)
    assert len(days) == PROGRESS_WEEKS + 1
    assert days[-1] == last
    assert days[-2] == date(2026, 6, 28)
    assert progress_days(last, last) == [last]
    assert progress_days(last, first) == []


def test_no_runs_means_no_estimate_and_a_result_keeps_its_row() -> None:
    store = FakeStorage()
    with store.transaction() as repo:
        repo.add_athlete("Bo", {"weekly_miles": 10}, NOW)
        repo.add_result("Bo", TODAY, "test_mile", 1609.344, 480.0)
    found = progress(store, "Bo")
    assert found.fitness == ()
    assert found.fitness_rows() == [(TODAY, None, ((TODAY, "test_mile", 480.0),))]
