"""Logins (issue 17): password rules, backoff per address and name (kept in the database, one
count for every server process), hashes a few at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from miler.adapters.passwords import check_password_rules
from miler.errors import InvalidInputError
from miler.services import logins
from miler.services.logins import FREE_FAILURES, LONGEST_WAIT_S, WINDOW_S, backoff_s
from miler.web.throttle import LoginThrottle, TooManyAttemptsError, hashes_per_process

if TYPE_CHECKING:
    from miler.adapters.storage.repository import Store

T0 = 1_800_000_000.0  # seconds since the epoch: January 2027


@pytest.mark.parametrize(("password", "rule"), [
    (" " * 10, "must not be blank"), ("abc\x00defghijk", "control characters"),
    ("password12", "common"), ("Qwertyuiop!", "common"), ("aaaaaaaaaaaa", "repetitive"),
    ("ann-is-fast-2027", "user name"), ("short", "10 to 1024 characters")])
def test_weak_passwords_are_refused(password: str, rule: str) -> None:
    with pytest.raises(InvalidInputError, match=rule) as caught:
        check_password_rules(password, "Ann")
    assert password not in str(caught.value) or password == "short"


def test_a_good_password_passes() -> None:
    check_password_rules("four laps and a bit", "ann")


def test_backoff_doubles_after_the_free_failures_and_a_success_clears_the_name(
        store: Store) -> None:
    throttle = LoginThrottle()
    for k in range(FREE_FAILURES):
        throttle.check(store, "10.0.0.1", "ann", T0 + k)
        throttle.failed(store, "10.0.0.1", "ann", T0 + k)
    throttle.check(store, "10.0.0.1", "ann", T0 + 5)  # the free ones cost nothing
    throttle.failed(store, "10.0.0.1", "ann", T0 + 5)  # the sixth: wait 2 s
    with pytest.raises(TooManyAttemptsError, match="try again in 2 s"):
        throttle.check(store, "10.0.0.1", "ann", T0 + 5)
    with pytest.raises(TooManyAttemptsError):  # the name is held from another address too
        throttle.check(store, "10.0.0.2", "ann", T0 + 6)
    throttle.check(store, "10.0.0.1", "ann", T0 + 7.1)
    throttle.failed(store, "10.0.0.1", "ann", T0 + 7.1)  # the seventh: 4 s
    with pytest.raises(TooManyAttemptsError, match="try again in 4 s"):
        throttle.check(store, "10.0.0.3", "ann", T0 + 7.1)
    throttle.succeeded(store, "ann")
    throttle.check(store, "10.0.0.3", "ann", T0 + 10)  # the name is clear; a new address
    with pytest.raises(TooManyAttemptsError, match="try again in 1 s"):  # until T0 + 11.1
        throttle.check(store, "10.0.0.1", "bob", T0 + 10)  # the address is still held


def test_every_server_process_counts_the_same_failures(database_url: str) -> None:
    """Two processes of `miler serve --workers 2` (two stores on one database): failures
    answered by either hold the name back in both, so two processes give no extra tries."""
    from miler.adapters.storage.repository import Store

    one, two = Store.open(database_url), Store.open(database_url)
    try:
        for k in range(FREE_FAILURES + 1):
            logins.failed(one if k % 2 else two, f"10.0.0.{k}", "ann", T0 + k)
        assert logins.wait_s(one, "10.9.9.9", "ann", T0 + 6) == pytest.approx(1.0)
        assert logins.wait_s(two, "10.9.9.9", "ann", T0 + 6) == pytest.approx(1.0)
        assert logins.wait_s(two, "10.9.9.9", "bob", T0 + 6) == 0.0
    finally:
        one.engine.dispose()
        two.engine.dispose()


def test_old_failures_go_and_at_most_so_many_are_kept(store: Store) -> None:
    with store.transaction() as repo:
        for k in range(6):
            repo.accounts.add_login_failure(("ip:a", "user:x"), T0 + k, T0 - 1, keep=5)
        kept = repo.accounts.login_failures(("ip:a", "user:x"), T0 - 1)
    assert len(kept) == 5  # the newest five of twelve
    assert [at for _, at in kept] == [T0 + 3, T0 + 4, T0 + 4, T0 + 5, T0 + 5]
    with store.transaction() as repo:  # a failure an hour on: the old ones are over
        repo.accounts.add_login_failure(("ip:a",), T0 + 3600, T0 + 1800, keep=5)
        assert repo.accounts.login_failures(("ip:a", "user:x"), 0.0) == [("ip:a", T0 + 3600)]


def test_a_key_longer_than_the_column_is_cut_not_refused(store: Store) -> None:
    logins.failed(store, "x" * 500, "ann", T0)
    assert logins.wait_s(store, "x" * 500, "bob", T0) == 0.0  # one failure: free


failure_gaps = st.lists(st.floats(min_value=0.0, max_value=WINDOW_S), max_size=40)


@given(failure_gaps, st.floats(min_value=0.0, max_value=2 * WINDOW_S))
def test_backoff_is_bounded_and_only_grows_with_failures(gaps: list[float], later: float
                                                         ) -> None:
    times = [T0 + sum(gaps[:i + 1]) for i in range(len(gaps))]
    now = (times[-1] if times else T0) + later
    wait = backoff_s(times, now)
    assert 0.0 <= wait <= LONGEST_WAIT_S
    assert backoff_s([*times, now], now) >= wait  # one more failure never shortens it
    if len(times) <= FREE_FAILURES:
        assert wait == 0.0


def test_a_flood_of_failures_waits_the_longest_without_overflow() -> None:
    assert backoff_s([T0 + k * 0.001 for k in range(5000)], T0 + 5) == pytest.approx(
        LONGEST_WAIT_S - 5 + 4.999)


def test_hashes_wait_for_a_turn() -> None:
    throttle = LoginThrottle()
    with throttle.hashing(), throttle.hashing():  # two at once (the cores)
        assert not throttle.hashes.acquire(blocking=False)  # a third would wait


def test_server_processes_share_out_the_hashes() -> None:
    assert [hashes_per_process(n) for n in (1, 2, 3, 16)] == [2, 1, 1, 1]
    throttle = LoginThrottle.for_workers(2)
    with throttle.hashing():
        assert not throttle.hashes.acquire(blocking=False)
