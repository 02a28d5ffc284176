"""``services.training.adapt`` with the fitness estimate (issue 20, part 3): imports of recent
hard running re-pace the plan from the estimate of the last 12 weeks; an old history never
does, and a recorded time trial wins."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from miler.domain.athlete import Athlete
from miler.services.analysis import activity_doc, analyze
from miler.services.coaching import add_athlete, save_plan
from miler.services.training import ImportedRun, adapt
from tests.domain.synthetic_runners import history, make_runner
from tests.services.fakes import FakeStorage

TODAY = date(2026, 6, 30)
PLANNED = datetime(2026, 5, 25, 8, tzinfo=UTC)  # the plan is made five weeks before
NOW = datetime(2026, 6, 30, 20, tzinfo=UTC)
RUNNER = make_runner(3)  # a 5:26 miler whose plan starts from a 7:00 test


@pytest.fixture(scope="module")
def runs() -> list[tuple[date, str, dict[str, object]]]:
    """Runner 3's last 10 weeks as the importer stores them."""
    return [(day, kind, activity_doc(analyze(a)))
            for day, kind, a in history(RUNNER, TODAY, weeks=10)]


def planned(test_mile_s: float = 420.0) -> FakeStorage:
    store = FakeStorage()
    add_athlete(store, Athlete(weekly_miles=25, test_mile_s=test_mile_s, name="ada"),
                now=PLANNED)
    save_plan(store, "ada", start=date(2026, 5, 25), now=PLANNED)
    return store


def imported(store: FakeStorage, found: list[tuple[date, str, dict[str, object]]],
             shift: timedelta = timedelta(0), result: str | None = None) -> list[ImportedRun]:
    """Store ``found`` (moved by ``shift``), the way an import does; no best miles, so only
    the estimate or a result can re-pace."""
    out = []
    with store.transaction() as repo:
        for day, kind, doc in found:
            stored = repo.add_activity("ada", day=day + shift, doc=doc, now=NOW, kind=kind)
            out.append(ImportedRun(f"{day}-{kind}", day + shift, "running", 5000.0, None, None,
                                   None, stored.id))
        if result is not None:
            repo.add_result("ada", found[-1][0] + shift, result, 1609.344, 400.0)
            out.append(ImportedRun("trial", found[-1][0] + shift, "running", 1609.344, 400.0,
                                   None, result, 0))
    return out


def test_recent_hard_running_re_paces_the_plan_from_the_estimate(
        runs: list[tuple[date, str, dict[str, object]]]) -> None:
    store = planned()
    new = adapt(store, "ada", imported(store, runs), NOW)
    assert new is not None
    assert new.reason.startswith("fitness estimate: ")
    assert "from the hard running of the 12 weeks to 2026-06-30 re-sets the paces" in new.reason
    estimate = new.inputs["time_trial_s"]
    assert estimate < 420.0 * 0.9  # well under the 7:00 basis, as the runner is
    assert abs(estimate / RUNNER.truth.mile_s - 1) < 0.08


def test_an_estimate_not_surely_faster_changes_nothing(
        runs: list[tuple[date, str, dict[str, object]]]) -> None:
    store = planned(test_mile_s=RUNNER.truth.mile_s)  # the plan already knows the mile
    assert adapt(store, "ada", imported(store, runs), NOW) is None


def test_an_old_history_never_re_paces_the_plan(
        runs: list[tuple[date, str, dict[str, object]]]) -> None:
    store = planned()
    old = imported(store, runs, shift=date(2009, 6, 30) - TODAY)
    assert adapt(store, "ada", old, NOW) is None


def test_runs_from_before_the_plan_never_re_pace_it(
        runs: list[tuple[date, str, dict[str, object]]]) -> None:
    store = planned()
    before = [r for r in runs if r[0] < PLANNED.date()]
    assert adapt(store, "ada", imported(store, before), NOW) is None


def test_a_recorded_time_trial_wins_over_the_estimate(
        runs: list[tuple[date, str, dict[str, object]]]) -> None:
    store = planned()
    new = adapt(store, "ada", imported(store, runs, result="time_trial"), NOW)
    assert new is not None
    assert new.reason == "time trial: 6:40.0 on 2026-06-30 re-sets the paces"
    assert new.inputs["time_trial_s"] == 400.0
