"""Storing what was run: watch files, uploads and logged runs into the athlete's history, each
matched to the planned session of its day; then re-planning when they re-set the paces.

Every file is one transaction: it is read and measured first (no database work), then its
activity, the session it completes and any test mile it holds are written together. A crash
or Ctrl-C leaves the database as it was before that file. The same file twice (by SHA-256)
is a no-op that answers with the activity already stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

from miler.domain.adapting import EstimatedMile, NewMile, is_mile, replan_trigger, result_kind
from miler.domain.plan_view import SessionView
from miler.domain.progress import PlannedRun, Run, match_runs
from miler.domain.reps import OFF_TARGET_NOTE, RepScore, off_target, score_session, scores_doc
from miler.domain.sports import RUN_SPORTS
from miler.domain.units import METERS_PER_MILE
from miler.domain.workouts import is_run
from miler.errors import (
    ActivityFileError,
    ConflictError,
    InvalidInputError,
    NotFoundError,
    WorkLimitError,
)
from miler.services.ports import (
    FileRepository,
    Isolate,
    Repository,
    Storage,
    StoredActivity,
    StoredPlan,
    StoredSession,
)

if TYPE_CHECKING:
    from miler.adapters.files.strava_csv import Catalogue, StravaActivity
    from miler.adapters.files.walk import FileItem, Found, ReadAhead, Skipped
    from miler.services.history import HistorySummary

__all__ = ["ActivityView", "FilesAhead", "Hook", "ImportReport", "ImportedRun", "activities",
           "activity", "adapt", "after_import", "import_files", "import_history",
           "import_upload", "log_run", "matched_session"]

#: Called inside a file's transaction once everything is written, before the commit: tests
#: use it to kill the process there (tests/services/test_import_crash.py).
Hook = Callable[[], None]
_R = TypeVar("_R", bound=FileRepository)


@dataclass(frozen=True, slots=True)
class ImportedRun:
    name: str
    day: date
    sport: str
    distance_m: float
    best_mile_s: float | None
    session_id: str | None  # the planned session it completed
    result: str | None  # "test_mile", "time_trial" or "race" when one was recorded
    activity_id: int = 0  # the stored activity
    new: bool = True  # False: the same file was stored before (nothing was written)
    title: str = ""  # its own name (Strava's activities.csv), if known
    manual: bool = False  # entered by hand on Strava: no file


@dataclass(frozen=True, slots=True)
class ImportReport:
    stored: tuple[ImportedRun, ...]
    duplicates: int
    skipped: tuple[tuple[str, str], ...]
    replanned: StoredPlan | None = None
    athlete: str = ""

    @property
    def results(self) -> tuple[ImportedRun, ...]:
        return tuple(r for r in self.stored if r.result)


def matched_session(repo: FileRepository, name: str, run: Run,
           open_only: bool = True) -> SessionView | None:
    """The planned running session of the run's day that it ran (``open_only``: one still
    planned), or None."""
    that_day = repo.sessions(name, run.day, run.day)  # of the current plan
    ids = {s.session_id for s in that_day
           if (s.status == "planned" or not open_only) and is_run(s.kind)}
    plan = repo.current_plan(name) if ids else None  # the whole plan only when it can match
    if plan is None:
        return None
    moved = {s.session_id: s.day for s in that_day}
    candidates = [s for s in plan.plan.sessions if s.id in ids]
    planned = [PlannedRun.from_session(s, moved[s.id]) for s in candidates]
    chosen = match_runs([run], planned).get(run.key)
    return next((s for s in candidates if s.id == chosen), None)


def _scored(doc: dict[str, Any], session: SessionView | None) -> tuple[RepScore, ...]:
    """The reps of ``doc`` scored against the session's, kept in the document (``planned_session``
    and ``rep_scores``) so the coaching can read them later."""
    scores = score_session(doc, session) if session is not None else ()
    doc["planned_session"] = None if session is None else {
        "id": session.id, "title": session.title, "off_target": off_target(scores)}
    doc["rep_scores"] = scores_doc(scores)
    return scores


@dataclass(frozen=True, slots=True)
class _Found:
    """A file read and measured, before any database work."""

    label: str
    sha256: str | None
    doc: Mapping[str, Any]
    start: datetime | None
    local_date: date | None
    mile_test_s: float | None
    kind: str | None = None
    path: str | None = None


def _store(repo: FileRepository, name: str, found: _Found, day: date,
           now: datetime) -> ImportedRun:
    doc = dict(found.doc)
    running = doc["sport"] in RUN_SPORTS
    session = matched_session(repo, name, Run.from_doc("new", day, doc)) if running else None
    scores = _scored(doc, session)
    stored = repo.add_activity(name, day=day, doc=doc, now=now, sha256=found.sha256,
                               path=found.path or found.label, kind=found.kind)
    run = Run.from_doc(str(stored.id), day, doc)
    session_id = session.id if session is not None else None
    session_kind = None
    if session_id:
        note = OFF_TARGET_NOTE if off_target(scores) else None
        session_kind = repo.mark_session(name, session_id, "done", activity_id=stored.id,
                                         note=note).kind
    result = None
    if found.mile_test_s is not None or session_kind in {"time_trial", "race"}:
        mile = found.mile_test_s if found.mile_test_s is not None else run.best_mile_s
        if mile is not None:
            result = result_kind(session_kind)
            repo.add_result(name, day, result, METERS_PER_MILE, mile, activity_id=stored.id)
    return ImportedRun(found.label, day, doc["sport"], doc["distance_m"], run.best_mile_s,
                       session_id, result, stored.id, title=doc.get("name") or "",
                       manual=bool(doc.get("manual")))


def _known(label: str, stored: StoredActivity) -> ImportedRun:
    return ImportedRun(label, stored.day, stored.sport, stored.distance_m, stored.best_mile_s,
                       None, None, stored.id, new=False, title=stored.doc.get("name") or "",
                       manual=bool(stored.doc.get("manual")))


def _read(label: str, data: bytes, path: str | None = None,
          sha256: str | None = None) -> _Found:
    """``data`` read and measured (``sha256``: its digest, when worked out already)."""
    from miler.adapters.files import read_activity_bytes
    from miler.domain.profile import profile
    from miler.services.analysis import activity_doc, analyze
    from miler.services.history import NO_DAY

    activity = read_activity_bytes(data, label)
    if activity.start_time is None:  # no day to store it on: not measured
        raise ActivityFileError(label, NO_DAY)
    found = analyze(activity)
    doc = activity_doc(found)
    shape = profile(found.activity)
    if shape is not None:  # the activity page's pace and heart-rate charts
        doc["profile"] = {"distance_m": list(shape.distance_m),
                          "pace_s_per_mile": list(shape.pace_s_per_mile),
                          "heart_rate": list(shape.heart_rate)}
    return _Found(label, sha256 or hashlib.sha256(data).hexdigest(), doc,
                  found.activity.start_time, found.activity.local_date,
                  found.mile_test.time_s if found.mile_test else None, path=path)


def with_row(found: _Found, row: StravaActivity | None) -> _Found:
    """A file's reading with its Strava catalogue row: its name, and its type as the sport
    (the runner's word beats a guess from the file's pace)."""
    if row is None:
        return found
    from dataclasses import replace

    from miler.adapters.files.xml import GUESSED_SPORT

    doc = dict(found.doc, name=row.name, sport=row.sport, strava_type=row.type)
    doc["warnings"] = [w for w in doc.get("warnings", []) if not w.startswith(GUESSED_SPORT)]
    if row.sport not in RUN_SPORTS:  # a hike's fast mile is no running mile
        doc.update(best_efforts={}, mile_test=None)
        return replace(found, doc=doc, mile_test_s=None)
    return replace(found, doc=doc)


def manual_found(row: StravaActivity) -> _Found:
    """An activity entered by hand on Strava, from its catalogue row. Its identity is the
    row's activity id, so importing the export again adds nothing."""
    from miler.domain.adapting import is_mile

    time_s = row.moving_s or row.elapsed_s
    doc: dict[str, Any] = {
        "schema": "miler.activity/1", "source": "manual (Strava activities.csv)",
        "sport": row.sport, "start_time": row.start_time.isoformat().replace("+00:00", "Z"),
        "distance_m": row.distance_m, "elapsed_s": row.elapsed_s, "moving_s": time_s,
        "laps": [], "best_efforts": {}, "name": row.name, "strava_type": row.type,
        "manual": True}
    if is_mile(row.distance_m) and time_s and row.sport == "running":
        doc["best_efforts"] = {"mile": {"elapsed_s": time_s, "start_offset_s": 0.0}}
    key = hashlib.sha256(f"strava-activity:{row.activity_id}:{row.start_time}".encode())
    return _Found(f"activities.csv: {row.name}", key.hexdigest(), doc, row.start_time,
                  row.start_time.date(), None, "manual")


