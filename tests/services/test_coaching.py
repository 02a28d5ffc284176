"""Athletes, saved plans, re-plans, moving sessions and progress, on the in-memory fake
(tests/adapters/storage and test_onboarding run the same port on SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from miler.domain.athlete import Athlete
from miler.errors import InvalidInputError
from miler.services.coaching import (
    add_athlete,
    move_session,
    replan,
    save_plan,
    set_session_status,
    today,
)
from miler.services.progress import progress
from miler.services.training import log_run
from tests.services.fakes import FakeStorage

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
START = date(2026, 11, 30)


@pytest.fixture
def planned() -> FakeStorage:
    store = FakeStorage()
    add_athlete(store, Athlete(weekly_miles=20, test_mile_s=465, age=45, sex="female",
                               name="Ada"), now=NOW, goal_mile_s=420)  # type: ignore[arg-type]
    save_plan(store, "ada", start=START, now=NOW)
    return store


def sessions(store: FakeStorage) -> list:  # type: ignore[type-arg]
    with store.transaction() as repo:
        return repo.sessions("ada")


def test_a_saved_plan_is_version_one_and_ends_on_race_day(planned: FakeStorage) -> None:
    with planned.transaction() as repo:
        plan = repo.current_plan("ada")
    assert plan is not None
    assert (plan.version, plan.doc["goal"]["mile_s"], plan.doc["start_date"]) == (
        1, 420, "2026-11-30")
    assert sessions(planned)[-1].kind == "race"


def test_replan_keeps_what_was_done_and_resets_paces(planned: FakeStorage) -> None:
    first = next(s for s in sessions(planned) if s.kind in {"easy", "long"})
    set_session_status(planned, "ada", first.session_id, "done")
    before = {s.session_id: s for s in sessions(planned)}
    new = replan(planned, "ada", mile_s=440.0, reason="time trial 7:20", now=NOW)
    assert (new.version, new.reason, new.inputs["time_trial_s"]) == (2, "time trial 7:20", 440.0)
    after = {s.session_id: s for s in sessions(planned)}
    assert after[first.session_id].status == "done"
    assert set(after) == set(before)


def test_moving_a_hard_session_next_to_another_is_refused(planned: FakeStorage) -> None:
    hard = [s for s in sessions(planned) if s.intensity == "hard" and s.kind != "race"]
    a, b = hard[0], hard[1]
    with pytest.raises(InvalidInputError, match="--to must not make two hard days in a row"):
        move_session(planned, "ada", a.session_id, b.day - timedelta(days=1))
    with pytest.raises(InvalidInputError, match="--to must be inside the plan"):
        move_session(planned, "ada", a.session_id, START - timedelta(days=3))
    free = next(d for d in (a.day + timedelta(days=k) for k in range(-3, 4))
                if d >= START and all(abs((h.day - d).days) > 1 for h in hard if h is not a))
    assert move_session(planned, "ada", a.session_id, free).day == free


def test_today_and_missed_sessions(planned: FakeStorage) -> None:
    hard = next(s for s in sessions(planned) if s.intensity == "hard")
    later = today(planned, "ada", hard.day + timedelta(days=2))
    assert [s.session_id for s in later.missed] == [hard.session_id]
    assert "hard session(s) missed" in later.advice
    on_day = today(planned, "ada", hard.day)
    assert [s.id for s, _ in on_day.sessions] == [hard.session_id] or hard.session_id in [
        s.id for s, _ in on_day.sessions]


def test_progress_counts_runs_and_age_grades_the_best_mile(planned: FakeStorage) -> None:
    race_week = sessions(planned)[0].day
    log_run(planned, "ada", race_week, "time_trial", 1609.344, 431.0, NOW)
    report = progress(planned, "ada")
    assert report.weeks[0].done_m == pytest.approx(1609.344)
    ((month, mile, day),) = report.best_miles
    assert (month, mile, day) == ("2026-11", 431.0, race_week)
    # 45-year-old woman, road factor 0.9430: 253 / 0.943 / 431 = 62.25 %
    assert report.age_grades[0][2] == pytest.approx(62.25, abs=0.01)
