"""Fixtures of the fast paths' tests (``test_kept.py``, ``test_kept_today.py``): the command
with its fast path off (``full``), with only its fast path (``fast_only``), and an empty
PostgreSQL database (``pg``) with its connect keywords (:func:`pg_args`)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from miler.cli import fast
from miler.locations import postgres_args
from tests.conftest import POSTGRES, empty_postgres

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def full(cli: Run, monkeypatch: pytest.MonkeyPatch) -> Run:
    """``miler WORDS`` with the fast paths off: Typer and the service, as before them."""
    def run(*words: str) -> tuple[int, str, str]:
        with monkeypatch.context() as m:
            m.setattr(fast, "KEPT", {})
            return cli(*words)

    return run


@pytest.fixture
def fast_only(cli: Run, monkeypatch: pytest.MonkeyPatch) -> Run:
    """``miler WORDS`` that fails unless the fast path answers it."""
    def no_typer(args: list[str], as_json: bool) -> int:
        raise AssertionError(f"the fast path declined {args}")

    def run(*words: str) -> tuple[int, str, str]:
        with monkeypatch.context() as m:
            m.setattr("miler.cli._run_typer", no_typer)
            return cli(*words)

    return run


@pytest.fixture
def pg() -> str:
    """An empty PostgreSQL database's URL (skipped without one)."""
    if not POSTGRES:
        pytest.skip("MILER_TEST_POSTGRES_URL is not set")
    empty_postgres(POSTGRES)
    return POSTGRES


def pg_args(url: str) -> dict[str, str | int]:
    """The keywords the fast paths connect to the test database with."""
    args = postgres_args(url)
    assert args is not None, f"the test database's URL is not a plain one: {url}"
    return args