def _tz_of(repo: FileRepository, name: str) -> str | None:
    tz: str | None = repo.athlete(name).profile.get("tz")
    return tz


def _store_file(repo: FileRepository, name: str, found: _Found, now: datetime,
                hook: Hook | None,
                tz_of: Callable[[FileRepository, str], str | None] = _tz_of) -> ImportedRun:
    """One file in the caller's transaction; ActivityFileError when it has no day.
    ``tz_of``: the athlete's time zone (by default read in this transaction)."""
    from miler.timezones import local_day

    known = repo.activity_of_file(name, found.sha256) if found.sha256 else None
    if known is not None:
        return _known(found.label, known)
    tz = tz_of(repo, name)
    day = local_day(found.start, tz) if tz else found.local_date
    if day is None:
        from miler.services.history import NO_DAY

        raise ActivityFileError(found.label, NO_DAY)
    run = _store(repo, name, found, day, now)
    if hook is not None:
        hook()
    return run


def _store_once(transaction: Callable[[], AbstractContextManager[_R]],
                write: Callable[[_R], ImportedRun]) -> ImportedRun:
    """``write`` in one ``transaction``. When it is refused (a unique rule: the same file
    stored by a concurrent import, or the same new athlete; an import's transaction that
    finds the athlete's data changed by someone else), nothing of it was kept: run it once
    more, and it finds what the other stored ("already imported")."""
    try:
        with transaction() as repo:
            return write(repo)
    except ConflictError:
        with transaction() as repo:
            return write(repo)


