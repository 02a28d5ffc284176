"""Uploads as the browser sends them: the file's own name, shown back but never used as a
path. Checking, keeping and importing are ``services.uploads``."""

from __future__ import annotations

from pathlib import PurePath

from miler.services.uploads import (
    MAX_BULK_BYTES,
    MAX_BULK_FILES,
    MAX_FILE_BYTES,
    MAX_FILES,
    Outcome,
    Upload,
    check,
    import_export,
    import_uploads,
    kept_file,
    size_text,
)

__all__ = ["MAX_BULK_BYTES", "MAX_BULK_FILES", "MAX_FILES", "MAX_FILE_BYTES", "Outcome",
           "Upload", "check", "display_name", "import_export", "import_uploads", "kept_file",
           "size_text"]


def display_name(name: str | None) -> str:
    """The file's own name, without any folder a browser sent, at most 100 characters."""
    base = PurePath((name or "").replace("\\", "/")).name.strip()
    return (base or "unnamed file")[:100]
