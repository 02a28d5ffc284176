"""Keeping an uploaded file: under ``<data dir>/uploads/<athlete>/`` by its SHA-256, written
whole or not at all. The name the browser sent is never used as a path, and a stored path is
only ever read back when it is exactly that place (``kept_file``): a path in the database
(from a hostile backup, say) cannot point miler at ``web-secret`` or ``miler.db``."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Final

from miler.errors import InvalidInputError

__all__ = ["KEPT_NAME", "is_kept_path", "keep_upload", "kept_file"]

#: ``<sha256>.<format>`` with ``.gz`` when the upload was gzipped: the only kept file names
KEPT_NAME: Final = re.compile(r"(?P<sha256>[0-9a-f]{64})\.(?:fit|gpx|tcx)(?:\.gz)?")


def is_kept_path(data_dir: Path, athlete: str, path: str,
                 sha256: str | None = None) -> bool:
    """Whether ``path`` is ``<data_dir>/uploads/<athlete>/<sha256>.<ext>`` (of this
    ``sha256`` when given), by its text: no folder of its own, no ``..``, no link."""
    kept = Path(path)
    name = KEPT_NAME.fullmatch(kept.name)
    return (name is not None and (sha256 is None or name["sha256"] == sha256)
            and kept.is_absolute() and ".." not in kept.parts
            and kept.parent == data_dir.resolve() / "uploads" / athlete)


def kept_file(data_dir: Path, athlete: str, path: str | None,
              sha256: str | None = None) -> Path | None:
    """The kept upload at ``path``, when it is one and is there; None for any other path."""
    if not path or not is_kept_path(data_dir, athlete, path, sha256):
        return None
    found = Path(path)
    if found.is_symlink() or not found.is_file() or \
            not found.resolve().is_relative_to(data_dir.resolve() / "uploads"):
        return None
    return found


def keep_upload(data_dir: Path, athlete: str, data: bytes, fmt: str) -> tuple[Path, bool]:
    """Write the file under the data directory by its hash; (its path, whether it is new)."""
    from miler.adapters.exports.atomic import write_atomic

    suffix = f".{fmt}.gz" if data[:2] == b"\x1f\x8b" else f".{fmt}"
    root = data_dir.resolve()
    target = root / "uploads" / athlete / f"{hashlib.sha256(data).hexdigest()}{suffix}"
    if not target.resolve().is_relative_to(root):  # the name pattern already forbids it
        raise InvalidInputError("athlete", "must name a folder inside the data directory",
                                athlete)
    if target.exists():
        return target, False
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_atomic(target, data)
    target.chmod(0o600)  # a runner's GPS tracks: this user's only
    return target, True