class FilesAhead:
    """The files under ``paths`` for a stored import, found, and read from now on by the
    workers (``walk.ReadAhead``), so that they read while the caller loads the database
    layer and finds the athlete: hand it to :func:`import_files`. ``known``: the digests of
    files stored already, when the caller could tell them early (``readers.stored_files``):
    they are hashed, not measured, from the first batch. A context manager: its end drops
    what was not read."""

    def __init__(self, paths: Iterable[str | Path], workers: int | None = None,
                 known: Collection[str] | None = None) -> None:
        from miler.adapters.files.walk import ReadAhead, catalogue, walk
        from miler.services.readers import WORKER_IMPORTS

        reading = partial(_read_unless_known, _known_blob(known or ()))
        with ExitStack() as stack:
            self.found: Found = stack.enter_context(walk(paths))
            self.rows: Catalogue = catalogue(self.found)
            self.reads: ReadAhead[_Found | _Stored] = stack.enter_context(ReadAhead(
                self.found.items, reading, workers=workers,
                preload=WORKER_IMPORTS[__name__]))
            self._stack = stack.pop_all()

    def close(self) -> None:
        self._stack.close()

    def __enter__(self) -> FilesAhead:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def import_files(store: Storage, name: str, paths: Iterable[str | Path], *, now: datetime,
                 progress: Callable[[int, int], None] | None = None,
                 hook: Hook | None = None, isolate: Isolate | None = None,
                 workers: int | None = None, ahead: FilesAhead | None = None) -> ImportReport:
    """Every activity under ``paths`` for athlete ``name``, one transaction per file, in the
    files' order. The files are read and measured on every core (``workers`` processes, the
    bounded ones of ``walk.read_all``) while this process stores them; with ``isolate`` (the
    web app's bounded worker) each file is read there instead, one at a time. The files'
    transactions are the storage's import ones (``Storage.importing``): what they read of
    the athlete is read once, and read again only after someone else writes it. With
    ``ahead`` (``paths`` found and being read already) ``paths`` and ``workers`` are its."""
    from miler.adapters.files.walk import catalogue, walk

    stored: list[ImportedRun] = []
    # a clear error before any file is read (an unknown athlete), unless read ahead
    with store.importing(name) as files, ExitStack() as stack:
        with files.transaction() as repo:
            # the time zone the files' days are in, and the files stored already: read once
            tz = _tz_of(repo, name)
            known = _known_blob(repo.known_files(name))
        write = partial(_store_file, name=name, now=now, hook=hook, tz_of=lambda *_: tz)
        if ahead is None:
            found = stack.enter_context(walk(paths))
            rows = catalogue(found)
            reads = _read_items(found.items, isolate, workers, progress, known)
        else:  # the batches not handed out yet skip what is stored
            ahead.reads.reading_with(partial(_read_unless_known, known))
            found, rows, reads = ahead.found, ahead.rows, ahead.reads.results(progress)
        skipped = list(found.skipped) + rows.skipped
        for row in rows.manual:
            stored.append(_store_once(files.transaction,
                                      partial(write, found=manual_found(row))))
        for read in reads:
            if isinstance(read, _Stored):
                with files.transaction() as repo:
                    again = repo.activity_of_file(name, read.sha256)
                if again is not None:
                    stored.append(_known(read.label, again))
                    continue
                read = _reread(found.items, read.label)  # stored no more: a restore since
            if isinstance(read, tuple):
                skipped.append(read)
                continue
            try:
                stored.append(_store_once(files.transaction, partial(
                    write, found=with_row(read, rows.row_of(read.label)))))
            except ActivityFileError as exc:
                skipped.append((read.label, exc.reason))
    new = [r for r in stored if r.new]
    return ImportReport(tuple(new), len(stored) - len(new), tuple(skipped), athlete=name)


