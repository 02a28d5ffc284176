"""Readers started early: an import reads its files in worker processes that come from a
fork server (``adapters.files.walk``). A shell starts that server first, so that it loads
while the shell loads the rest (the stored import's database layer, the renderers) instead
of after. Kept apart from the import's own modules so that calling it costs nothing to load.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

__all__ = ["start_readers"]

#: Fewer paths than this, none a folder or a zip: too few files for workers (walk.read_all
#: reads fewer than 16 in the calling process), so nothing is started.
_MANY: Final = 16


def start_readers(paths: Sequence[Path], *, stored: bool) -> None:
    """Start the workers' fork server for an import of ``paths`` (``stored``: ``miler
    import``; else the dry run) when they may hold enough files to be read in workers."""
    many = len(paths) >= _MANY or any(
        p.is_dir() or p.suffix.lower() == ".zip" for p in paths)
    if not many:
        return
    from miler.adapters.files.walk import start_readers as start

    start("miler.services.training" if stored else "miler.services.history")
