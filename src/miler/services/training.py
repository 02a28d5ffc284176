"""Storing what was run: watch files and logged runs into the athlete's history, each matched
to the planned session of its day.

Every file is one transaction: it is read and measured first (no database work), then its
activity, the session it completes and any test mile it holds are written together. A crash
or Ctrl-C leaves the database as it was before that file. The same file twice (by SHA-256)
is a no-op.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final

from miler.adapters.storage.repository import Repository, Store
from miler.domain.progress import RUN_KINDS, PlannedRun, Run, match_runs
from miler.errors import ActivityFileError

__all__ = ["ImportReport", "ImportedRun", "adapt", "import_activities", "local_day", "log_run"]

#: Test-only: a FIFO the import writes to inside its transaction, then waits on (see
#: tests/services/test_import_crash.py). Unset in normal use.
TEST_HOOK_ENV: Final = "MILER_TEST_IMPORT_HOOK"


@dataclass(frozen=True, slots=True)
class ImportedRun:
    name: str
    day: date
    sport: str
    distance_m: float
    best_mile_s: float | None
    session_id: str | None  # the planned session it completed
    result: str | None  # "test_mile", "time_trial" or "race" when one was recorded


@dataclass(frozen=True, slots=True)
class ImportReport:
    stored: tuple[ImportedRun, ...]
    duplicates: int
    skipped: tuple[tuple[str, str], ...]

    @property
    def results(self) -> tuple[ImportedRun, ...]:
        return tuple(r for r in self.stored if r.result)


def local_day(start: datetime | None, tz: str | None) -> date | None:
    """The runner's local date of a UTC start time."""
    if start is None:
        return None
    if tz:
        from zoneinfo import ZoneInfo

        return start.astimezone(ZoneInfo(tz)).date()
    return start.date()


def _test_hook() -> None:
    fifo = os.environ.get(TEST_HOOK_ENV)
    if fifo:
        with open(fifo, "w", encoding="ascii") as marker:
            marker.write("inside the transaction\n")
        with open(f"{fifo}.go", encoding="ascii") as wait:  # blocks until killed or told
            wait.read()


def _match(repo: Repository, name: str, run: Run) -> str | None:
    plan = repo.current_plan(name)
    if plan is None:
        return None
    open_ids = {s.session_id for s in repo.sessions(name, run.day, run.day)
                if s.status == "planned" and s.kind in RUN_KINDS}
    docs = [s for w in plan.doc["weeks"] for s in w["sessions"] if s["id"] in open_ids]
    moved = {s.session_id: s.day for s in repo.sessions(name, run.day, run.day)}
    planned = [PlannedRun.from_doc({**s, "date": moved[s["id"]].isoformat()}) for s in docs]
    return match_runs([run], planned).get(run.key)


def _result_kind(session_kind: str | None) -> str:
    return session_kind if session_kind in {"time_trial", "race"} else "test_mile"


def _store_one(repo: Repository, name: str, label: str, sha256: str | None,
               doc: Mapping[str, Any], day: date, now: datetime,
               mile_test_s: float | None, kind: str | None = None) -> ImportedRun:
    stored = repo.add_activity(name, day=day, doc=dict(doc), now=now, sha256=sha256,
                               path=label, kind=kind)
    run = Run.from_doc(str(stored.id), day, doc)
    session_id = _match(repo, name, run) if doc["sport"] in {"running", "multisport"} else None
    session_kind = None
    if session_id:
        session_kind = repo.mark_session(name, session_id, "done", activity_id=stored.id).kind
    result = None
    if mile_test_s is not None or session_kind in {"time_trial", "race"}:
        result = _result_kind(session_kind)
        mile = mile_test_s if mile_test_s is not None else run.best_mile_s
        if mile is not None:
            repo.add_result(name, day, result, 1609.344, mile, activity_id=stored.id)
        else:
            result = None
    _test_hook()
    return ImportedRun(label, day, doc["sport"], doc["distance_m"], run.best_mile_s,
                       session_id, result)


