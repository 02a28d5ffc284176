"""``import``: a runner's whole history of watch files, read on every core and summarised.

Gather: files, folders (recursively) and the .zip bulk exports Strava and Garmin Connect hand
out (Garmin's nests zips inside its zip). Decide: each file is read and measured in a worker
process (``concurrent.futures``), which sends back only a small summary, never the samples;
the history is then totted up by the pure core (weekly volume, best miles). Nothing is
stored yet: keeping the runs is the storage layer's job.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Final

from miler.domain.activity import WeekVolume, weekly_volume
from miler.errors import ActivityFileError, InvalidInputError

__all__ = ["HistorySummary", "RunSummary", "activity_files", "scan_history"]

_BATCH: Final = 8  # files per task: amortises the cost of handing work to a process
#: Two files of one run (a FIT and its TCX export) start this close together.
_SAME_RUN_S: Final = 120.0
#: Below this many files, starting worker processes costs more than it saves.
_PARALLEL_FROM: Final = 16


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What the history needs from one activity file (no samples)."""

    name: str
    sport: str
    start_time: datetime | None
    day: date | None  # the runner's own calendar day (UTC's when the file gives no offset)
    distance_m: float
    moving_s: float | None
    best_efforts_s: dict[str, float]
    mile_test_s: float | None
    warnings: tuple[str, ...] = ()

    @property
    def is_run(self) -> bool:
        """A run, or a multisport race with a running leg (a run without distance counts:
        a watch with no GPS and no footpod still timed it)."""
        return self.sport == "running" or (self.sport == "multisport" and self.distance_m > 0)

    @property
    def best_mile_s(self) -> float | None:
        return self.best_efforts_s.get("mile")


@dataclass(frozen=True, slots=True)
class HistorySummary:
    """A scanned history: what was read, what was skipped and why, and what it shows."""

    today: date
    files: int
    runs: tuple[RunSummary, ...]
    others: int
    duplicates: int
    skipped: tuple[tuple[str, str], ...]
    ignored: int
    weeks: tuple[WeekVolume, ...] = field(default=())

    @property
    def best_mile(self) -> RunSummary | None:
        timed = [r for r in self.runs if r.best_mile_s is not None]
        return min(timed, key=lambda r: r.best_mile_s or 0.0) if timed else None

    def best_mile_by_month(self) -> list[tuple[str, RunSummary]]:
        """The run holding the fastest mile of each month ('YYYY-MM'), oldest first."""
        best: dict[str, RunSummary] = {}
        for run in self.runs:
            if run.best_mile_s is None or run.day is None:
                continue
            month = run.day.strftime("%Y-%m")
            if month not in best or run.best_mile_s < (best[month].best_mile_s or 0.0):
                best[month] = run
        return sorted(best.items())

    def recent_best_mile_s(self, weeks: int = 12) -> float | None:
        """The fastest mile run in the last ``weeks`` weeks (a planner's current fitness)."""
        first = self.today.toordinal() - 7 * weeks
        recent = [r.best_mile_s for r in self.runs if r.best_mile_s is not None
                  and r.day is not None and r.day.toordinal() > first]
        return min(recent) if recent else None

    def recent_test_mile_s(self, weeks: int = 12) -> float | None:
        """The fastest recognised test mile or time trial of the last ``weeks`` weeks."""
        first = self.today.toordinal() - 7 * weeks
        tests = [r.mile_test_s for r in self.runs if r.mile_test_s is not None
                 and r.day is not None and r.day.toordinal() > first]
        return min(tests) if tests else None

    def weekly_miles_average(self, weeks: int = 4) -> float:
        """Mean running miles a week over the last ``weeks`` weeks of ``self.weeks``."""
        last = self.weeks[-weeks:]
        return sum(w.miles for w in last) / len(last) if last else 0.0


@dataclass(frozen=True, slots=True)
class _Item:
    """One file to read: on disk, or a member of a zip (read by the worker, not the parent)."""

    name: str
    path: str
    member: str | None = None


def scan_history(paths: Iterable[str | Path], today: date | None = None, *,
                 workers: int | None = None,
                 progress: Callable[[int, int], None] | None = None) -> HistorySummary:
    """Read every activity under ``paths`` and summarise it.

    ``today`` ends the 12 weeks of weekly volume; by default the day of the newest run, so
    an old history still shows its last 12 weeks (a planner passes the real today, so that
    "recent" means recent). ``progress(done, total)`` is called as
    files finish.
    """
    with tempfile.TemporaryDirectory(prefix="miler-import-") as scratch:
        items, skipped, ignored = _gather(paths, Path(scratch))
        results = list(_read_all(items, workers, progress))
    found = [r for r in results if isinstance(r, RunSummary)]
    skipped += [r for r in results if isinstance(r, tuple)]
    runs, duplicates = _unique(sorted((r for r in found if r.is_run), key=_when))
    if today is None:
        dated = [r.day for r in runs if r.day is not None]
        today = max(dated) if dated else date(1970, 1, 1)
    volume = weekly_volume(((r.day, r.distance_m) for r in runs if r.day is not None), today,
                           weeks=12)
    return HistorySummary(today, len(items), tuple(runs), len(found) - len(runs) - duplicates,
                          duplicates, tuple(sorted(skipped)), ignored, volume)


def _when(run: RunSummary) -> datetime:
    return run.start_time or datetime.min.replace(tzinfo=UTC)  # undated runs first


def _unique(runs: list[RunSummary]) -> tuple[list[RunSummary], int]:
    """Drop a second file of the same run (same start within two minutes, same distance)."""
    kept: list[RunSummary] = []
    for run in runs:
        prev = kept[-1] if kept else None
        if (prev is not None and prev.start_time and run.start_time
                and abs((run.start_time - prev.start_time).total_seconds()) < _SAME_RUN_S
                and abs(run.distance_m - prev.distance_m) <= 0.05 * max(prev.distance_m, 1.0)):
            continue
        kept.append(run)
    return kept, len(runs) - len(kept)


