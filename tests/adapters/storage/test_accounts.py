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


def test_sessions_end_at_logout_expiry_a_new_version_or_too_many(store: Store) -> None:
    from datetime import timedelta

    later = NOW + timedelta(days=14)
    with store.transaction() as repo:
        user = repo.accounts.add("coach", "h", Role.COACH, NOW)
        for n in range(4):
            repo.accounts.open_session(user.id, f"t{n}", NOW + timedelta(seconds=n), later,
                                       keep=3)
    with store.transaction() as repo:
        live = [repo.accounts.session_user(f"t{n}", NOW) for n in range(4)]
        assert [u is not None for u in live] == [False, True, True, True]  # the oldest went
        assert repo.accounts.session_user("t3", later) is None  # expired
        repo.accounts.end_session("t3")
    with store.transaction() as repo:
        assert repo.accounts.session_user("t3", NOW) is None
        assert repo.accounts.session_user("t2", NOW) is not None
        repo.accounts.end_sessions(user.id)
    with store.transaction() as repo:
        assert repo.accounts.session_user("t2", NOW) is None
        repo.accounts.open_session(user.id, "t5", NOW, later, keep=3)  # the new version
    with store.transaction() as repo:
        assert repo.accounts.session_user("t5", NOW) == repo.accounts.by_id(user.id)


def test_the_migrations_have_one_head_and_build_the_tables_the_code_maps(store: Store) -> None:
    # "Add database migrations one at a time, so Alembic never has two heads."
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from miler.adapters.storage import HEAD, MIGRATIONS, _config
    from miler.adapters.storage.tables import Base

    with store.engine.connect() as connection:
        script = ScriptDirectory.from_config(_config(connection))
        assert len(script.get_heads()) == 1
        # a database at HEAD opens without Alembic: HEAD must be the newest migration
        assert script.get_heads() == [HEAD]
        assert MIGRATIONS
        context = MigrationContext.configure(connection)
        assert compare_metadata(context, Base.metadata) == []


def test_the_session_and_the_coachs_link_read_at_once_are_the_two_reads(store: Store) -> None:
    """``session_user_of`` answers what ``session_user`` and ``coaches`` answer, for every
    session (live, expired, ended, unknown; a coach's, another coach's, an athlete's) and
    every athlete asked for (linked, not, unknown, the athlete's own)."""
    from datetime import timedelta

    later = NOW + timedelta(days=14)
    with store.transaction() as repo:
        for name in ("ann", "bob", "cy"):
            repo.add_athlete(name, {}, NOW)
        coach = repo.accounts.add("coach", "h", Role.COACH, NOW)
        other = repo.accounts.add("other", "h", Role.COACH, NOW)
        ann = repo.accounts.add("ann", "h", Role.ATHLETE, NOW, athlete="ann")
        repo.accounts.link(coach.id, "ann")
        repo.accounts.link(coach.id, "bob")
        repo.accounts.link(other.id, "cy")
        for user, token in ((coach, "c"), (other, "o"), (ann, "a"), (coach, "gone")):
            repo.accounts.open_session(user.id, token, NOW, later, keep=5)
        repo.accounts.end_session("gone")
    with store.transaction() as repo:
        for now in (NOW, later):
            for token in ("c", "o", "a", "gone", "nobody"):
                for athlete in ("ann", "bob", "cy", "zed", "coach"):
                    user = repo.accounts.session_user(token, now)
                    expected = (user, user is not None
                                and repo.accounts.coaches(user.id, athlete))
                    assert repo.accounts.session_user_of(token, now, athlete) == expected
        assert repo.accounts.session_user_of("c", NOW, "bob") == (coach, True)
        assert repo.accounts.session_user_of("o", NOW, "bob") == (other, False)
        assert repo.accounts.session_user_of("a", NOW, "ann") == (ann, False)  # no link