def import_activities(store: Store, name: str, paths: Iterable[str | Path], *,
                      now: datetime, tz: str | None = None,
                      progress: Callable[[int, int], None] | None = None) -> ImportReport:
    """Store every activity under ``paths`` for athlete ``name``; one transaction per file."""

    from miler.services.history import activity_files

    with store.transaction() as repo:
        repo.athlete(name)  # a clear error before any file is read
    with activity_files(paths) as (items, skipped):
        return _import_all(store, name, items, skipped, now, tz, progress)


def _import_all(store: Store, name: str, items: list[tuple[str, Callable[[], bytes]]],
                skipped: list[tuple[str, str]], now: datetime, tz: str | None,
                progress: Callable[[int, int], None] | None) -> ImportReport:
    from miler.adapters.files import read_activity_bytes
    from miler.services.analysis import activity_doc, analyze

    stored: list[ImportedRun] = []
    duplicates = 0
    for done, (label, read) in enumerate(items, start=1):
        data = read()
        sha256 = hashlib.sha256(data).hexdigest()
        with store.transaction() as repo:
            known = repo.has_file(name, sha256)
        if known:
            duplicates += 1
        else:
            try:
                found = analyze(read_activity_bytes(data, label))
            except ActivityFileError as exc:
                skipped.append((label, exc.reason))
                found = None
            day = None if found is None else (
                local_day(found.activity.start_time, tz) if tz else found.activity.local_date)
            if found is not None and day is None:
                skipped.append((label, "has no start time, so no day to put it on"))
            elif found is not None and day is not None:
                doc = activity_doc(found)
                test_s = found.mile_test.time_s if found.mile_test else None
                with store.transaction() as repo:
                    stored.append(_store_one(repo, name, label, sha256, doc, day, now, test_s))
        if progress:
            progress(done, len(items))
    return ImportReport(tuple(stored), duplicates, tuple(skipped))


def log_run(store: Store, name: str, day: date, kind: str, distance_m: float,
            time_s: float | None, now: datetime) -> ImportedRun:
    """A run without a file: stored like an import and matched the same way."""
    doc: dict[str, Any] = {
        "schema": "miler.activity/1", "source": "logged by hand", "sport": "running",
        "start_time": None, "distance_m": distance_m, "elapsed_s": time_s, "moving_s": time_s,
        "laps": [], "best_efforts": {}}
    is_mile = abs(distance_m - 1609.344) < 5
    test_s = time_s if kind in {"time_trial", "race"} and is_mile else None
    if is_mile and time_s:
        doc["best_efforts"] = {"mile": {"elapsed_s": time_s, "start_offset_s": 0.0}}
    with store.transaction() as repo:
        return _store_one(repo, name, "logged by hand", None, doc, day, now, test_s, kind)


def adapt(store: Store, name: str, runs: Iterable[ImportedRun], now: datetime) -> Any:
    """Re-plan when the new runs hold a time trial or a mile faster than the plan's fitness.

    Returns the new plan version, or None when nothing changes the paces."""
    from miler.domain.units import format_clock
    from miler.services.coaching import replan

    with store.transaction() as repo:
        plan = repo.current_plan(name)
    if plan is None:
        return None
    basis = plan.inputs.get("time_trial_s") or plan.doc["goal"].get("current_mile_s") \
        or plan.doc["athlete"].get("test_mile_s")
    trials = [(r.best_mile_s, r) for r in runs if r.result and r.best_mile_s]
    faster = [(r.best_mile_s, r) for r in runs
              if r.best_mile_s and (basis is None or r.best_mile_s < basis - 1)]
    found = min(trials or faster, default=None, key=lambda pair: pair[0])
    if found is None:
        return None
    mile_s, run = found
    what = "time trial" if trials else "a faster mile inside a run"
    reason = f"{what}: {format_clock(mile_s, 1)} on {run.day.isoformat()} re-sets the paces"
    return replan(store, name, mile_s=mile_s, reason=reason, now=now)
