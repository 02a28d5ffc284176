"""Logins that cannot take the server down or be guessed at full speed (issue 17).

* Password hashes run a few at a time (Argon2id takes 64 MiB each: 40 concurrent wrong
  logins took a server to 2.7 GB): ``HASHES_AT_ONCE`` in all, shared out between the
  processes of ``miler serve --workers N`` (one each at least). A login that cannot get a
  turn within ``WAIT_S`` is answered 429.
* Backoff per client address and per user name (``services.logins``: failures are rows of
  the database, one count for every process), answered 429 with the seconds to wait.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Final

from miler.errors import MilerError
from miler.services import logins
from miler.services.ports import Storage

__all__ = ["HASHES_AT_ONCE", "LoginThrottle", "TooManyAttemptsError", "hashes_per_process"]

HASHES_AT_ONCE: Final = 2  # the machine's cores
WAIT_S: Final = 5.0


class TooManyAttemptsError(MilerError):
    """Too many logins: wait ``retry_after_s`` seconds."""

    def __init__(self, message: str, retry_after_s: float) -> None:
        self.retry_after_s = retry_after_s
        super().__init__(message)


def hashes_per_process(workers: int) -> int:
    """Each of ``workers`` processes' share of ``HASHES_AT_ONCE`` (at least one)."""
    return max(1, HASHES_AT_ONCE // max(1, workers))


@dataclass(slots=True)
class LoginThrottle:
    hashes: threading.BoundedSemaphore = field(
        default_factory=lambda: threading.BoundedSemaphore(HASHES_AT_ONCE))

    @classmethod
    def for_workers(cls, workers: int) -> LoginThrottle:
        return cls(threading.BoundedSemaphore(hashes_per_process(workers)))

    def check(self, store: Storage, address: str, username: str, now: float) -> None:
        """Refuse (429) while the address or the name is waiting out its backoff."""
        wait = logins.wait_s(store, address, username, now)
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

    def failed(self, store: Storage, address: str, username: str, now: float) -> None:
        logins.failed(store, address, username, now)

    def succeeded(self, store: Storage, username: str) -> None:
        logins.succeeded(store, username)
