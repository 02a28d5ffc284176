"""Where the database and the data directory are: ``--db``, else ``MILER_DATABASE_URL``,
else ``miler.db`` in ``MILER_DATA_DIR``, else in the user data directory.

``config.settings`` and the fast path of ``miler progress`` (``cli/kept.py``) both resolve
them here, with ``os`` only. The user data directory is platformdirs', but importing it
loads pathlib, tempfile, shutil and random (42 M instructions, more than the rest of a kept
``miler progress``); on Linux the XDG rule it follows is applied here instead (a test checks
both agree), and platformdirs answers everywhere else (macOS, Windows, Android, no HOME).
"""

from __future__ import annotations

import os
import sys

__all__ = ["data_dir", "database_url", "fast_database", "postgres_args", "sqlite_file"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is a few ms of a fast start; mypy reads this branch
    from collections.abc import Mapping

#: The URL prefix of miler's PostgreSQL driver, psycopg 3 (``config.py``).
POSTGRES_PREFIX = "postgresql+psycopg://"


def data_dir(env: Mapping[str, str]) -> str:
    """``MILER_DATA_DIR``, else the user data directory (platformdirs)."""
    if env.get("MILER_DATA_DIR"):
        return env["MILER_DATA_DIR"]
    found = _xdg_data_home()
    if found is not None:
        return os.path.join(found, "miler")
    from platformdirs import user_data_dir

    return user_data_dir("miler", appauthor=False)


def _xdg_data_home() -> str | None:
    """On Linux, the XDG Base Directory rule (as platformdirs reads it, from the process's
    environment): ``$XDG_DATA_HOME`` when it is an absolute path, else
    ``$HOME/.local/share``; None where platformdirs should answer (another system,
    Android, a HOME that is not an absolute path)."""
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel") \
            or "ANDROID_DATA" in os.environ:
        return None
    given = os.environ.get("XDG_DATA_HOME", "")
    if os.path.isabs(given):
        return given
    home = os.environ.get("HOME", "")
    # as os.path.expanduser("~/.local/share") gives it
    return home.rstrip("/") + "/.local/share" if os.path.isabs(home) else None


def database_url(db: str | None, env: Mapping[str, str]) -> str:
    """``--db`` (when given), else ``MILER_DATABASE_URL``, else ``miler.db`` in the data
    directory, as a URL: a bare path means a SQLite file (its absolute, resolved path)."""
    url = db or env.get("MILER_DATABASE_URL")
    if not url:
        return f"sqlite:///{os.path.join(data_dir(env), 'miler.db')}"
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


def postgres_args(url: str) -> dict[str, str | int] | None:
    """The keywords SQLAlchemy's psycopg dialect gives ``psycopg.connect`` for a plain
    ``postgresql+psycopg://[USER[:PASSWORD]@]HOST[:PORT]/DBNAME`` URL (empty parts left
    out, the port a number); None for any other URL, and for one with a query, a fragment,
    %-escapes, several hosts, an IPv6 address or no host (left to SQLAlchemy's own reading).
    A test checks that whenever this answers, SQLAlchemy's dialect gives the same."""
    rest = url.removeprefix(POSTGRES_PREFIX)
    if rest == url or any(c in rest for c in "?#%[],\\") or rest.count("@") > 1:
        return None
    userinfo, _, place = rest.rpartition("@")
    user, _, password = userinfo.partition(":")
    where, slash, dbname = place.partition("/")
    host, colon, port = where.partition(":")
    if "/" in user or not slash or not host or (colon and not port.isdecimal()) \
            or not port.isascii():
        return None
    found: dict[str, str | int] = {"host": host, "dbname": dbname, "user": user,
                                   "password": password, "port": int(port or 0)}
    return {k: v for k, v in found.items() if v}  # as SQLAlchemy, no empty part nor port 0


def fast_database(db: str | None, env: Mapping[str, str]) -> str | dict[str, str | int] | None:
    """The database ``--db`` names (else ``MILER_DATABASE_URL``, else the default file) as
    the fast paths read it (``adapters.kept_reads.Database``): a SQLite file's path, or a
    plain PostgreSQL URL's connect keywords; None for any other (left to SQLAlchemy)."""
    url = database_url(db, env)
    path = sqlite_file(url)
    return path if path is not None else postgres_args(url)
