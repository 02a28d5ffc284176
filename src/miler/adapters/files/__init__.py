"""Read a watch file (FIT, GPX, TCX, or any of them gzipped) into an ``Activity``.

``read_activity`` is the one entry point: it picks the format from the name (and, for a name
that says nothing, from the first bytes), wraps every parser failure in an
``ActivityFileError`` naming the file and the reason, and lets the caller choose: lenient
(default) salvages what is valid and lists what was dropped in ``Activity.warnings``; strict
refuses any damage with a ``CorruptFileError``.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Final

from miler.errors import ActivityFileError, CorruptFileError, InvalidInputError

if TYPE_CHECKING:  # the readers load it (and numpy): walking the files needs neither
    from miler.domain.activity import Activity

__all__ = ["ACTIVITY_SUFFIXES", "activity_format", "read_activity", "read_activity_bytes",
           "sniff"]

ACTIVITY_SUFFIXES: Final = (".fit", ".gpx", ".tcx", ".fit.gz", ".gpx.gz", ".tcx.gz")
#: A gzipped watch file larger than this once unpacked is refused (a zip bomb, not a run).
MAX_UNPACKED_BYTES: Final = 64 * 1024 * 1024
_GZIP: Final = b"\x1f\x8b"


def activity_format(name: str) -> str | None:
    """``fit``, ``gpx`` or ``tcx`` from a file name (``.gz`` allowed), else None."""
    lower = name.lower().removesuffix(".gz")
    for fmt in ("fit", "gpx", "tcx"):
        if lower.endswith("." + fmt):
            return fmt
    return None


def read_activity(path: str | Path, strict: bool = False) -> Activity:
    """Read one activity file; see the module docstring for strict and lenient."""
    name = str(path)
    try:
        if Path(path).stat().st_size > MAX_UNPACKED_BYTES:
            raise ActivityFileError(name, f"is larger than {MAX_UNPACKED_BYTES >> 20} MiB")
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ActivityFileError(name, "no such file") from None
    except IsADirectoryError:
        raise ActivityFileError(name, "is a folder, not a file") from None
    except OSError as exc:
        raise ActivityFileError(name, f"cannot be read ({exc.strerror or exc})") from exc
    return read_activity_bytes(data, name, strict)


def read_activity_bytes(data: bytes, name: str, strict: bool = False) -> Activity:
    """Read an activity from bytes; ``name`` chooses the format and names it in errors."""
    if name.lower().endswith(".gz") or data[:2] == _GZIP:
        data = _gunzip(data, name)
    if len(data) > MAX_UNPACKED_BYTES:
        raise ActivityFileError(name, f"is larger than {MAX_UNPACKED_BYTES >> 20} MiB")
    fmt = activity_format(name) or sniff(data)
    if fmt is None:
        raise ActivityFileError(name, "not a FIT, GPX or TCX file")
    try:
        if fmt == "fit":
            from miler.adapters.files.fit import read_fit

            return read_fit(data, name, strict)
        from miler.adapters.files.xml import read_gpx, read_tcx

        return read_gpx(data, name, strict) if fmt == "gpx" else read_tcx(data, name, strict)
    except InvalidInputError as exc:  # what no run can be: too many samples, too far
        raise ActivityFileError(name, f"{exc.field} {exc.rule}, got {exc.value}") from exc


def _gunzip(data: bytes, name: str) -> bytes:
    unpacker = zlib.decompressobj(wbits=31)
    try:
        out = unpacker.decompress(data, MAX_UNPACKED_BYTES)
    except zlib.error as exc:
        raise CorruptFileError(name, f"not a readable gzip file ({exc})") from exc
    if unpacker.unconsumed_tail:
        raise ActivityFileError(name, f"unpacks to more than {MAX_UNPACKED_BYTES >> 20} MiB")
    if not unpacker.eof:
        raise CorruptFileError(name, "the gzip file is cut short")
    return out


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
