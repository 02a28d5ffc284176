"""Uploads: check each file, read it with the importer, keep it, match it to the plan.

Every file is checked before the importer sees it: its size, and its first bytes (a FIT
header, a GPX or TCX root element, or gzip around one of them) must agree with its name.
A file is kept under ``<data dir>/uploads/<athlete>/`` by its SHA-256; the name the browser
sent is shown back but never used as a path. The same file twice is imported once.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path, PurePath
from typing import Any, Final

from miler.errors import ActivityFileError, InvalidInputError

__all__ = [
    "MAX_FILES",
    "MAX_FILE_BYTES",
    "ImportFunction",
    "Outcome",
    "Upload",
    "display_name",
    "import_uploads",
    "read_upload",
    "size_text",
    "sniff",
]

MAX_FILE_BYTES: Final = 16 * 1024 * 1024  # a marathon with 1 s records is about 2 MB of FIT
MAX_FILES: Final = 20
_GZIP: Final = b"\x1f\x8b"

ImportFunction = Callable[[bytes, str], dict[str, Any]]


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


def read_upload(data: bytes, name: str) -> dict[str, Any]:
    """The importer: bytes -> the ``miler.activity/1`` document (lenient reading)."""
    from miler.adapters.files import read_activity_bytes
    from miler.cli.render.activity import activity_doc  # moves to services with issue 6
    from miler.services.analysis import analyze

    return activity_doc(analyze(read_activity_bytes(data, name)))


def local_day(doc: Mapping[str, Any], tz: Any, fallback: date) -> date:
    """The runner's date of the activity (its start in ``tz``), else ``fallback``."""
    start = doc.get("start_time")
    if not start:
        return fallback
    moment = datetime.fromisoformat(str(start).replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(tz).date()


def _summary(doc: Mapping[str, Any]) -> dict[str, Any]:
    mile = doc.get("best_efforts", {}).get("mile")
    return {"sport": doc.get("sport"), "distance_m": doc.get("distance_m"),
            "elapsed_s": doc.get("elapsed_s"),
            "best_mile_s": mile["elapsed_s"] if mile else None}


def _said(doc: Mapping[str, Any], day: date, matched: str | None) -> str:
    from miler.domain.units import METERS_PER_MILE

    sport = {"running": "run"}.get(str(doc.get("sport")), str(doc.get("sport", "activity")))
    miles = float(doc.get("distance_m") or 0) / METERS_PER_MILE
    match = f", matched to session {matched}" if matched else ", no planned session that day"
    return f"a {miles:.2f} mi {sport} on {day.isoformat()}{match}"


@dataclass(frozen=True, slots=True)
class Importer:
    """One upload batch for one athlete, inside one transaction."""

    repo: Any
    athlete: str
    data_dir: Path
    read: ImportFunction
    now: datetime
    tz: Any
    match: Callable[[Any, str, int, date, Mapping[str, Any]], str | None]

    def one(self, upload: Upload) -> Outcome:
        try:
            fmt = check(upload)
            sha = hashlib.sha256(upload.data).hexdigest()
            if self.repo.has_file(self.athlete, sha):
                return Outcome(upload.name, True, "already imported: nothing new")
            doc = self.read(upload.data, upload.name)
        except (InvalidInputError, ActivityFileError) as exc:
            return Outcome(upload.name, False, str(exc))
        path = self._keep(upload.data, sha, fmt)
        day = local_day(doc, self.tz, self.now.astimezone(self.tz).date())
        stored = self.repo.add_activity(self.athlete, day=day, doc=doc, now=self.now,
                                        sha256=sha, path=path)
        matched = self.match(self.repo, self.athlete, stored.id, day, doc)
        return Outcome(upload.name, True, _said(doc, day, matched), stored.id, matched,
                       _summary(doc))

    def _keep(self, data: bytes, sha: str, fmt: str) -> str:
        """Write the file under the data directory; returns its path relative to it."""
        from miler.adapters.exports.atomic import write_atomic

        suffix = f".{fmt}.gz" if data[:2] == _GZIP else f".{fmt}"
        relative = Path("uploads") / self.athlete / f"{sha}{suffix}"
        target = (self.data_dir / relative).resolve()
        if not target.is_relative_to(self.data_dir.resolve()):  # the name pattern forbids it
            raise InvalidInputError("athlete", "must name a folder inside the data directory",
                                    self.athlete)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
        return relative.as_posix()


def import_uploads(importer: Importer, uploads: Sequence[Upload]) -> list[Outcome]:
    if len(uploads) > MAX_FILES:
        raise InvalidInputError("files", f"must be at most {MAX_FILES} at once", len(uploads))
    if not uploads:
        raise InvalidInputError("files", "must include at least one file", 0)
    return [importer.one(upload) for upload in uploads]
