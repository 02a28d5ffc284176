"""The repository on a real database: athletes, plan versions, sessions, activities."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import inspect, text

from miler.adapters.storage import open_database
from miler.adapters.storage.repository import Store
from miler.errors import InvalidInputError, NotFoundError
from tests.conftest import ROOT

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
PLAN = json.loads((ROOT / "tests" / "data" / "plan-sample.json").read_text())
PROFILE = {"weekly_miles": 20, "test_mile_s": 465}
RUN = {"schema": "miler.activity/1", "source": "run.fit", "sport": "running",
       "start_time": "2026-12-01T07:00:00Z", "distance_m": 7000.0, "elapsed_s": 2700.0,
       "moving_s": 2650.0, "laps": [], "best_efforts": {"mile": {"elapsed_s": 401.5,
                                                                  "start_offset_s": 900.0}}}


def test_athletes_round_trip(store: Store) -> None:
    with store.transaction() as repo:
        repo.add_athlete("Ada", PROFILE, NOW)
        repo.add_athlete("Bo", {"weekly_miles": 10}, NOW)
    with store.transaction() as repo:
        assert [a.name for a in repo.athletes()] == ["Ada", "Bo"]
        assert repo.athlete("Ada").profile == PROFILE
        with pytest.raises(InvalidInputError, match="name must be new"):
            repo.add_athlete("Ada", PROFILE, NOW)
    with store.transaction() as repo, pytest.raises(NotFoundError, match="no athlete named 'Cy'"):
        repo.athlete("Cy")


def test_plans_are_versions_and_old_ones_stay(store: Store) -> None:
    with store.transaction() as repo:
        repo.add_athlete("Ada", PROFILE, NOW)
        first = repo.save_plan("Ada", {"weeks": 8}, PLAN, "first plan", NOW)
        second = repo.save_plan("Ada", {"weeks": 8}, PLAN, "time trial 6:58", NOW)
    assert (first.version, second.version) == (1, 2)
    with store.transaction() as repo:
        current = repo.current_plan("Ada")
        assert current is not None
        assert (current.version, current.reason, current.doc) == (2, "time trial 6:58", PLAN)
        assert [p.version for p in repo.plans("Ada")] == [1, 2]
        sessions = repo.sessions("Ada")
        assert [s.session_id for s in sessions] == [
            s["id"] for w in PLAN["weeks"] for s in w["sessions"]]
        assert repo.sessions("Ada", start=date(2026, 12, 2), end=date(2026, 12, 3))[0].kind == (
            "strength")


def test_sessions_are_marked_and_moved(store: Store) -> None:
    with store.transaction() as repo:
        repo.add_athlete("Ada", PROFILE, NOW)
        repo.save_plan("Ada", {}, PLAN, "first plan", NOW)
        run = repo.add_activity("Ada", day=date(2026, 12, 1), doc=RUN, now=NOW, sha256="ab" * 32)
        repo.mark_session("Ada", "w1-tue-speed", "done", activity_id=run.id)
        repo.move_session("Ada", "w1-thu-easy", date(2026, 12, 4))
    with store.transaction() as repo:
        by_id = {s.session_id: s for s in repo.sessions("Ada")}
        assert (by_id["w1-tue-speed"].status, by_id["w1-tue-speed"].activity_id) == ("done",
                                                                                     run.id)
        assert by_id["w1-thu-easy"].day == date(2026, 12, 4)
        with pytest.raises(NotFoundError, match="no session 'nope'"):
            repo.mark_session("Ada", "nope", "done")


def test_the_same_file_is_known_and_refused_twice(store: Store) -> None:
    from miler.errors import ConflictError

    with store.transaction() as repo:
        repo.add_athlete("Ada", PROFILE, NOW)
        repo.add_activity("Ada", day=date(2026, 12, 1), doc=RUN, now=NOW, sha256="cd" * 32)
    with store.transaction() as repo:
        assert repo.has_file("Ada", "cd" * 32)
        assert not repo.has_file("Ada", "ef" * 32)
        assert repo.activities("Ada")[0].best_mile_s == 401.5
    with pytest.raises(ConflictError, match="the database refused a duplicate"), \
            store.transaction() as repo:
        repo.add_activity("Ada", day=date(2026, 12, 1), doc=RUN, now=NOW, sha256="cd" * 32)


def test_a_failed_transaction_leaves_nothing(store: Store) -> None:
    with store.transaction() as repo:
        repo.add_athlete("Ada", PROFILE, NOW)

    def crash_mid_way() -> None:
        with store.transaction() as repo:
            repo.save_plan("Ada", {}, PLAN, "half written", NOW)
            repo.add_result("Ada", date(2026, 12, 1), "time_trial", 1609.344, 418.0)
            raise RuntimeError("crash mid-way")

    with pytest.raises(RuntimeError):
        crash_mid_way()
    with store.transaction() as repo:
        assert repo.current_plan("Ada") is None
        assert repo.results("Ada") == []
        assert repo.sessions("Ada") == []


def test_open_creates_and_reopens_in_place(database_url: str) -> None:
    engine = open_database(database_url)
    with Store(engine).transaction() as repo:
        repo.add_athlete("Ada", PROFILE, NOW)
    engine.dispose()
    again = open_database(database_url)  # at head already: nothing lost, nothing redone
    assert {"athletes", "plans", "sessions", "activities", "results"} <= set(
        inspect(again).get_table_names())
    from alembic.script import ScriptDirectory

    from miler.adapters.storage import MIGRATIONS

    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    with again.connect() as connection:
        assert connection.execute(text("select version_num from alembic_version")).scalar() == (
            head)
    with Store(again).transaction() as repo:
        assert repo.athlete("Ada").profile == PROFILE
    again.dispose()


def test_sqlite_runs_in_wal_mode(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = open_database(f"sqlite:///{tmp_path / 'wal.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
    engine.dispose()


def test_an_older_database_is_upgraded_in_place(database_url: str) -> None:
    from sqlalchemy import create_engine

    from miler.adapters.storage import upgrade

    old = create_engine(database_url)
    upgrade(old, "0001")  # the first release's schema
    with old.begin() as connection:
        connection.execute(text(
            "insert into athletes (name, profile, history, created_at) "
            "values ('Ada', '{\"weekly_miles\": 20}', '{}', '2026-11-01 08:00:00'), "
            "('ada', '{}', '{}', '2026-11-01 08:00:00')"))
    old.dispose()
    engine = open_database(database_url)  # upgrades to the newest revision, data kept
    with engine.connect() as connection:
        assert connection.execute(text("select version_num from alembic_version")).scalar() \
            != "0001"
    with Store(engine).transaction() as repo:  # keyed by ids since 0006, the name kept
        assert repo.names() == ["ada", "ada-2"]
        assert repo.athlete("ada-2").profile == {"weekly_miles": 20, "display_name": "Ada"}
        assert repo.athlete("ada").profile == {}
    engine.dispose()


def test_stored_documents_orjson_refuses_are_read_as_the_json_module_reads_them() -> None:
    # orjson reads stored documents (issue 22); NaN, which the json module writes and reads,
    # and a document deeper than orjson's 1024 levels fall back to the json module
    import math

    from miler.adapters.storage import _json_loads

    assert _json_loads('{"pace": 1.5, "laps": [1, 2]}') == {"pace": 1.5, "laps": [1, 2]}
    assert math.isnan(_json_loads('{"speed": NaN}')["speed"])
    deep = "[" * 1100 + "]" * 1100  # past both: refused as before (a backup says so in a line)
    with pytest.raises(RecursionError):
        _json_loads(deep)


def test_the_version_read_alone_is_the_one_a_transaction_sees(store: Store) -> None:
    assert store.version("ada") is None
    with store.transaction() as repo:
        repo.add_athlete("ada", {"weekly_miles": 20, "tz": "Europe/Paris"}, NOW)
        inside = repo.data_version("ada")
    first = store.version("ada")
    assert first == inside
    assert first is not None
    assert first.profile == {"weekly_miles": 20, "tz": "Europe/Paris"}
    with store.transaction() as repo:
        repo.add_result("ada", date(2026, 11, 20), "race", 1609.344, 400.0)
    after = store.version("ada")
    assert after is not None
    assert after.version != first.version
    assert after == store.version("ada")  # a read changes nothing


def test_a_write_and_a_read_in_one_transaction_see_each_other(store: Store) -> None:
    # the import's reads are plain Core statements: they must see the unit of work's
    # pending changes as the ORM's own reads do (a session marked done, then read back)
    with store.transaction() as repo:
        repo.add_athlete("Ada", PROFILE, NOW)
        repo.save_plan("Ada", {}, PLAN, "first plan", NOW)
        run = repo.add_activity("Ada", day=date(2026, 12, 1), doc=RUN, now=NOW, sha256="ab" * 32)
        repo.mark_session("Ada", "w1-tue-speed", "done", activity_id=run.id)
        (marked,) = [s for s in repo.sessions("Ada", date(2026, 12, 1), date(2026, 12, 1))
                     if s.session_id == "w1-tue-speed"]
        assert (marked.status, marked.activity_id) == ("done", run.id)
        known = repo.activity_of_file("Ada", "ab" * 32)
        assert known is not None
        assert (known.id, known.doc, known.sha256) == (run.id, RUN, "ab" * 32)
        assert repo.activity_of_file("Ada", "cd" * 32) is None
        with pytest.raises(NotFoundError, match="no athlete named 'Cy'"):
            repo.activity_of_file("Cy", "ab" * 32)
    with store.transaction() as repo:
        assert repo.activity("Ada", run.id) == run


def test_each_transaction_that_writes_renews_the_data_version(store: Store) -> None:
    with store.transaction() as repo:
        repo.add_athlete("Ada", PROFILE, NOW)
    def token() -> str | None:
        found = store.version("Ada")
        return None if found is None else found.version

    seen = {token()}
    for k in range(3):
        with store.transaction() as repo:
            repo.add_activity("Ada", day=date(2026, 12, 1 + k), doc=RUN, now=NOW,
                              sha256=f"{k:064x}")
            repo.add_result("Ada", date(2026, 12, 1 + k), "race", 1609.344, 400.0 + k)
        seen.add(token())
    assert None not in seen
    assert len(seen) == 4  # a new token for every transaction that wrote