def _read_items(items: list[FileItem], isolate: Isolate | None, workers: int | None,
                progress: Callable[[int, int], None] | None,
                known: bytes) -> Iterator[_Found | _Stored | Skipped]:
    """Each item read and measured (``_read_or_skip``) unless it is ``known``
    (``_read_unless_known``), in order."""
    from miler.adapters.files.walk import Archives, read_all
    from miler.services.readers import WORKER_IMPORTS

    if isolate is None:  # the walk's own bounded workers
        reads: Iterator[_Found | _Stored | Skipped] = read_all(
            items, partial(_read_unless_known, known), workers=workers, progress=progress,
            preload=WORKER_IMPORTS[__name__])
        yield from reads
        return
    with Archives() as archives:
        for done, item in enumerate(items, start=1):
            try:
                data = archives.read(item)
                seen = _stored_or_digest(known, item.name, data)
                yield seen if isinstance(seen, _Stored) \
                    else isolate(item.name, _read, item.name, data, None, seen)
            except (ActivityFileError, WorkLimitError) as exc:
                yield item.name, exc.reason
            except OSError as exc:
                yield item.name, f"cannot be read ({exc})"
            if progress:
                progress(done, len(items))


def _reread(items: list[FileItem], label: str) -> _Found | Skipped:
    """The item ``label`` read again here, and measured."""
    from zipfile import BadZipFile

    from miler.adapters.files.walk import Archives

    item = next(i for i in items if i.name == label)
    try:
        with Archives() as archives:
            data = archives.read(item)
    except (BadZipFile, OSError) as exc:
        return label, f"cannot be read ({exc})"
    return _read_or_skip(label, data)


def _read_or_skip(label: str, data: bytes, sha256: str | None = None) -> _Found | Skipped:
    """``_read``, or (label, why) when the file cannot be read. Runs in a worker."""
    try:
        return _read(label, data, sha256=sha256)
    except ActivityFileError as exc:
        return label, exc.reason


@dataclass(frozen=True, slots=True)
class _Stored:
    """A file whose SHA-256 is among those stored for the athlete: not measured again."""

    label: str
    sha256: str


#: At most this many stored files' digests go with each batch to the workers (2 MiB): past
#: it, every file is measured and the stored ones found by the importing process, as before.
MAX_KNOWN: Final = 65536


