"""Logins that cannot be guessed at full speed (issue 17), in every server process at once.

Backoff per client address and per user name: after ``FREE_FAILURES`` failures within
``WINDOW_S`` each further try waits twice as long as the last (from 2 s, at most 15
minutes). A success clears the name's failures. Failures are rows of the database, so the
processes of ``miler serve --workers N`` share one count: N processes do not give N times
the tries. Only the last ``WINDOW_S + LONGEST_WAIT_S`` are kept, ``KEPT`` at most.

Times are seconds since the epoch, passed in, so the rules are tested without sleeping.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import Final

from miler.services.ports import Storage

__all__ = ["FREE_FAILURES", "KEPT", "LONGEST_WAIT_S", "WINDOW_S", "backoff_s", "failed",
           "succeeded", "wait_s"]

FREE_FAILURES: Final = 5
WINDOW_S: Final = 15 * 60.0
FIRST_WAIT_S: Final = 2.0
LONGEST_WAIT_S: Final = 15 * 60.0
#: Failures kept in all: the oldest go beyond this many (an address and a name each).
KEPT: Final = 20_000
#: Failures older than this cannot hold a login back any more: every wait they set is over.
_LOOK_BACK_S: Final = WINDOW_S + LONGEST_WAIT_S
_KEY_CHARS: Final = 120  # the column's width


def backoff_s(failures: Iterable[float], now: float) -> float:
    """Seconds still to wait at ``now`` after ``failures`` (times, oldest first): each
    failure past the free ones within the window before it holds logins back
    ``FIRST_WAIT_S * 2 ** (extra - 1)`` seconds, at most ``LONGEST_WAIT_S``."""
    recent: deque[float] = deque()
    until = 0.0
    for at in failures:
        while recent and at - recent[0] >= WINDOW_S:
            recent.popleft()
        recent.append(at)
        extra = len(recent) - FREE_FAILURES
        if extra > 0:
            until = max(until, at + min(FIRST_WAIT_S * 2.0 ** min(extra - 1, 30), LONGEST_WAIT_S))
    return max(0.0, until - now)


def wait_s(store: Storage, address: str, username: str, now: float) -> float:
    """Seconds this address or this name must still wait before its next try (0: none)."""
    keys = _keys(address, username)
    with store.transaction() as repo:
        found = repo.accounts.login_failures(keys, now - _LOOK_BACK_S)
    return max(backoff_s((at for key, at in found if key == k), now) for k in keys)


def failed(store: Storage, address: str, username: str, now: float) -> None:
    """A wrong password from ``address`` for ``username``."""
    with store.transaction() as repo:
        repo.accounts.add_login_failure(_keys(address, username), now, now - _LOOK_BACK_S,
                                        KEPT)


def succeeded(store: Storage, username: str) -> None:
    """The right password: the name's failures are forgotten (the address's stay)."""
    with store.transaction() as repo:
        repo.accounts.forget_login_failures(_key("user", username))


def _keys(address: str, username: str) -> tuple[str, str]:
    return _key("ip", address), _key("user", username)


def _key(kind: str, value: str) -> str:
    return f"{kind}:{value}"[:_KEY_CHARS]
