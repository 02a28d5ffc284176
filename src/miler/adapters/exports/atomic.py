"""Write a file whole or not at all: a temporary file beside it, then ``os.replace``.

A reader (a browser, a printer queue, a sync client) never sees half a file, and a failure
leaves the old file, if any, untouched and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from miler.errors import ExportError

__all__ = ["write_atomic"]

# A new file gets the usual rw-r--r--; a replaced file keeps its own mode. (mkstemp makes
# rw------- files, and reading the umask means changing it, which is not thread-safe.)
_NEW_FILE_MODE = 0o644


def write_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; ``ExportError`` says why when it cannot."""
    target = Path(path)
    if target.is_dir():
        raise ExportError(str(target), "is a directory; give a file name")
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(str(target), f"folder {str(folder)!r} does not exist")
    mode = target.stat().st_mode & 0o777 if target.exists() else _NEW_FILE_MODE
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExportError(str(target), f"cannot write here: {exc.strerror}") from exc
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise ExportError(str(target), f"cannot write: {exc.strerror or exc}") from exc
        raise
    return target
