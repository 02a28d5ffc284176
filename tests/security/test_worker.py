"""Issue 17: the bounded worker. Whatever a task does (allocate without end, spin, kill its
own process), the caller gets one ``WorkLimitError`` and the next task a working pool."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from miler.adapters.worker import BoundedWorker
from miler.errors import (
    ActivityFileError,
    ConflictError,
    CorruptFileError,
    ExportError,
    InvalidInputError,
    MilerError,
    NotFoundError,
    WorkLimitError,
)

MIB = 1 << 20


def _allocate(mib: int) -> int:
    return len(bytearray(mib * MIB))


def _spin() -> None:
    while True:
        pass


def _die() -> None:
    os._exit(9)


def _refuse(path: str) -> None:
    raise CorruptFileError(path, "bad CRC", offset=12)


@pytest.fixture(scope="module")
def worker() -> Iterator[BoundedWorker]:
    pool = BoundedWorker(memory_bytes=512 * MIB, seconds=2.0)
    yield pool
    pool.close()


def test_an_allocation_past_the_cap_is_refused_and_the_next_task_runs(
        worker: BoundedWorker) -> None:
    with pytest.raises(WorkLimitError, match=r"^big\.fit: needs more than 512 MiB of memory"):
        worker.run("big.fit", _allocate, 2048)
    assert worker.run("small.fit", _allocate, 16) == 16 * MIB


def test_a_task_past_its_time_is_refused_and_the_next_task_runs(worker: BoundedWorker) -> None:
    with pytest.raises(WorkLimitError, match=r"^slow\.fit: takes longer than 2 s to read"):
        worker.run("slow.fit", _spin)
    assert worker.run("ok", _allocate, 1) == MIB


def test_a_task_that_ends_its_process_is_refused_and_a_new_one_starts(
        worker: BoundedWorker) -> None:
    with pytest.raises(WorkLimitError, match=r"^crash\.fit: ended the process reading it"):
        worker.run("crash.fit", _die)
    assert worker.run("ok", _allocate, 1) == MIB


def test_a_tasks_own_error_comes_back_whole(worker: BoundedWorker) -> None:
    with pytest.raises(CorruptFileError) as caught:
        worker.run("x", _refuse, "run.fit")
    assert (caught.value.path, caught.value.offset, str(caught.value)) == \
        ("run.fit", 12, "run.fit: bad CRC at byte 12")


@pytest.mark.parametrize("error", [
    InvalidInputError("--goal", "must be faster", "9:00"), NotFoundError("no athlete 'x'"),
    ActivityFileError("a.gpx", "no track points"), CorruptFileError("a.fit", "bad", 3),
    ExportError("plan.ics", "cannot write"), ConflictError("stored twice"),
    WorkLimitError("a.fit", "too big")])
def test_every_miler_error_pickles_with_its_fields(error: MilerError) -> None:
    import pickle

    back = pickle.loads(pickle.dumps(error))
    assert (type(back), str(back), back.__dict__) == (type(error), str(error), error.__dict__)
