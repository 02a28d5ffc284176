"""Where the database is (miler/locations.py): what ``config.settings`` gave before it moved
there, with pathlib, for the ways a user names it; and which URLs are a plain SQLite file
the fast path of ``miler progress`` may read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from miler.config import settings
from miler.locations import database_url, sqlite_file


@pytest.mark.parametrize("typed", ["miler.db", "./a/../b.db", "a//b/./c.db", "~/x.db",
                                   "/tmp/y/", "//srv/z.db", "with space.db"])
def test_a_bare_path_is_the_resolved_file_pathlib_gives(typed: str,
                                                        tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a").mkdir()
    os.symlink(tmp_path / "a", tmp_path / "link")
    assert database_url(typed, {}) == f"sqlite:///{Path(typed).expanduser().resolve()}"
    assert database_url("link/q.db", {}) == f"sqlite:///{tmp_path / 'a' / 'q.db'}"


def test_the_order_is_db_then_the_environment_then_the_data_directory(tmp_path: Path) -> None:
    env = {"MILER_DATABASE_URL": "postgresql+psycopg://u@h/d", "MILER_DATA_DIR": str(tmp_path)}
    assert database_url("sqlite:///x.db", env) == "sqlite:///x.db"
    assert database_url(None, env) == "postgresql+psycopg://u@h/d"
    assert database_url(None, {"MILER_DATA_DIR": f"{tmp_path}/"}) == \
        f"sqlite:///{tmp_path / 'miler.db'}"
    assert settings(None, {"MILER_DATA_DIR": str(tmp_path)}).data_dir == tmp_path


def test_the_default_is_miler_db_in_the_user_data_directory() -> None:
    from platformdirs import user_data_dir

    found = settings(None, {})
    assert found.data_dir == Path(user_data_dir("miler", appauthor=False))
    assert found.database_url == f"sqlite:///{found.data_dir / 'miler.db'}"


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG rule is applied on Linux only")
@pytest.mark.parametrize("env", [
    {"HOME": "/home/ada"}, {"HOME": "/home/ada/"}, {"HOME": "/"}, {"HOME": "//srv//h//"},
    {"HOME": "/home/ada", "XDG_DATA_HOME": "/data/x"},
    {"HOME": "/home/ada", "XDG_DATA_HOME": "/data/x/"},
    {"HOME": "/home/ada", "XDG_DATA_HOME": "relative/x"},
    {"HOME": "/home/ada", "XDG_DATA_HOME": ""}, {"HOME": "/home/ada", "XDG_DATA_HOME": " "},
    {"HOME": "relative", "XDG_DATA_HOME": "/data/x"}, {"HOME": "relative"}, {},
])
def test_the_user_data_directory_is_platformdirs(env: dict[str, str]) -> None:
    """Without platformdirs' imports on Linux, the same directory it gives."""
    code = ("import json, platformdirs\n"
            "from miler.locations import data_dir\n"
            "print(json.dumps([data_dir({}), "
            "platformdirs.user_data_dir('miler', appauthor=False)]))")
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "PYTHONPATH")}
    done = subprocess.run([sys.executable, "-c", code], env={**keep, **env},
                          capture_output=True, text=True, timeout=60, check=True)
    ours, theirs = json.loads(done.stdout)
    assert ours == theirs


@pytest.mark.parametrize(("url", "path"), [
    ("sqlite:////srv/miler.db", "/srv/miler.db"),
    ("sqlite:///miler.db", "miler.db"),  # from the working directory, as SQLAlchemy opens it
    ("sqlite:///:memory:", None), ("sqlite://", None), ("sqlite:///", None),
    ("sqlite:///m.db?mode=ro", None), ("sqlite:///a%20b.db", None), ("sqlite:///a#b", None),
    ("sqlite+pysqlite:///m.db", None), ("postgresql+psycopg://u@h/d", None),
])
def test_only_a_plain_sqlite_file_url_names_a_file(url: str, path: str | None) -> None:
    assert sqlite_file(url) == path
