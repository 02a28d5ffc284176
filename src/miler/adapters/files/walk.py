"""Finding activity files: files, folders (recursively) and the .zip bulk exports Strava and
Garmin Connect hand out (Garmin's nests zips inside its zip), and reading many of them on
every core.

Members stay in their zip until they are read, so a gigabyte export never sits in memory;
a nested zip is copied out once into a scratch folder and read from there.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final, Generic, TypeVar

from miler.errors import InvalidInputError

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from miler.adapters.files.strava_csv import Catalogue

__all__ = ["MAX_IMPORT_BYTES", "MAX_MEMBER_BYTES", "MAX_ZIP_DEPTH", "Archives", "FileItem",
           "Found", "ReadAhead", "catalogue", "read_all", "start_readers", "walk"]

R = TypeVar("R")
Skipped = tuple[str, str]  # (file, why it was skipped)

_BATCH: Final = 8  # files per task: amortises the cost of handing work to a process
#: Zip limits (issue 17; docs/limits in README "Limits"): a member unpacks to at most this,
#: checked before it is read; zips nest at most this deep; one import unpacks to at most this.
MAX_MEMBER_BYTES: Final = 64 * 1024 * 1024
MAX_ZIP_DEPTH: Final = 3
MAX_IMPORT_BYTES: Final = 4 * 1024 * 1024 * 1024
#: Below this many files, starting worker processes costs more than it saves.
_PARALLEL_FROM: Final = 16
#: Batches out per worker (running, queued or done and waiting for an earlier one).
_AHEAD: Final = 4


@dataclass(frozen=True, slots=True)
class FileItem:
    """One file to read: on disk, or a member of a zip (read by the worker, not the parent)."""

    name: str
    path: str
    member: str | None = None


@dataclass(slots=True)
class Found:
    items: list[FileItem] = field(default_factory=list)
    catalogues: list[FileItem] = field(default_factory=list)  # Strava's activities.csv
    skipped: list[Skipped] = field(default_factory=list)
    ignored: int = 0  # files in folders that are not activities
    unpacked: int = 0  # bytes the zips found so far unpack to


class Archives:
    """Open exports, kept while reading a batch: a zip's directory is read once, not once
    per member. Close it (or use it as a context manager) when the batch is done."""

    def __init__(self) -> None:
        self._open: dict[str, zipfile.ZipFile] = {}

    def read(self, item: FileItem) -> bytes:
        if item.member is None:
            return Path(item.path).read_bytes()
        if item.path not in self._open:
            self._open[item.path] = zipfile.ZipFile(item.path)
        archive = self._open[item.path]
        if archive.getinfo(item.member).file_size > MAX_MEMBER_BYTES:
            raise OSError(f"unpacks to more than {MAX_MEMBER_BYTES >> 20} MiB")
        return archive.read(item.member)

    def close(self) -> None:
        for archive in self._open.values():
            archive.close()
        self._open.clear()

    def __enter__(self) -> Archives:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


@contextmanager
def walk(paths: Iterable[str | Path]) -> Iterator[Found]:
    """Every activity file under ``paths``; nested zips live in a scratch folder until the
    block ends."""
    with tempfile.TemporaryDirectory(prefix="miler-import-") as scratch:
        yield _gather(paths, Path(scratch))


def _gather(paths: Iterable[str | Path], scratch: Path) -> Found:
    found = Found()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                found.ignored += not _add_file(child, found, scratch)
        elif path.exists():
            if not _add_file(path, found, scratch):
                found.skipped.append((str(path), "not a FIT, GPX, TCX or .zip file"))
        else:
            raise InvalidInputError("PATH", "must be an existing file or folder", str(raw))
    return found


def _add_file(path: Path, found: Found, scratch: Path) -> bool:
    from miler.adapters.files import activity_format

    if activity_format(path.name):
        found.items.append(FileItem(str(path), str(path)))
        return True
    if _is_catalogue(path.name):
        found.catalogues.append(FileItem(str(path), str(path)))
        return True
    if path.suffix.lower() == ".zip":
        try:
            _zip_items(path, str(path), scratch, found, 1)
        except (zipfile.BadZipFile, OSError) as exc:
            found.skipped.append((str(path), f"not a readable zip file ({exc})"))
        return True
    return False


def _zip_items(path: Path, label: str, scratch: Path, found: Found, depth: int) -> None:
    """The activity members of a zip into ``found``, within the limits: members over the
    size cap, zips nested too deep and anything past the import's total are skipped."""
    from miler.adapters.files import activity_format

    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            name = f"{label}!{info.filename}"
            wanted = (activity_format(info.filename) or info.filename.lower().endswith(".zip")
                      or _is_catalogue(info.filename))
            if info.is_dir() or not wanted:
                continue
            why = _over_limits(info, found, depth)
            if why:
                found.skipped.append((name, why))
                continue
            found.unpacked += info.file_size
            if activity_format(info.filename) or _is_catalogue(info.filename):
                into = found.items if activity_format(info.filename) else found.catalogues
                into.append(FileItem(name, str(path), info.filename))
                continue
            inner = scratch / f"{len(list(scratch.iterdir()))}.zip"
            with archive.open(info) as src, inner.open("wb") as dst:
                shutil.copyfileobj(src, dst)
            _zip_items(inner, name, scratch, found, depth + 1)


