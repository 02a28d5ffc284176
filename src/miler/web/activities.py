"""Uploads: check each file, read it with the importer, keep it, match it to the plan.

Every file is checked before the importer sees it: its size, and its first bytes (a FIT
header, a GPX or TCX root element, or gzip around one of them) must agree with its name.
A file is kept under ``<data dir>/uploads/<athlete>/`` by its SHA-256, then imported by
``services.training`` as ``miler import`` does (matched to the plan, test miles kept); the
name the browser sent is shown back but never used as a path. A file refused by the
importer is not kept. The same file twice is imported once.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePath
from typing import Any, Final

from miler.errors import InvalidInputError, NotFoundError

__all__ = [
    "MAX_FILES",
    "MAX_FILE_BYTES",
    "Outcome",
    "Upload",
    "check",
    "display_name",
    "import_uploads",
    "keep",
    "size_text",
    "sniff",
]

MAX_FILE_BYTES: Final = 16 * 1024 * 1024  # a marathon with 1 s records is about 2 MB of FIT
MAX_FILES: Final = 20
_GZIP: Final = b"\x1f\x8b"


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
    """``16 MB``, ``63.8 KB``: sizes in messages."""
    if n >= 1 << 20:
        return f"{round(n / (1 << 20), 1):g} MB"
    return f"{round(n / 1024, 1):g} KB"


def display_name(name: str | None) -> str:
    """The file's own name, without any folder a browser sent, at most 100 characters."""
    base = PurePath((name or "").replace("\\", "/")).name.strip()
    return (base or "unnamed file")[:100]


def _name_format(name: str) -> str | None:
    lower = name.lower().removesuffix(".gz")
    return next((fmt for fmt in ("fit", "gpx", "tcx") if lower.endswith("." + fmt)), None)


def sniff(data: bytes) -> str | None:
    """``fit``, ``gpx`` or ``tcx`` from the first bytes (through gzip), else None."""
    head = data[:4096]
    if head[:2] == _GZIP:
        try:
            head = zlib.decompressobj(wbits=31).decompress(data[:65536], 4096)
        except zlib.error:
            return None
    if len(head) >= 12 and head[8:12] == b".FIT":
        return "fit"
    text = head.lower()
    if b"<gpx" in text:
        return "gpx"
    if b"<trainingcenterdatabase" in text:
        return "tcx"
    return None


def check(upload: Upload) -> str:
    """The file's format, or InvalidInputError saying why it is refused."""
    if not upload.data:
        raise InvalidInputError("file", "must not be empty", upload.name)
    if len(upload.data) > MAX_FILE_BYTES:
        raise InvalidInputError("file", f"must be at most {size_text(MAX_FILE_BYTES)} (this "
                                f"one is over)", upload.name)
    found = sniff(upload.data)
    named = _name_format(upload.name)
    if found is None:
        raise InvalidInputError("file", "must be a FIT, GPX or TCX file (its content is "
                                "none of them)", upload.name)
    if named is not None and named != found:
        raise InvalidInputError("file", f"must be what its name says: the name says "
                                f"{named.upper()}, the content is {found.upper()}",
                                upload.name)
    return found


def keep(data_dir: Path, athlete: str, data: bytes, fmt: str) -> tuple[Path, bool]:
    """Write the file under the data directory by its hash; (its path, whether it is new)."""
    from miler.adapters.exports.atomic import write_atomic

    suffix = f".{fmt}.gz" if data[:2] == _GZIP else f".{fmt}"
    root = data_dir.resolve()
    target = (root / "uploads" / athlete / f"{hashlib.sha256(data).hexdigest()}{suffix}")
    if not target.resolve().is_relative_to(root):  # the name pattern already forbids it
        raise InvalidInputError("athlete", "must name a folder inside the data directory",
                                athlete)
    if target.exists():
        return target, False
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, data)
    return target, True


def _said(run: Any) -> str:
    from miler.domain.units import METERS_PER_MILE

    sport = {"running": "run"}.get(run.sport, run.sport)
    match = (f", matched to session {run.session_id}" if run.session_id
             else ", no open planned session that day")
    result = f"; kept as a {run.result.replace('_', ' ')} result" if run.result else ""
    return f"a {run.distance_m / METERS_PER_MILE:.2f} mi {sport} on {run.day}{match}{result}"


def _one(store: Any, athlete: str, upload: Upload, data_dir: Path, now: datetime,
         tz: str | None, runs: list[Any]) -> Outcome:
    """Check, keep and import one file through ``services.training.import_activities``."""
    from miler.services.training import import_activities

    try:
        path, new = keep(data_dir, athlete, upload.data, check(upload))
    except InvalidInputError as exc:
        return Outcome(upload.name, False, str(exc))
    try:
        report = import_activities(store, athlete, [path], now=now, tz=tz)
    finally:
        if new and not _stored(store, athlete, path):  # refused or failed: not kept
            path.unlink(missing_ok=True)
    if report.skipped:
        return Outcome(upload.name, False, f"{upload.name}: {report.skipped[0][1]}")
    found = _stored(store, athlete, path)
    if not report.stored:
        return Outcome(upload.name, True, "already imported: nothing new", found)
    run = report.stored[0]
    runs.append(run)
    return Outcome(upload.name, True, _said(run), found, run.session_id,
                   {"sport": run.sport, "distance_m": run.distance_m,
                    "best_mile_s": run.best_mile_s, "result": run.result})


def _stored(store: Any, athlete: str, path: Path) -> int | None:
    """The id of the activity imported from ``path``, if any."""
    with store.transaction() as repo:
        return next((a.id for a in repo.activities(athlete) if a.path == str(path)), None)


def import_uploads(store: Any, athlete: str, uploads: Sequence[Upload], *, data_dir: Path,
                   now: datetime, tz: str | None) -> tuple[list[Outcome], str | None]:
    """Each upload's outcome, and why the plan was re-made (a time trial, a faster mile),
    if it was (``services.training.adapt``)."""
    from miler.services.training import adapt

    if not uploads:
        raise InvalidInputError("files", "must include at least one file", 0)
    if len(uploads) > MAX_FILES:
        raise InvalidInputError("files", f"must be at most {MAX_FILES} at once", len(uploads))
    with store.transaction() as repo:
        try:
            repo.athlete(athlete)
        except NotFoundError:  # local mode before onboarding: runs can come first
            repo.add_athlete(athlete, {}, now)
    runs: list[Any] = []
    outcomes = [_one(store, athlete, u, data_dir, now, tz, runs) for u in uploads]
    replanned = adapt(store, athlete, runs, now) if runs else None
    return outcomes, None if replanned is None else replanned.reason
