"""Logins that cannot take the server down or be guessed at full speed (issue 17).

* At most ``HASHES_AT_ONCE`` password hashes run at once (Argon2id takes 64 MiB each: 40
  concurrent wrong logins took a server to 2.7 GB); a login that cannot get a turn within
  ``WAIT_S`` is answered 429.
* Backoff per client address and per user name: after ``FREE_FAILURES`` failures within
  ``WINDOW_S`` each further try waits twice as long as the last (from 2 s, at most 15
  minutes), answered 429 with the seconds to wait. A success clears the name's count.

State is in memory: a restart forgets it, which costs an attacker nothing they did not have.
Time is passed in, so the rules are tested without sleeping.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Final

from miler.errors import MilerError

__all__ = ["LoginThrottle", "TooManyAttemptsError"]

HASHES_AT_ONCE: Final = 2  # the machine's cores
WAIT_S: Final = 5.0
FREE_FAILURES: Final = 5
WINDOW_S: Final = 15 * 60.0
_FIRST_WAIT_S: Final = 2.0
_LONGEST_WAIT_S: Final = 15 * 60.0
_KEYS_KEPT: Final = 10_000  # forget the oldest beyond this many addresses and names


class TooManyAttemptsError(MilerError):
    """Too many logins: wait ``retry_after_s`` seconds."""

    def __init__(self, message: str, retry_after_s: float) -> None:
        self.retry_after_s = retry_after_s
        super().__init__(message)


@dataclass(slots=True)
class _Record:
    failures: list[float] = field(default_factory=list)
    blocked_until: float = 0.0


@dataclass(slots=True)
class LoginThrottle:
    hashes: threading.BoundedSemaphore = field(
        default_factory=lambda: threading.BoundedSemaphore(HASHES_AT_ONCE))
    _records: dict[str, _Record] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self, address: str, username: str, now: float) -> None:
        """Refuse (429) while the address or the name is waiting out its backoff."""
        with self._lock:
            wait = max(self._record(key).blocked_until - now for key in _keys(address, username))
        if wait > 0:
            raise TooManyAttemptsError(
                f"too many failed logins: try again in {wait:.0f} s", wait)

    @contextmanager
    def hashing(self) -> Iterator[None]:
        """A turn at hashing a password, or 429 when the server is busy with others."""
        if not self.hashes.acquire(timeout=WAIT_S):
            raise TooManyAttemptsError("the server is busy with other logins: try again", WAIT_S)
        try:
            yield
        finally:
            self.hashes.release()

    def failed(self, address: str, username: str, now: float) -> None:
        with self._lock:
            for key in _keys(address, username):
                record = self._record(key)
                record.failures = [t for t in record.failures if now - t < WINDOW_S] + [now]
                extra = len(record.failures) - FREE_FAILURES
                if extra > 0:
                    wait = min(_FIRST_WAIT_S * 2 ** (extra - 1), _LONGEST_WAIT_S)
                    record.blocked_until = now + wait

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._records.pop(f"user:{username}", None)

    def _record(self, key: str) -> _Record:
        record = self._records.get(key)
        if record is None:
            if len(self._records) >= _KEYS_KEPT:
                self._records.pop(next(iter(self._records)))
            record = self._records[key] = _Record()
        return record


def _keys(address: str, username: str) -> tuple[str, str]:
    return f"ip:{address}", f"user:{username}"
