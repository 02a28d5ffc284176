"""The squad list's read (``SqlRepository.weeks``) on a real database: each athlete's newest
plan, its goal, and how many of its sessions fall in the athlete's own week, by status."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, text

from miler.adapters.storage.repository import SqlRepository, Store
from miler.domain.athlete import Athlete
from miler.domain.planner import generate_plan

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
FIRST_DAY = date(2026, 11, 16)  # a Monday
DAYS = 42
STATUSES = ("planned", "done", "skipped")


def plan_doc(test_mile_s: float) -> dict[str, Any]:
    """A six-week plan from FIRST_DAY for a runner of that test mile."""
    doc: dict[str, Any] = generate_plan(Athlete(20.0, test_mile_s), FIRST_DAY, weeks=6).to_doc()
    return doc


def squad(store: Store, athletes: int, seed: int) -> list[str]:
    """``athletes`` athletes, every third without a plan, the others with two versions of
    it (the newest counts) and its sessions marked at random."""
    rng = random.Random(seed)
    names = [f"a{i:02d}" for i in range(athletes)]
    with store.transaction() as repo:
        for i, name in enumerate(names):
            repo.add_athlete(name, {"i": i}, NOW)
            if i % 3 == 2:
                continue
            repo.save_plan(name, {}, plan_doc(600.0), "old plan", NOW)
            repo.save_plan(name, {}, plan_doc(400.0 + 25 * i), "new plan", NOW)
            for session in repo.sessions(name):
                status = rng.choice(STATUSES)
                if status != "planned":
                    repo.mark_session(name, session.session_id, status)
    return names


def by_hand(repo: SqlRepository, name: str, first: date, last: date) -> tuple[
        tuple[str, int], ...]:
    """The week's counts from the plan's sessions one by one."""
    if repo.current_plan(name) is None:
        return ()
    return tuple(sorted(Counter(s.status for s in repo.sessions(name, first, last)).items()))


def test_each_athlete_is_counted_over_their_own_week(store: Store) -> None:
    names = squad(store, 6, seed=1)
    windows = {i: (FIRST_DAY + timedelta(days=7 * (i % 3)), FIRST_DAY + timedelta(days=7 * (
        i % 3) + 6)) for i in range(6)}

    def week_of(profile: dict[str, Any]) -> tuple[date, date]:
        return windows[profile["i"]]

    with store.transaction() as repo:
        found = repo.weeks(names, week_of)
        assert [w.name for w in found] == names
        for i, week in enumerate(found):
            assert week.week == by_hand(repo, week.name, *windows[i])
            plan = repo.current_plan(week.name)
            assert week.goal_mile_s == (plan.doc["goal"]["mile_s"] if plan else None)
            assert (plan is None) == (i % 3 == 2)
            assert week.profile == {"i": i}
    assert sum(n for w in found for _, n in w.week) > 0


def test_names_keep_their_order_once_and_unknown_ones_are_left_out(store: Store) -> None:
    squad(store, 3, seed=2)
    with store.transaction() as repo:
        found = repo.weeks(["a02", "nobody", "a00", "a02"], lambda _: (FIRST_DAY, FIRST_DAY))
        assert [w.name for w in found] == ["a02", "a00"]
        assert repo.weeks([], lambda _: (FIRST_DAY, FIRST_DAY)) == []


def test_a_plan_without_its_goal_column_takes_the_goal_from_its_document(store: Store) -> None:
    names = squad(store, 2, seed=3)
    with store.engine.begin() as db:  # as a plan kept before migration 0004, or restored
        db.execute(text("UPDATE plans SET goal_mile_s = NULL"))
    with store.transaction() as repo:
        found = repo.weeks(names, lambda _: (FIRST_DAY, FIRST_DAY + timedelta(days=6)))
        goals = [plan_doc(400.0 + 25 * i)["goal"]["mile_s"] for i in range(2)]
        assert [w.goal_mile_s for w in found] == goals
        assert goals[0] != goals[1]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(-3, DAYS + 3), st.integers(0, 13)), min_size=9,
                max_size=9))
def test_the_counts_are_those_of_the_sessions_in_each_window(
        store: Store, spans: list[tuple[int, int]]) -> None:
    with store.transaction() as repo:
        names = repo.names()
    names = names or squad(store, 9, seed=4)  # once: the examples only read
    windows = [(FIRST_DAY + timedelta(days=start), FIRST_DAY + timedelta(days=start + length))
               for start, length in spans]
    with store.transaction() as repo:
        found = repo.weeks(names, lambda profile: windows[profile["i"]])
        assert [w.week for w in found] == [by_hand(repo, name, *windows[i])
                                           for i, name in enumerate(names)]


def test_0007_moves_to_the_covering_indexes_and_back(database_url: str) -> None:
    from alembic import command
    from sqlalchemy import create_engine, inspect

    from miler.adapters.storage import _config, upgrade

    def indexes(engine: Any) -> set[str]:
        found = inspect(engine)
        return {str(i["name"]) for t in ("plans", "sessions") for i in found.get_indexes(t)}

    engine = create_engine(database_url)
    upgrade(engine, "0006")
    assert {"ix_plans_athlete_id", "ix_sessions_plan_id_day"} <= indexes(engine)
    upgrade(engine)
    after = indexes(engine)
    assert {"ix_plans_athlete_id_version_goal", "ix_sessions_plan_id_day_status"} <= after
    assert not {"ix_plans_athlete_id", "ix_sessions_plan_id_day"} & after
    with engine.begin() as connection:
        command.downgrade(_config(connection), "0006")
    assert {"ix_plans_athlete_id", "ix_sessions_plan_id_day"} <= indexes(engine)
    engine.dispose()


def test_on_sqlite_the_goals_and_the_counts_come_from_indexes_alone(tmp_path: Any) -> None:
    """The plan rows are never read: their goal column comes after a document of ~75 KB."""
    store = Store.open(f"sqlite:///{tmp_path / 'squad.db'}")
    names = squad(store, 3, seed=5)
    sent: list[tuple[str, Any]] = []

    def record(*args: Any) -> None:
        sent.append((args[2], args[3]))

    event.listen(store.engine, "before_cursor_execute", record)
    with store.transaction() as repo:
        repo.weeks(names, lambda _: (FIRST_DAY, FIRST_DAY + timedelta(days=6)))
    event.remove(store.engine, "before_cursor_execute", record)
    with store.engine.connect() as db:
        plans = [" ".join(str(row[-1]) for row in db.exec_driver_sql(
            "EXPLAIN QUERY PLAN " + sql, tuple(params)))
            for sql, params in sent if "plans" in sql or "sessions" in sql]
    assert len(plans) == 2
    assert "USING COVERING INDEX ix_plans_athlete_id_version_goal" in plans[0]
    assert "USING COVERING INDEX ix_sessions_plan_id_day_status" in plans[1]
    store.close()


def test_versions_of_a_squad_move_on_with_any_write_of_theirs(store: Store) -> None:
    names = squad(store, 3, seed=6)
    with store.transaction() as repo:
        before = repo.versions(["a02", "nobody", *names])
        assert [name for name, _ in before] == ["a02", "a00", "a01"]
        assert [v for _, v in before] == [repo.data_version(n) for n in ("a02", "a00", "a01")]
        session = repo.sessions("a00")[0]
        repo.mark_session("a00", session.session_id, "skipped")
    with store.transaction() as repo:
        after = dict(repo.versions(names))
    assert after["a00"].version != dict(before)["a00"].version
    assert after["a01"] == dict(before)["a01"]
