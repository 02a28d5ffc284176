"""Web accounts (migration 0002): users with password hashes, coaches and their athletes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import inspect

from miler.adapters.storage.accounts import Role
from miler.adapters.storage.repository import Store
from miler.errors import InvalidInputError, NotFoundError

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_accounts_round_trip(store: Store) -> None:
    assert {"web_users", "web_coach_athletes"} <= set(inspect(store.engine).get_table_names())
    with store.transaction() as repo:
        assert repo.accounts.count() == 0
        coach = repo.accounts.add("coach", "$argon2id$coach", Role.COACH, NOW)
        for name in ("ann", "bob"):
            repo.add_athlete(name, {}, NOW)
        ann = repo.accounts.add("ann", "$argon2id$ann", Role.ATHLETE, NOW, athlete="ann")
        repo.accounts.link(coach.id, "bob")
        repo.accounts.link(coach.id, "ann")
        repo.accounts.link(coach.id, "ann")  # twice is once
    with store.transaction() as repo:
        assert repo.accounts.count() == 2
        assert repo.accounts.coached(coach.id) == ["ann", "bob"]
        assert repo.accounts.coaches(coach.id, "bob")
        assert not repo.accounts.coaches(ann.id, "bob")
        found = repo.accounts.by_name("ann")
        assert found is not None
        assert (found.role, found.athlete, found.password_hash) == (Role.ATHLETE, "ann",
                                                                    "$argon2id$ann")
        assert repo.accounts.by_id(coach.id) == repo.accounts.by_name("coach")
        assert repo.accounts.by_name("nobody") is None
        repo.accounts.set_password_hash(ann.id, "$argon2id$new")
    with store.transaction() as repo:
        assert repo.accounts.by_id(ann.id).password_hash == "$argon2id$new"  # type: ignore[union-attr]


def test_a_username_is_taken_once_and_links_need_an_athlete(store: Store) -> None:
    with store.transaction() as repo:
        coach = repo.accounts.add("coach", "h", Role.COACH, NOW)
    with pytest.raises(InvalidInputError, match="that username is taken"), \
            store.transaction() as repo:
        repo.accounts.add("coach", "h", Role.COACH, NOW)
    with pytest.raises(NotFoundError, match="no athlete named 'zed'"), \
            store.transaction() as repo:
        repo.accounts.link(coach.id, "zed")
