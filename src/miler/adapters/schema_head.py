"""The newest schema revision (Alembic's head), as ``adapters.storage.HEAD`` gives it.

A module of its own, loading nothing, so ``services.kept_progress`` can tell a database at
the newest schema without the storage package's imports (pathlib, then SQLAlchemy)."""

from __future__ import annotations

__all__ = ["HEAD"]

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

#: Bumped with every migration: tests/adapters/storage/test_accounts.py checks it is
#: Alembic's one head.
HEAD: Final = "0009"