# -- gather -------------------------------------------------------------------------------

def _gather(paths: Iterable[str | Path],
            scratch: Path) -> tuple[list[_Item], list[tuple[str, str]], int]:
    items: list[_Item] = []
    skipped: list[tuple[str, str]] = []
    ignored = 0
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                ignored += not _add_file(child, items, skipped, scratch)
        elif path.exists():
            if not _add_file(path, items, skipped, scratch):
                skipped.append((str(path), "not a FIT, GPX, TCX or .zip file"))
        else:
            raise InvalidInputError("PATH", "must be an existing file or folder", str(raw))
    return items, skipped, ignored


def _add_file(path: Path, items: list[_Item], skipped: list[tuple[str, str]],
              scratch: Path) -> bool:
    from miler.adapters.files import activity_format

    if activity_format(path.name):
        items.append(_Item(str(path), str(path)))
        return True
    if path.suffix.lower() == ".zip":
        try:
            items.extend(_zip_items(path, str(path), scratch))
        except (zipfile.BadZipFile, OSError) as exc:
            skipped.append((str(path), f"not a readable zip file ({exc})"))
        return True
    return False


def _zip_items(path: Path, label: str, scratch: Path) -> Iterator[_Item]:
    """Activity files inside an export, including the zips Garmin nests inside its zip.

    Members stay in the zip until a worker reads them, so a gigabyte export never sits in
    memory; a nested zip is copied out once into ``scratch`` and read from there.
    """
    from miler.adapters.files import activity_format

    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            name = f"{label}!{info.filename}"
            if info.is_dir():
                continue
            if activity_format(info.filename):
                yield _Item(name, str(path), info.filename)
            elif info.filename.lower().endswith(".zip"):
                inner = scratch / f"{len(list(scratch.iterdir()))}.zip"
                with archive.open(info) as src, inner.open("wb") as dst:
                    shutil.copyfileobj(src, dst)
                yield from _zip_items(inner, name, scratch)


# -- read, on every core ------------------------------------------------------------------

_Result = RunSummary | tuple[str, str]  # a summary, or (file, why it was skipped)


def _read_all(items: list[_Item], workers: int | None,
              progress: Callable[[int, int], None] | None) -> Iterator[_Result]:
    total = len(items)
    batches = [items[k:k + _BATCH] for k in range(0, total, _BATCH)]
    workers = workers or os.cpu_count() or 1
    done = 0
    if workers == 1 or total < _PARALLEL_FROM:
        for batch in batches:
            yield from _read_batch(batch)
            done += len(batch)
            if progress:
                progress(done, total)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: set[Future[list[_Result]]] = set()
        queue = iter(batches)
        for batch in queue:  # keep a few batches in flight, not the whole export in memory
            pending.add(pool.submit(_read_batch, batch))
            if len(pending) >= 4 * workers:
                break
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                results = future.result()
                yield from results
                done += len(results)
                if progress:
                    progress(done, total)
                nxt = next(queue, None)
                if nxt is not None:
                    pending.add(pool.submit(_read_batch, nxt))


_OPEN_ZIPS: dict[str, zipfile.ZipFile] = {}


def _zip(path: str) -> zipfile.ZipFile:
    """An open export, kept while reading: its directory is read once, not once per file."""
    if path not in _OPEN_ZIPS:
        _OPEN_ZIPS[path] = zipfile.ZipFile(path)
    return _OPEN_ZIPS[path]


def _close_zips() -> None:
    for archive in _OPEN_ZIPS.values():
        archive.close()
    _OPEN_ZIPS.clear()


def _read_batch(batch: list[_Item]) -> list[_Result]:
    try:
        return [_read_one(item) for item in batch]
    finally:
        _close_zips()  # a batch is a few files: reopening per batch is cheap, and nothing lingers


def _read_one(item: _Item) -> _Result:
    """One file to a summary, or (name, reason) when it cannot be read."""
    from miler.adapters.files import read_activity, read_activity_bytes
    from miler.domain.efforts import best_efforts, recognise_mile_test

    try:
        if item.member is None:
            activity = read_activity(item.path)
        else:
            activity = read_activity_bytes(_zip(item.path).read(item.member), item.name)
    except ActivityFileError as exc:
        return item.name, exc.reason
    except (zipfile.BadZipFile, OSError) as exc:
        return item.name, f"cannot be read from the zip ({exc})"
    efforts = best_efforts(activity)  # no splits: the history has no use for them
    test = recognise_mile_test(activity, efforts)
    return RunSummary(item.name, activity.sport, activity.start_time, activity.local_date,
                      activity.headline_distance_m, activity.moving_s,
                      {k: e.elapsed_s for k, e in efforts.items()},
                      test.time_s if test else None, activity.warnings)



@contextmanager
def activity_files(paths: Iterable[str | Path]) -> Iterator[
        tuple[list[tuple[str, Callable[[], bytes]]], list[tuple[str, str]]]]:
    """Every activity file under ``paths`` as (name, read its bytes), and what was skipped:
    the walker ``scan_history`` uses, for importers that store what they read."""
    with tempfile.TemporaryDirectory(prefix="miler-import-") as scratch:
        items, skipped, _ = _gather(paths, Path(scratch))
        try:
            yield [(item.name, partial(_item_bytes, item)) for item in items], skipped
        finally:
            _close_zips()


def _item_bytes(item: _Item) -> bytes:
    return Path(item.path).read_bytes() if item.member is None \
        else _zip(item.path).read(item.member)
