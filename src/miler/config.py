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

__all__ = ["Settings", "settings"]


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str
    data_dir: Path


def settings(db: str | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Settings from ``--db`` (when given), else the environment, else the defaults."""
    env = os.environ if env is None else env
    data_dir = Path(env["MILER_DATA_DIR"]) if env.get("MILER_DATA_DIR") else _default_dir()
    url = db or env.get("MILER_DATABASE_URL") or f"sqlite:///{data_dir / 'miler.db'}"
    if "://" not in url:  # a bare path means a SQLite file
        url = f"sqlite:///{Path(url).expanduser().resolve()}"
    return Settings(database_url=url, data_dir=data_dir)


def _default_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("miler", appauthor=False))
