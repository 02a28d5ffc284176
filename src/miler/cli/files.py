"""Writing what a service exported: one file, or a folder of them, each whole or not at all."""

from __future__ import annotations

from pathlib import Path

from miler.errors import InvalidInputError
from miler.services.exports import Export

__all__ = ["write_export", "write_exports"]


def write_export(path: Path, export: Export) -> Path:
    from miler.adapters.exports.atomic import write_atomic

    return write_atomic(path, export.data)


def write_exports(directory: Path, files: list[Export], option: str) -> list[Path]:
    """Each export under its own name in ``directory`` (made if missing)."""
    if directory.exists() and not directory.is_dir():
        raise InvalidInputError(option, "must be a directory, not a file", str(directory))
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInputError(option, f"must be a directory we can create ({exc.strerror})",
                                str(directory)) from None
    return [write_export(directory / f.name, f) for f in files]
