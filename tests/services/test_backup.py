"""Backups: JSON and SQLite copies that restore into any database, whole or not at all."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from miler.adapters.storage.repository import Store
from miler.errors import InvalidInputError, StorageError
from miler.services.backup import backup, restore
from miler.services.ports import Role
from tests.conftest import ROOT

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
PLAN = json.loads((ROOT / "tests" / "data" / "plan-sample.json").read_text())
RUN = {"schema": "miler.activity/1", "source": "run.fit", "sport": "running",
       "start_time": "2026-12-01T07:00:00Z", "distance_m": 7000.0, "elapsed_s": 2700.0,
       "laps": [], "best_efforts": {}}


def fill(store: Store) -> None:
    with store.transaction() as repo:
        repo.add_athlete("ada", {"weekly_miles": 20}, NOW)
        repo.save_plan("ada", {"weeks": 1}, PLAN, "first plan", NOW)
        run = repo.add_activity("ada", day=date(2026, 12, 1), doc=RUN, now=NOW, sha256="a" * 64)
        repo.mark_session("ada", "w1-tue-speed", "done", activity_id=run.id)
        repo.add_result("ada", date(2026, 12, 1), "time_trial", 1609.344, 431.2)


def snapshot(store: Store) -> tuple[object, ...]:
    with store.transaction() as repo:
        return (repo.athletes(), repo.plans("ada"), repo.sessions("ada"),
                repo.activities("ada"), repo.results("ada"))


@pytest.mark.parametrize("suffix", [".json", ".db"])
def test_backup_restores_everything_elsewhere(store: Store, tmp_path: Path,
                                              suffix: str) -> None:
    fill(store)
    counts = backup(store, tmp_path / f"backup{suffix}")
    assert counts == {"athletes": 1, "web_users": 0, "web_coach_athletes": 0, "plans": 1,
                      "activities": 1, "sessions": 5, "results": 1}
    other = Store.open(f"sqlite:///{tmp_path / 'other.db'}")
    assert restore(other, tmp_path / f"backup{suffix}") == counts
    assert snapshot(other) == snapshot(store)
    with other.transaction() as repo:  # ids carry on after the restored ones
        repo.add_athlete("Bo", {"weekly_miles": 10}, NOW)


def test_restore_refuses_a_full_database_unless_replacing(store: Store, tmp_path: Path) -> None:
    fill(store)
    backup(store, tmp_path / "b.json")
    before = snapshot(store)
    with pytest.raises(InvalidInputError, match="restore needs an empty database, or --replace"):
        restore(store, tmp_path / "b.json")
    assert snapshot(store) == before
    restore(store, tmp_path / "b.json", replace=True)
    assert snapshot(store) == before


def test_a_broken_backup_changes_nothing(store: Store, tmp_path: Path) -> None:
    fill(store)
    before = snapshot(store)
    bad = tmp_path / "bad.json"
    doc = json.loads(json.dumps({"schema": "miler.backup/1", "tables": {
        "athletes": [{"id": 1, "name": "ada"}]}}))  # a row missing required fields
    bad.write_text(json.dumps(doc))
    with pytest.raises(StorageError, match="the backup does not fit the database, nothing"):
        restore(store, bad, replace=True)
    assert snapshot(store) == before
    bad.write_text("{not json")
    with pytest.raises(InvalidInputError, match="FILE must be a JSON backup"):
        restore(store, bad, replace=True)


def coach_database(store: Store) -> None:
    """2 coaches and 10 athletes with their own logins, the first coach looking after all."""
    with store.transaction() as repo:
        coach = repo.accounts.add("coach", "$argon2id$coach", Role.COACH, NOW)
        repo.accounts.add("second", "$argon2id$second", Role.COACH, NOW)
        for n in range(10):
            repo.add_athlete(f"runner{n}", {"weekly_miles": 20}, NOW)
            repo.accounts.add(f"runner{n}", f"$argon2id${n}", Role.ATHLETE, NOW,
                              athlete=f"runner{n}")
            repo.accounts.link(coach.id, f"runner{n}")


def accounts(store: Store) -> tuple[object, ...]:
    with store.transaction() as repo:
        users = [repo.accounts.by_name(n) for n in
                 ["coach", "second", *(f"runner{n}" for n in range(10))]]
        return (users, repo.accounts.coached(1), repo.accounts.coached(2))


@pytest.mark.parametrize("suffix", [".json", ".db"])
def test_a_restore_keeps_every_login(store: Store, tmp_path: Path, suffix: str) -> None:
    coach_database(store)
    before = accounts(store)
    counts = backup(store, tmp_path / f"b{suffix}")
    assert (counts["web_users"], counts["web_coach_athletes"]) == (12, 10)
    assert restore(store, tmp_path / f"b{suffix}", replace=True) == counts
    assert accounts(store) == before
    assert len(before[1]) == 10  # type: ignore[arg-type]
    with store.transaction() as repo:  # ids carry on after the restored ones
        repo.accounts.add("third", "$argon2id$third", Role.COACH, NOW)


def hostile(backup_doc: dict[str, Any], table: str, **values: Any) -> dict[str, Any]:
    doc = json.loads(json.dumps(backup_doc))
    doc["tables"][table][0].update(values)
    return doc


def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


@pytest.mark.parametrize(("change", "message"), [
    (lambda d, _: hostile(d, "athletes", name="../../etc"), "backup athletes[0].name must be"),
    (lambda d, _: hostile(d, "athletes", name="\x00"), "backup athletes[0].name must be"),
    (lambda d, _: hostile(d, "plans", doc={"weeks": "x"}), "backup plans[0].doc must be a "
                                                           "miler.plan/1 plan"),
    (lambda d, _: hostile(d, "results", day="2026-13-45"), "backup results.day must be an ISO"),
    (lambda d, _: hostile(d, "results", day="9999-12-31"),
     "backup results.day must be from 1980-01-06 to 2099-12-31"),
    (lambda d, _: hostile(d, "activities", doc=json.loads(deep(200))),
     "backup document must nest at most 64 deep"),
    (lambda d, data: hostile(d, "activities", path=str(data / "web-secret")),
     "backup activities[0].path must be the activity's kept upload"),
    (lambda d, data: hostile(d, "activities", path=str(data / "miler.db")),
     "backup activities[0].path must be the activity's kept upload"),
    (lambda d, data: hostile(d, "activities", path=f"{data}/uploads/ada/../../miler.db"),
     "backup activities[0].path must be a plain file path"),
    (lambda d, _: {**d, "revision": "9999"}, "backup revision must be a schema this miler"),
    (lambda d, _: {"schema": "other"}, "FILE must be a miler.backup/1 document"),
])
def test_a_hostile_backup_is_refused_and_changes_nothing(
        store: Store, tmp_path: Path, change: Callable[[dict[str, Any], Path], Any],
        message: str) -> None:
    fill(store)
    before = snapshot(store)
    doc = store.dump()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(change(doc, tmp_path / "data")))
    with pytest.raises(InvalidInputError) as refused:
        restore(store, bad, replace=True, data_dir=tmp_path / "data")
    assert str(refused.value).startswith(message)
    assert snapshot(store) == before


def test_json_too_deep_for_the_parser_is_refused_in_one_line(store: Store,
                                                            tmp_path: Path) -> None:
    fill(store)
    before = snapshot(store)
    bad = tmp_path / "deep.json"
    bad.write_text(deep(100_000))
    with pytest.raises(InvalidInputError, match="FILE must be a JSON backup nested at most"):
        restore(store, bad, replace=True)
    assert snapshot(store) == before


@pytest.mark.parametrize("make", ["empty", "foreign", "newer schema"])
def test_a_sqlite_backup_is_read_only_and_must_be_miler_known(store: Store, tmp_path: Path,
                                                              make: str) -> None:
    import sqlite3

    from sqlalchemy import create_engine

    from miler.adapters.storage import upgrade

    fill(store)
    before = snapshot(store)
    bad = tmp_path / "bad.db"
    if make == "empty":
        bad.touch()
    elif make == "foreign":
        with sqlite3.connect(bad) as other:
            other.execute("CREATE TABLE notes (text TEXT)")
    else:  # a miler from the future
        engine = create_engine(f"sqlite:///{bad}")
        upgrade(engine)
        with engine.begin() as connection:
            connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
        engine.dispose()
    content = bad.read_bytes()
    with pytest.raises(InvalidInputError, match=r"FILE must be a (miler )?backup"):
        restore(store, bad, replace=True)
    assert snapshot(store) == before
    assert bad.read_bytes() == content  # never migrated in place


@pytest.mark.parametrize("schema", ["0001", "0004"])
def test_a_sqlite_backup_of_an_older_miler_is_restored_and_left_as_it_was(
        store: Store, tmp_path: Path, schema: str) -> None:
    from sqlalchemy import create_engine

    from miler.adapters.storage import upgrade

    old = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{old}")
    upgrade(engine, schema)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO athletes (name, profile, history, created_at) "
            "VALUES ('ada', '{\"weekly_miles\": 20}', '{}', '2026-11-01 08:00:00')")
    engine.dispose()
    content = old.read_bytes()
    counts = restore(store, old, replace=True)
    assert counts["athletes"] == 1
    with store.transaction() as repo:
        assert repo.athlete("ada").profile == {"weekly_miles": 20}
    assert old.read_bytes() == content  # upgraded in a scratch copy, never in place


def test_a_backup_from_before_ids_were_slugs_restores_keyed_by_ids(store: Store,
                                                                   tmp_path: Path) -> None:
    fill(store)
    doc = json.loads(json.dumps(store.dump()))
    (row,) = doc["tables"]["athletes"]
    row["name"] = "Ada_L"  # as an older miler stored the runner
    (tmp_path / "old.json").write_text(json.dumps(doc))
    before = snapshot(store)
    restore(store, tmp_path / "old.json", replace=True)
    with store.transaction() as repo:
        assert repo.names() == ["ada_l"]
        assert repo.athlete("ada_l").profile == {"weekly_miles": 20, "display_name": "Ada_L"}
        after = (repo.plans("ada_l"), repo.sessions("ada_l"), repo.activities("ada_l"),
                 repo.results("ada_l"))
    assert after == before[1:]  # the runner's data came with them