def _is_catalogue(name: str) -> bool:
    from miler.adapters.files.strava_csv import CATALOGUE_NAME

    return name.replace("\\", "/").rsplit("/", 1)[-1].lower() == CATALOGUE_NAME


def catalogue(found: Found) -> Catalogue:
    """Every Strava ``activities.csv`` found, read: a file's name and type, and the
    activities that have no file. One that cannot be read is skipped, saying why."""
    from miler.adapters.files.strava_csv import Catalogue, read_activities_csv
    from miler.errors import ActivityFileError

    out = Catalogue()
    with Archives() as archives:
        for item in found.catalogues:
            try:
                rows, bad = read_activities_csv(archives.read(item), item.name)
            except ActivityFileError as exc:
                out.skipped.append((item.name, exc.reason))
                continue
            except (zipfile.BadZipFile, OSError) as exc:
                out.skipped.append((item.name, f"cannot be read ({exc})"))
                continue
            out.add(rows)
            out.skipped.extend(bad)
    return out


def _over_limits(info: zipfile.ZipInfo, found: Found, depth: int) -> str | None:
    if info.file_size > MAX_MEMBER_BYTES:
        return f"unpacks to more than {MAX_MEMBER_BYTES >> 20} MiB"
    if info.filename.lower().endswith(".zip") and depth >= MAX_ZIP_DEPTH:
        return f"a zip nested more than {MAX_ZIP_DEPTH} deep"
    if found.unpacked + info.file_size > MAX_IMPORT_BYTES:
        return f"past the {MAX_IMPORT_BYTES >> 30} GiB one import may unpack to"
    return None


def _read_batch(batch: list[FileItem], summarise: Callable[[str, bytes], R | Skipped],
                seconds: float | None = None) -> list[R | Skipped]:
    """Each item read and summarised; in a worker (``seconds`` given) a file that takes
    longer is skipped, as one past the worker's memory cap is."""
    from miler.adapters.worker import OutOfTime, timed

    out: list[R | Skipped] = []
    with Archives() as archives:
        for item in batch:
            try:
                data = archives.read(item)
                out.append(summarise(item.name, data) if seconds is None
                           else timed(seconds, summarise, (item.name, data)))
            except (zipfile.BadZipFile, OSError) as exc:
                out.append((item.name, f"cannot be read ({exc})"))
            except MemoryError:  # past a worker's cap (adapters/worker.py)
                out.append((item.name, "needs more memory than a worker may have to read"))
            except OutOfTime:
                out.append((item.name, f"takes longer than {seconds:g} s to read"))
    return out


def read_all(items: list[FileItem], summarise: Callable[[str, bytes], R | Skipped], *,
             workers: int | None = None,
             progress: Callable[[int, int], None] | None = None,
             preload: Sequence[str] = ()) -> Iterator[R | Skipped]:
    """``summarise(name, bytes)`` of every item, in the items' order, on every core when there
    are many (it must be a module-level function: it is sent to worker processes, which
    come with ``preload`` loaded, when they start here)."""
    workers = _processes(items, workers)
    if workers == 1:
        yield from _in_this_process(items, summarise, progress)
        return
    reads = _Reads(items, summarise, workers, preload)
    try:
        yield from reads.results(progress)
    finally:
        reads.close()


def _processes(items: list[FileItem], workers: int | None) -> int:
    """How many processes read ``items``: ``workers`` (None: every core), or 1 (this one,
    no pool) when they are too few to be worth starting workers for."""
    return 1 if len(items) < _PARALLEL_FROM else workers or os.cpu_count() or 1


def _in_this_process(items: list[FileItem], summarise: Callable[[str, bytes], R | Skipped],
                     progress: Callable[[int, int], None] | None) -> Iterator[R | Skipped]:
    total = len(items)
    for k in range(0, total, _BATCH):
        batch = items[k:k + _BATCH]
        yield from _read_batch(batch, summarise)
        if progress:
            progress(k + len(batch), total)


