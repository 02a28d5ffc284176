"""Write files so that a reader never sees half of one: a temporary file, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from miler.errors import InvalidInputError

__all__ = ["write_atomic"]


def write_atomic(path: Path, data: bytes, field: str = "output") -> None:
    """Write ``data`` to ``path`` atomically; a bad path is a clear ``InvalidInputError``."""
    if path.is_dir():
        raise InvalidInputError(field, "must be a file path, not a directory", str(path))
    if not path.parent.is_dir():
        raise InvalidInputError(field, "must be in a directory that exists", str(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InvalidInputError(field, f"must be writable ({exc.strerror})", str(path)) from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InvalidInputError(field, f"must be writable ({exc.strerror})", str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
