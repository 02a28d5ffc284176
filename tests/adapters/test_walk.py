"""Reading many files on every core (``adapters.files.walk.read_all``): answers come back in
the files' order, and workers start by fork only from a process with one thread."""

from __future__ import annotations

from pathlib import Path

import pytest

from miler.adapters.files.walk import FileItem, ReadAhead, _context, read_all


def _size_and_name(name: str, data: bytes) -> tuple[str, int]:
    return Path(name).name, len(data)


def _items(folder: Path, n: int) -> list[FileItem]:
    items = []
    for k in range(n):
        path = folder / f"{k:03d}.fit"
        path.write_bytes(b"x" * (k % 7 + (5000 if k % 5 == 0 else 0)))  # some slower
        items.append(FileItem(str(path), str(path)))
    return items


@pytest.mark.parametrize("workers", [1, 2])
def test_answers_come_in_the_files_order(tmp_path: Path, workers: int) -> None:
    items = _items(tmp_path, 61)
    progress: list[tuple[int, int]] = []
    got = list(read_all(items, _size_and_name, workers=workers,
                        progress=lambda d, t: progress.append((d, t))))
    assert got == [_size_and_name(i.path, Path(i.path).read_bytes()) for i in items]
    assert progress[-1] == (61, 61)
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)


def test_a_file_that_cannot_be_read_is_skipped_in_its_place(tmp_path: Path) -> None:
    items = _items(tmp_path, 20)
    Path(items[3].path).unlink()
    got = list(read_all(items, _size_and_name, workers=2))
    assert got[3][0] == items[3].name
    assert "cannot be read" in str(got[3][1])
    assert [g[0] for g in got[4:]] == [Path(i.path).name for i in items[4:]]


def test_workers_never_fork_the_calling_process() -> None:
    # forks of a test process hung in their first Thread.start, even with one thread in it
    assert _context("miler.services.history").get_start_method() == "forkserver"


def _endless_on_the_fourth(name: str, data: bytes) -> tuple[str, int]:
    while name.endswith("003.fit"):  # a file whose reading never ends (a hostile one)
        pass
    return _size_and_name(name, data)


def test_a_file_that_reads_past_the_time_limit_is_skipped_and_the_rest_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import miler.adapters.worker

    monkeypatch.setattr(miler.adapters.worker, "SECONDS", 0.5)
    items = _items(tmp_path, 20)
    got = list(read_all(items, _endless_on_the_fourth, workers=2))
    assert got[3] == (items[3].name, "takes longer than 0.5 s to read")
    assert [g for k, g in enumerate(got) if k != 3] == [
        _size_and_name(i.path, Path(i.path).read_bytes()) for k, i in enumerate(items) if k != 3]


@pytest.mark.parametrize(("files", "workers"), [(40, 2), (5, 2), (40, 1)])
def test_reading_ahead_answers_as_reading_all(tmp_path: Path, files: int, workers: int) -> None:
    items = _items(tmp_path, files)
    progress: list[tuple[int, int]] = []
    with ReadAhead(items, _size_and_name, workers=workers) as ahead:
        got = list(ahead.results(lambda d, t: progress.append((d, t))))
    assert got == list(read_all(items, _size_and_name, workers=1))
    assert progress[-1] == (files, files)


def test_reading_ahead_ends_its_workers_when_what_it_read_is_not_wanted(
        tmp_path: Path) -> None:
    items = _items(tmp_path, 400)
    ahead = ReadAhead(items, _size_and_name, workers=2)
    first = next(ahead.results())
    ahead.close()  # the rest is dropped: a few batches out at most are finished
    assert first == _size_and_name(items[0].path, Path(items[0].path).read_bytes())
    assert ahead._reads is None


def _tagged(name: str, data: bytes) -> tuple[str, int]:
    return "told more: " + Path(name).name, len(data)


@pytest.mark.parametrize(("files", "workers"), [(200, 2), (40, 1), (10, 2)])
def test_what_is_not_handed_out_yet_is_read_the_new_way(tmp_path: Path, files: int,
                                                        workers: int) -> None:
    """``reading_with``: the batches still to be handed to a worker (all of them, in this
    process) are read by the new function; every file is answered once, in order."""
    items = _items(tmp_path, files)
    with ReadAhead(items, _size_and_name, workers=workers) as ahead:
        ahead.reading_with(_tagged)
        got = list(ahead.results())
    old = [_size_and_name(i.path, Path(i.path).read_bytes()) for i in items]
    new = [_tagged(i.path, Path(i.path).read_bytes()) for i in items]
    handed = sum(g == o for g, o in zip(got, old, strict=True))
    assert got == old[:handed] + new[handed:]
    assert handed <= (8 * 8 if workers > 1 and files >= 16 else 0)  # _AHEAD * 2 batches of 8
    if files == 200:
        assert handed < files