def _known_blob(known: Collection[str]) -> bytes:
    """The digests of ``known`` (hex SHA-256s), sorted, 32 bytes each: what a worker is
    handed with each batch (a list of strings would cost a pickling each time); nothing
    past ``MAX_KNOWN``."""
    if len(known) > MAX_KNOWN:
        return b""
    return b"".join(sorted(bytes.fromhex(h) for h in known if len(h) == 64))


@lru_cache(maxsize=1)
def _digests(blob: bytes) -> frozenset[bytes]:
    return frozenset(blob[k:k + 32] for k in range(0, len(blob), 32))


def _read_unless_known(known: bytes, label: str, data: bytes) -> _Found | _Stored | Skipped:
    """``_read_or_skip``, unless the file's SHA-256 is one of ``known`` (``_known_blob``):
    then only that it is stored (a history imported again is hashed, not measured). Runs in
    a worker."""
    seen = _stored_or_digest(known, label, data)
    return seen if isinstance(seen, _Stored) else _read_or_skip(label, data, seen)


def _stored_or_digest(known: bytes, label: str, data: bytes) -> _Stored | str:
    """``_Stored`` when the SHA-256 of ``data`` is one of ``known``, else that digest (hex),
    for the reading to keep."""
    digest = hashlib.sha256(data).digest()
    return _Stored(label, digest.hex()) if digest in _digests(known) else digest.hex()


def import_upload(store: Storage, name: str, label: str, data: bytes, *, now: datetime,
                  keep: Callable[[bytes], tuple[Path, bool]] | None = None,
                  hook: Hook | None = None, isolate: Isolate | None = None) -> ImportedRun:
    """One uploaded file, in one transaction: read, optionally kept on disk by ``keep``
    (its path, whether it is new), stored and matched. The athlete is added when unknown
    (local mode before onboarding: runs can come first). Returns the stored activity's id;
    the same file again answers with the activity stored before. With ``isolate`` the file
    is read there (the web app's bounded worker), not in this process."""
    found = isolate(label, _read, label, data) if isolate else _read(label, data)
    path, new_file = keep(data) if keep is not None else (None, False)
    def write(repo: Repository) -> ImportedRun:
        try:
            repo.athlete(name)
        except NotFoundError:
            try:
                repo.add_athlete(name, {}, now)
            except InvalidInputError:  # a concurrent first upload added them a moment ago
                repo.athlete(name)
        return _store_file(repo, name, _with_path(found, path), now, hook)

    try:
        run = _store_once(store.transaction, write)
    except BaseException:
        if path is not None and new_file:
            path.unlink(missing_ok=True)  # refused or failed: not kept
        raise
    return run


def _with_path(found: _Found, path: Path | None) -> _Found:
    from dataclasses import replace

    return found if path is None else replace(found, path=str(path))


def log_run(store: Storage, name: str | None, day: date, kind: str, distance_m: float,
            time_s: float | None, now: datetime) -> ImportedRun:
    """A run without a file for ``name`` (None: the only athlete): stored like an import and
    matched the same way."""
    from miler.services.coaching import the_athlete_in
    from miler.services.progress import keep_progress_in

    doc: dict[str, Any] = {
        "schema": "miler.activity/1", "source": "logged by hand", "sport": "running",
        "start_time": None, "distance_m": distance_m, "elapsed_s": time_s, "moving_s": time_s,
        "laps": [], "best_efforts": {}}
    mile = is_mile(distance_m)
    test_s = time_s if kind in {"time_trial", "race"} and mile else None
    if mile and time_s:
        doc["best_efforts"] = {"mile": {"elapsed_s": time_s, "start_offset_s": 0.0}}
    found = _Found("logged by hand", None, doc, None, day, test_s, kind)
    with store.transaction() as repo:
        name = the_athlete_in(repo, name)
        run = _store(repo, name, found, day, now)
        keep_progress_in(repo, name)
        return run


def after_import(store: Storage, name: str, runs: Sequence[ImportedRun],
                 now: datetime) -> StoredPlan | None:
    """What follows storing ``runs`` (none: nothing): a re-plan when they say so, and the
    athlete's progress kept for their data as it then stands, in one transaction
    (:func:`adapt`): an import keeps it once, as it ends, not once a file."""
    if not runs:
        return None
    return adapt(store, name, runs, now)