class ReadAhead(Generic[R]):
    """:func:`read_all` of ``items``, begun now: the workers are started and handed their
    first batches from a thread of its own, so that the caller goes on (loading a database
    layer, say) while the fork server finishes loading and the workers read. ``results``
    answers as :func:`read_all` does; ``close`` (or the end of a ``with``) ends the workers,
    dropping what was not asked for."""

    def __init__(self, items: list[FileItem], summarise: Callable[[str, bytes], R | Skipped],
                 *, workers: int | None = None, preload: Sequence[str] = ()) -> None:
        import threading

        self._items, self._summarise = items, summarise
        self._reads: _Reads[R] | None = None
        self._failed: BaseException | None = None
        self._starting: threading.Thread | None = None
        workers = _processes(items, workers)
        if workers > 1:
            self._starting = threading.Thread(target=self._start, name="miler-read-ahead",
                                              args=(workers, preload), daemon=True)
            self._starting.start()

    def _start(self, workers: int, preload: Sequence[str]) -> None:
        try:
            self._reads = _Reads(self._items, self._summarise, workers, preload)
        except BaseException as exc:  # raised where the results are asked for
            self._failed = exc

    def _joined(self) -> None:
        """The starting thread done with (the workers started, or failed to)."""
        if self._starting is not None:
            self._starting.join()
            self._starting = None

    def _started(self) -> _Reads[R] | None:
        self._joined()
        if self._failed is not None:
            raise self._failed
        return self._reads

    def reading_with(self, summarise: Callable[[str, bytes], R | Skipped]) -> None:
        """The items not yet handed to a worker are read by ``summarise`` from now on (the
        same reading, told more: say, which files are stored already). It must answer as
        the first would, and be picklable: a module-level function, or a ``partial`` of one
        with picklable arguments."""
        reads = self._started()
        self._summarise = summarise
        if reads is not None:
            reads.summarise = summarise

    def results(self, progress: Callable[[int, int], None] | None = None
                ) -> Iterator[R | Skipped]:
        reads = self._started()
        if reads is None:
            yield from _in_this_process(self._items, self._summarise, progress)
        else:
            yield from reads.results(progress)

    def close(self) -> None:
        self._joined()
        if self._reads is not None:
            self._reads.close(cancel=True)
            self._reads = None

    def __enter__(self) -> ReadAhead[R]:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _context(module: str, preload: Sequence[str] = ()) -> BaseContext:
    """How workers start: from a fork server, a clean interpreter that imports ``preload``
    once, never as forks of this process. A fork carries the caller's memory (a database
    layer) and can inherit a lock held forever: forked workers of a test process hung in
    their first ``Thread.start`` three times, even with one thread in the process; the fork
    server costs the dry run its imports once. It loads the FIT reader (numpy), ``module``
    (of the function the workers run) and ``preload`` (what that function loads)."""
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["miler.adapters.files.walk", "miler.adapters.files.fit",
                                    module, *preload])
    return context


def start_readers(module: str, preload: Sequence[str] = ()) -> None:
    """Start the fork server :func:`read_all`'s workers will come from, now, without waiting
    for it: it loads ``module`` (of the function the workers will run) and ``preload``
    while the caller goes on loading what it needs itself (a database layer, renderers)."""
    from multiprocessing import forkserver

    _context(module, preload)
    forkserver.ensure_running()


class _Reads(Generic[R]):
    """The items on ``workers`` bounded processes, answered in order. At most
    ``_AHEAD * workers`` batches are out (running, or waiting for an earlier one), so a
    gigabyte export never sits in memory, and a slow batch holds back only a few. The
    first are handed out at once."""

    def __init__(self, items: list[FileItem], summarise: Callable[[str, bytes], R | Skipped],
                 workers: int, preload: Sequence[str] = ()) -> None:
        from collections import deque

        from miler.adapters.worker import SECONDS, start_worker

        self.summarise, self._seconds, self._total = summarise, SECONDS, len(items)
        module = getattr(summarise, "func", summarise).__module__  # a partial's function's
        self._queue = iter([items[k:k + _BATCH] for k in range(0, len(items), _BATCH)])
        # the bounded worker's processes (adapters/worker.py): a memory cap each, and they
        # end with their parent
        self._pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=_context(module, preload),
            initializer=start_worker, initargs=(os.getpid(),))
        self._out: deque[Future[list[R | Skipped]]] = deque()
        try:
            for batch in self._queue:
                self._out.append(self._submit(batch))
                if len(self._out) >= _AHEAD * workers:
                    break
        except BaseException:
            self.close(cancel=True)
            raise

    def _submit(self, batch: list[FileItem]) -> Future[list[R | Skipped]]:
        return self._pool.submit(_read_batch, batch, self.summarise, self._seconds)

    def results(self, progress: Callable[[int, int], None] | None) -> Iterator[R | Skipped]:
        done = 0
        while self._out:
            results = self._out.popleft().result()
            nxt = next(self._queue, None)
            if nxt is not None:
                self._out.append(self._submit(nxt))
            yield from results
            done += len(results)
            if progress:
                progress(done, self._total)

    def close(self, cancel: bool = False) -> None:
        """The workers ended (``cancel``: what was not begun is dropped)."""
        self._pool.shutdown(wait=True, cancel_futures=cancel)
