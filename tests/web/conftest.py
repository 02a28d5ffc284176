"""The web app under test: a fresh data directory and SQLite database per test, the real
planner, and a fixed clock (2026-12-01 10:00 UTC, a Tuesday, in week 1 of ONBOARDING)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")

from fastapi.testclient import TestClient

from miler.config import Settings
from miler.web import Mode, create_app
from miler.web.context import clock
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data"
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
ONBOARDING = {"weekly_miles": "20", "test_mile": "7:45", "goal": "7:00", "start": "2026-11-30",
              "tz": "UTC", "training_days": ["tue", "wed", "thu", "fri", "sat", "sun"]}


def sample_plan() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((DATA / "plan-sample.json").read_text(encoding="utf-8"))
    return doc


def sessions(client: TestClient, athlete: str = "me") -> list[dict[str, Any]]:
    """Every session of the current plan, from the plan's JSON twin."""
    doc = client.get(f"/api/athletes/{athlete}/plan").json()["plan"]
    return [s for week in doc["weeks"] for s in week["sessions"]]


def first(client: TestClient, kind: str, athlete: str = "me") -> dict[str, Any]:
    return next(s for s in sessions(client, athlete) if s["kind"] == kind)


def token(client: TestClient) -> str:
    """The session's CSRF token (and its cookie, kept by the client)."""
    value: str = client.get("/api/session").json()["csrf_token"]
    return value


def post_form(client: TestClient, url: str, data: dict[str, Any], **kwargs: Any) -> Any:
    return client.post(url, data={**data, "csrf_token": token(client)},
                       follow_redirects=False, **kwargs)


def post_json(client: TestClient, url: str, body: Any) -> Any:
    return client.post(url, json=body, headers={"X-CSRF-Token": token(client)})


AppFactory = Callable[..., Any]
PASSWORD = "correct horse battery"


def squad(app: Any) -> Iterator[TestClient]:
    """Coach mode's first coach, logged in, with athletes ann and bob (each onboarded)."""
    with TestClient(app) as client:
        assert post_json(client, "/api/setup", {"username": "coach",
                                                "password": PASSWORD}).status_code == 200
        for name in ("ann", "bob"):
            made = post_json(client, "/api/athletes", {"username": name, "password": PASSWORD,
                                                       "name": name.title()})
            assert made.status_code == 201, made.text
            assert post_form(client, f"/athletes/{name}/onboarding",
                             ONBOARDING).status_code == 303
        yield client


def log_in(app: Any, username: str, password: str = PASSWORD) -> TestClient:
    client = TestClient(app)
    response = post_json(client, "/api/login", {"username": username, "password": password})
    assert response.status_code == 200, response.text
    return client


@pytest.fixture
def make_app(tmp_path: Path) -> AppFactory:
    """``make_app(mode, **create_app_kwargs)`` on this test's data directory."""

    def make(mode: Mode = Mode.LOCAL, **kwargs: Any) -> Any:
        data = tmp_path / "data"
        kwargs.setdefault("allowed_hosts", ("testserver",))  # TestClient's Host
        app = create_app(Settings(f"sqlite:///{data / 'miler.db'}", data), mode, **kwargs)
        app.dependency_overrides[clock] = lambda: NOW
        return app

    return make


@pytest.fixture
def app(make_app: AppFactory) -> Any:
    """A coach-mode app (tests/web/test_coach.py, test_account.py)."""
    return make_app(Mode.COACH)


@pytest.fixture
def coach(app: Any) -> Iterator[TestClient]:
    """The first coach, logged in, with athletes ann and bob (each onboarded)."""
    yield from squad(app)


@pytest.fixture
def client(make_app: AppFactory) -> Iterator[TestClient]:
    """Local mode, nobody onboarded yet."""
    with TestClient(make_app()) as c:
        yield c


@pytest.fixture
def planned(client: TestClient) -> TestClient:
    """Local mode with the runner onboarded on the sample plan."""
    response = post_form(client, "/athletes/me/onboarding", ONBOARDING)
    assert response.status_code == 303
    return client
