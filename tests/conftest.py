from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

# numpy's OpenBLAS starts a thread per core that spins while waiting: on a busy 2-core
# machine the track tests took 2.2x the time with it (before numpy loads, as miler's CLI does)
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from miler.adapters.storage.repository import Store

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SCHEMAS = SHARED / "schemas"


def load_tool(name: str) -> ModuleType:
    """A script of tools/ as a module (the docs generators the tests compare docs with)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the real user's data directory or database."""
    monkeypatch.setenv("MILER_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("MILER_DATABASE_URL", raising=False)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run the CLI in-process: returns (exit code, stdout, stderr)."""
    from miler.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


# A real database per test: a SQLite file always, and PostgreSQL when MILER_TEST_POSTGRES_URL
# is set (.ci/run starts one and sets it).
POSTGRES = os.environ.get("MILER_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not POSTGRES, reason="MILER_TEST_POSTGRES_URL is not set"))]


def empty_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'miler.db'}"
    assert POSTGRES is not None
    empty_postgres(POSTGRES)
    return POSTGRES


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    from miler.adapters.storage.repository import Store

    opened = Store.open(database_url)
    yield opened
    opened.engine.dispose()
