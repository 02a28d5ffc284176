"""Uploads from the web app: check each file, keep it, import it (one transaction each, as
``training.import_upload``), then re-plan once if they re-set the paces.

Every file is checked before the importer sees it: its size, and its first bytes (sniffed by
``adapters.files``) must agree with its name. A file the importer refuses is not kept.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, Final

from miler.errors import ActivityFileError, InvalidInputError, NotFoundError, WorkLimitError
from miler.services.ports import Isolate, Storage
from miler.services.training import ImportedRun, ImportReport

__all__ = ["MAX_BULK_BYTES", "MAX_BULK_FILES", "MAX_FILES", "MAX_FILE_BYTES", "Outcome",
           "Upload", "check", "import_export", "import_uploads", "kept_file", "size_text"]

MAX_FILE_BYTES: Final = 16 * 1024 * 1024  # a marathon with 1 s records is about 2 MB of FIT
MAX_FILES: Final = 20
#: A bulk upload (files and export zips, imported in the background): all of it together,
#: as sent (compressed); the zips then unpack within adapters/files/walk.py's limits.
MAX_BULK_BYTES: Final = 2 * 1024 * 1024 * 1024
MAX_BULK_FILES: Final = 1000  # Starlette's own cap on the files of one form


@dataclass(frozen=True, slots=True)
class Upload:
    name: str  # as the browser sent it: shown, never used as a path
    data: bytes


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one file."""

    name: str
    ok: bool
    message: str
    activity_id: int | None = None
    matched_session: str | None = None
    summary: dict[str, Any] = field(default_factory=dict)


def size_text(n: int) -> str:
    """``2 GB``, ``16 MB``, ``63.8 KB``: sizes in messages."""
    if n >= 1 << 30:
        return f"{round(n / (1 << 30), 1):g} GB"
    if n >= 1 << 20:
        return f"{round(n / (1 << 20), 1):g} MB"
    return f"{round(n / 1024, 1):g} KB"


def check(upload: Upload) -> str:
    """The file's format, or InvalidInputError saying why it is refused."""
    from miler.adapters.files import activity_format, sniff

    if not upload.data:
        raise InvalidInputError("file", "must not be empty", upload.name)
    if len(upload.data) > MAX_FILE_BYTES:
        raise InvalidInputError("file", f"must be at most {size_text(MAX_FILE_BYTES)} (this "
                                f"one is over)", upload.name)
    found = sniff(upload.data)
    named = activity_format(upload.name)
    if found is None:
        raise InvalidInputError("file", "must be a FIT, GPX or TCX file (its content is "
                                "none of them)", upload.name)
    if named is not None and named != found:
        raise InvalidInputError("file", f"must be what its name says: the name says "
                                f"{named.upper()}, the content is {found.upper()}",
                                upload.name)
    return found


def _said(run: ImportedRun) -> str:
    from miler.domain.units import METERS_PER_MILE

    sport = {"running": "run"}.get(run.sport, run.sport)
    match = (f", matched to session {run.session_id}" if run.session_id
             else ", no open planned session that day")
    result = f"; kept as a {run.result.replace('_', ' ')} result" if run.result else ""
    return f"a {run.distance_m / METERS_PER_MILE:.2f} mi {sport} on {run.day}{match}{result}"


def _one(store: Storage, athlete: str, upload: Upload, data_dir: Path,
         now: datetime, isolate: Isolate | None) -> tuple[Outcome, ImportedRun | None]:
    from miler.adapters.files.keep import keep_upload
    from miler.services.training import import_upload

    try:
        keep = partial(keep_upload, data_dir, athlete, fmt=check(upload))
        run = import_upload(store, athlete, upload.name, upload.data, now=now, keep=keep,
                            isolate=isolate)
    except (InvalidInputError, WorkLimitError) as exc:
        return Outcome(upload.name, False, str(exc)), None
    except ActivityFileError as exc:
        return Outcome(upload.name, False, f"{upload.name}: {exc.reason}"), None
    if not run.new:
        return Outcome(upload.name, True, "already imported: nothing new", run.activity_id), None
    return Outcome(upload.name, True, _said(run), run.activity_id, run.session_id,
                   {"sport": run.sport, "distance_m": run.distance_m,
                    "best_mile_s": run.best_mile_s, "result": run.result}), run


def import_uploads(store: Storage, athlete: str, uploads: Sequence[Upload], *,
                   data_dir: Path, now: datetime,
                   isolate: Isolate | None = None) -> tuple[list[Outcome], str | None]:
    """Each upload's outcome, and why the plan was re-made (a time trial, a faster mile),
    if it was (``training.after_import``). With ``isolate`` (the web app's bounded worker) each file
    is read there: a file past its memory or time limit is refused, alone."""
    from miler.services.training import after_import

    if not uploads:
        raise InvalidInputError("files", "must include at least one file", 0)
    if len(uploads) > MAX_FILES:
        raise InvalidInputError("files", f"must be at most {MAX_FILES} at once", len(uploads))
    done = [_one(store, athlete, u, data_dir, now, isolate) for u in uploads]
    runs = [run for _, run in done if run is not None]
    replanned = after_import(store, athlete, runs, now)
    return [o for o, _ in done], None if replanned is None else replanned.reason


def import_export(store: Storage, athlete: str, folder: Path, *, now: datetime,
                  isolate: Isolate | None = None,
                  progress: Callable[[int, int], None] | None = None) -> ImportReport:
    """A bulk upload saved in ``folder`` (files, Strava or Garmin export zips), imported as
    ``miler import`` does: one transaction per file, each read in ``isolate`` (the bounded
    worker), then one re-plan if the runs re-set the paces. The athlete is added when unknown
    (local mode before onboarding). The report names files from inside ``folder``."""
    from dataclasses import replace

    from miler.services.progress import keep_progress_in
    from miler.services.training import after_import, import_files

    with store.transaction() as repo:
        try:
            repo.athlete(athlete)
        except NotFoundError:
            repo.add_athlete(athlete, {}, now)
            keep_progress_in(repo, athlete)
    report = import_files(store, athlete, [folder], now=now, progress=progress,
                          isolate=isolate)
    replanned = after_import(store, athlete, report.stored, now)
    inside = f"{folder}{os.sep}"
    return replace(report, replanned=replanned,
                   skipped=tuple((_inside(name, inside), why) for name, why in report.skipped),
                   stored=tuple(replace(r, name=_inside(r.name, inside)) for r in report.stored))


def _inside(name: str, folder: str) -> str:
    """``<folder>/3/export.zip!activities/1.fit.gz`` -> ``export.zip!activities/1.fit.gz``
    (each upload sits in a numbered folder of its own)."""
    if not name.startswith(folder):
        return name
    rest = name[len(folder):]
    number, sep, tail = rest.partition(os.sep)
    return tail if sep and number.isdigit() else rest


def kept_file(store: Storage, athlete: str, activity_id: int, data_dir: Path) -> Path:
    """The uploaded file of an activity, as it was sent. Only a file kept at
    ``<data_dir>/uploads/<athlete>/<sha256>.<ext>`` (its own hash) is ever handed out;
    any other stored path is "not kept" (NotFoundError)."""
    from miler.adapters.files.keep import kept_file as kept

    with store.transaction() as repo:
        found = repo.activity(athlete, activity_id)
    path = kept(data_dir, athlete, found.path, found.sha256)
    if path is None:
        raise NotFoundError(f"the file of activity {activity_id} is not kept")
    return path
