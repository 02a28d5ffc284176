"""Logins (issue 17): password rules, backoff per address and name, hashes one at a time."""

from __future__ import annotations

import pytest

from miler.adapters.passwords import check_password_rules
from miler.errors import InvalidInputError
from miler.web.throttle import FREE_FAILURES, LoginThrottle, TooManyAttemptsError


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


def test_backoff_doubles_after_the_free_failures_and_a_success_clears_the_name() -> None:
    throttle = LoginThrottle()
    for k in range(FREE_FAILURES):
        throttle.check("10.0.0.1", "ann", float(k))
        throttle.failed("10.0.0.1", "ann", float(k))
    throttle.check("10.0.0.1", "ann", 5.0)  # the free ones cost nothing
    throttle.failed("10.0.0.1", "ann", 5.0)  # the sixth: wait 2 s
    with pytest.raises(TooManyAttemptsError, match="try again in 2 s"):
        throttle.check("10.0.0.1", "ann", 5.0)
    with pytest.raises(TooManyAttemptsError):  # the name is held from another address too
        throttle.check("10.0.0.2", "ann", 6.0)
    throttle.check("10.0.0.1", "ann", 7.1)
    throttle.failed("10.0.0.1", "ann", 7.1)  # the seventh: 4 s
    with pytest.raises(TooManyAttemptsError, match="try again in 4 s"):
        throttle.check("10.0.0.3", "ann", 7.1)
    throttle.succeeded("ann")
    throttle.check("10.0.0.3", "ann", 12.0)  # the name is clear; a new address never failed


def test_hashes_wait_for_a_turn() -> None:
    throttle = LoginThrottle()
    with throttle.hashing(), throttle.hashing():  # two at once (the cores)
        assert not throttle.hashes.acquire(blocking=False)  # a third would wait