def adapt(store: Storage, name: str, runs: Iterable[ImportedRun],
          now: datetime) -> StoredPlan | None:
    """Re-plan when the new runs hold a time trial, when the fitness estimate from the last
    ``RECENT_WEEKS`` is surely faster than the plan's fitness, or when they hold a faster
    mile (``domain.adapting.replan_trigger``); then keep the athlete's progress, all in one
    transaction. Returns the new plan version, or None when nothing changes."""
    from miler.services.progress import keep_progress_in

    with store.transaction() as repo:
        new_plan = _replanned(repo, name, runs, now)
        keep_progress_in(repo, name)
        return new_plan


def _replanned(repo: Repository, name: str, runs: Iterable[ImportedRun],
               now: datetime) -> StoredPlan | None:
    from miler.services.coaching import replan_in

    miles = [NewMile(r.best_mile_s, r.day, bool(r.result)) for r in runs if r.best_mile_s]
    plan = repo.current_plan(name)
    if plan is None:
        return None
    basis = plan.inputs.get("time_trial_s") or plan.plan.goal.current_mile_s \
        or plan.plan.test_mile_s
    trigger = replan_trigger(basis, miles, today=now.date(), since=plan.created_at.date(),
                             estimate=_estimated(repo, name, now.date()),
                             recorded=[r.day for r in repo.results(name)])
    if trigger is None:
        return None
    return replan_in(repo, name, mile_s=trigger.mile_s, reason=trigger.reason, now=now)


def _estimated(repo: Repository, name: str, today: date) -> EstimatedMile | None:
    """The fitness estimate from ``name``'s runs of the last ``RECENT_WEEKS`` (None: not
    enough hard running)."""
    from miler.errors import NotEnoughDataError
    from miler.services.fitness import fitness_in

    try:
        found = fitness_in(repo, name, today)
    except NotEnoughDataError:
        return None
    return EstimatedMile(found.mile_s, *found.interval_80, max(e.day for e in found.used),
                         today)


def activities(store: Storage, name: str) -> tuple[list[StoredActivity], dict[int, str]]:
    """The athlete's activities, oldest first, with the session each completed (none before
    the athlete is stored)."""
    with store.transaction() as repo:
        try:
            found = repo.activities(name)
        except NotFoundError:
            return [], {}
        matched = {s.activity_id: s.session_id for s in repo.sessions(name)
                   if s.activity_id is not None}
    return found, matched


@dataclass(frozen=True, slots=True)
class ActivityView:
    activity: StoredActivity
    plan: StoredPlan | None
    sessions: list[StoredSession] = field(default_factory=list)


def activity(store: Storage, name: str, activity_id: int) -> ActivityView:
    """One stored activity with the current plan and its sessions (to show what it ran)."""
    with store.transaction() as repo:
        found = repo.activity(name, activity_id)
        plan = repo.current_plan(name)
        return ActivityView(found, plan, repo.sessions(name) if plan else [])


def import_history(store: Storage, name: str | None, paths: Iterable[str | Path], *,
                   now: datetime, progress: Callable[[int, int], None] | None = None,
                   ahead: FilesAhead | None = None) -> ImportReport | HistorySummary:
    """``miler import``: store the runs for ``name`` (or the only athlete), then re-plan when
    they hold a time trial or a faster mile. With no athlete named and none stored, a first
    look at a history needs no setup: it is only read and summarised (a
    ``HistorySummary``), nothing is stored (what ``ahead`` read is dropped)."""
    from miler.services.coaching import the_athlete
    from miler.services.history import scan_history

    if name is None:
        with store.transaction() as repo:
            if not repo.athletes():
                if ahead is not None:
                    ahead.close()
                return scan_history(paths, progress=progress)
    from dataclasses import replace

    report = import_files(store, the_athlete(store, name), paths, now=now, progress=progress,
                          ahead=ahead)
    return replace(report, replanned=after_import(store, report.athlete, report.stored, now))
