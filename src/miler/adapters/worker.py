"""The bounded worker: work that must not take the server down runs in a separate process
with a memory cap and a time limit.

This is miler's one mechanism for work outside a request (issue 17): the web app parses
every upload through it, and a bulk import runs through it too. A worker process

- starts from a clean interpreter (``forkserver``: never a fork of a threaded server);
- may map at most ``memory_bytes`` of address space (``RLIMIT_AS``): an allocation past it
  fails with ``MemoryError`` inside the worker, never in the server;
- gets ``seconds`` per task (a ``SIGALRM`` timer in the worker); if the worker does not
  answer soon after, the server kills it and starts a fresh one;
- ends when its parent is gone.

Any of these answers ``WorkLimitError`` for that task alone; the next task gets a working
pool. Functions sent to it must be module-level (they are pickled by name).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Final, TypeVar

from miler.errors import WorkLimitError

__all__ = ["MEMORY_BYTES", "SECONDS", "BoundedWorker", "OutOfTime", "follow_parent", "start_worker",
           "timed"]

T = TypeVar("T")

#: Address space a worker may map: the interpreter, numpy and one 64 MiB file's arrays fit
#: with room to spare; a decompression or allocation bomb does not.
MEMORY_BYTES: Final = 768 * 1024 * 1024
#: Time one task may take (a 16 MB FIT file reads in well under a second).
SECONDS: Final = 60.0
_GRACE: Final = 5.0  # past the worker's own alarm, before the server kills it


def follow_parent(parent: int) -> None:
    """In a worker: end when ``parent`` (the process that started the pool) is gone, or the
    worker's own parent is (a forkserver ends with its client). A SIGKILLed parent left its
    workers alive, each still holding its files and memory. A daemon thread checks twice a
    second."""
    import time

    direct = os.getppid()

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # someone else's process took the number: ours is gone
            return False
        return True

    def watch() -> None:
        while os.getppid() == direct and alive(parent):
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="miler-follow-parent", daemon=True).start()


def start_worker(parent: int, memory_bytes: int = MEMORY_BYTES) -> None:
    """A worker's first act: its memory cap, and following its parent."""
    import resource

    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # each BLAS thread maps a big stack
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    follow_parent(parent)


class OutOfTime(Exception):
    """A task ran past its seconds (raised in the worker by :func:`timed`'s alarm)."""


def timed(seconds: float, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
    """In a worker: ``fn(*args)`` with an alarm after ``seconds``."""
    import signal

    def ring(*_: object) -> None:
        raise OutOfTime

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn(*args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class BoundedWorker:
    """A small pool of bounded worker processes, started on first use. Thread-safe: the web
    app's request threads share one."""

    def __init__(self, workers: int = 1, *, memory_bytes: int = MEMORY_BYTES,
                 seconds: float = SECONDS) -> None:
        self.workers = workers
        self.memory_bytes = memory_bytes
        self.seconds = seconds
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _executor(self) -> ProcessPoolExecutor:
        import multiprocessing

        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=self.workers,
                    mp_context=multiprocessing.get_context("forkserver"),
                    initializer=start_worker, initargs=(os.getpid(), self.memory_bytes))
            return self._pool

    def _reset(self, pool: ProcessPoolExecutor) -> None:
        """Kill ``pool``'s processes (one is stuck or broken); the next task starts anew."""
        with self._lock:
            if self._pool is pool:
                self._pool = None
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def run(self, what: str, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in a worker: its result, its own exception, or ``WorkLimitError``
        naming ``what`` when it ran out of memory or time."""
        pool = self._executor()
        try:
            future: Future[T] = pool.submit(timed, self.seconds, fn, args)
        except BrokenProcessPool:
            self._reset(pool)
            pool = self._executor()
            future = pool.submit(timed, self.seconds, fn, args)
        try:
            return future.result(timeout=self.seconds + _GRACE)
        except MemoryError:
            raise WorkLimitError(what, f"needs more than {self.memory_bytes >> 20} MiB of "
                                 "memory to read: refused") from None
        except (OutOfTime, FutureTimeout) as late:
            if isinstance(late, FutureTimeout):  # the worker itself is stuck: end it
                self._reset(pool)
            raise WorkLimitError(what, f"takes longer than {self.seconds:g} s to read: "
                                 "refused") from None
        except BrokenProcessPool:
            self._reset(pool)
            raise WorkLimitError(what, "ended the process reading it: refused") from None

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
