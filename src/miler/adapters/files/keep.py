"""Keeping an uploaded file: under ``<data dir>/uploads/<athlete>/`` by its SHA-256, written
whole or not at all. The name the browser sent is never used as a path."""

from __future__ import annotations

import hashlib
from pathlib import Path

from miler.errors import InvalidInputError

__all__ = ["keep_upload"]


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
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, data)
    return target, True
