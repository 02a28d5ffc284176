"""Settings from the environment: where the database and the runner's files live.

``MILER_DATABASE_URL`` (or ``--db``) picks the database: a SQLite file by default, in the
user's data directory (platformdirs), or PostgreSQL (``postgresql+psycopg://...``).
``MILER_DATA_DIR`` moves the data directory (uploads, the default database).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from miler.locations import data_dir, database_url

__all__ = ["Settings", "settings"]


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str
    data_dir: Path


def settings(db: str | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Settings from ``--db`` (when given), else the environment, else the defaults
    (``miler.locations``)."""
    env = os.environ if env is None else env
    return Settings(database_url=database_url(db, env), data_dir=Path(data_dir(env)))
