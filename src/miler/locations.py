"""Where the database and the data directory are: ``--db``, else ``MILER_DATABASE_URL``,
else ``miler.db`` in ``MILER_DATA_DIR``, else in the user data directory (platformdirs).

``config.settings`` and the fast path of ``miler progress`` (``cli/kept.py``) both resolve
them here, with ``os`` only: pathlib and platformdirs are loaded only when the default
location is needed (platformdirs brings tempfile, shutil and random: about 10 ms of a start).
"""

from __future__ import annotations

import os

__all__ = ["data_dir", "database_url", "sqlite_file"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is a few ms of a fast start; mypy reads this branch
    from collections.abc import Mapping


def data_dir(env: Mapping[str, str]) -> str:
    """``MILER_DATA_DIR``, else the user data directory (platformdirs)."""
    if env.get("MILER_DATA_DIR"):
        return env["MILER_DATA_DIR"]
    from platformdirs import user_data_dir

    return user_data_dir("miler", appauthor=False)


def database_url(db: str | None, env: Mapping[str, str]) -> str:
    """``--db`` (when given), else ``MILER_DATABASE_URL``, else ``miler.db`` in the data
    directory, as a URL: a bare path means a SQLite file (its absolute, resolved path)."""
    url = db or env.get("MILER_DATABASE_URL")
    if not url:
        from pathlib import Path

        return f"sqlite:///{Path(data_dir(env)) / 'miler.db'}"
    if "://" not in url:
        # what Path(url).expanduser().resolve() gives, without loading pathlib
        return f"sqlite:///{os.path.realpath(os.path.expanduser(url))}"
    return url


def sqlite_file(url: str) -> str | None:
    """The file of a plain ``sqlite:///PATH`` URL as SQLAlchemy opens it (a relative PATH
    from the working directory); None for any other database, an in-memory one, or a URL
    with a query, a fragment or %-escapes (left to SQLAlchemy's own reading)."""
    path = url.removeprefix("sqlite:///")
    if path in (url, "", ":memory:") or any(c in path for c in "?#%"):
        return None
    return path
