"""The JSON API: a twin of every page, in the OpenAPI schema, and no server errors for any
input schemathesis makes from that schema."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from tests.web.conftest import ONBOARDING, AppFactory, post_form, token


def _pages() -> list[str]:
    """Paths of the HTML pages: GET routes kept out of the schema."""
    from miler.web.routes import accounts, downloads, onboarding, plan, progress, race, uploads

    return sorted(route.path for module in (accounts, downloads, onboarding, plan, progress,
                                            race, uploads)
                  for route in module.router.routes
                  if "GET" in getattr(route, "methods", ()) and not route.include_in_schema)


def test_every_page_has_a_json_twin_in_the_schema(make_app: AppFactory) -> None:
    app = make_app()
    schema = app.openapi()
    twins = set(schema["paths"])
    pages = [p for p in _pages() if p not in ("/", "/login", "/setup", "/athletes/new")]
    missing = [p for p in pages if "/api" + p not in twins]
    assert missing == []
    assert len(pages) >= 9
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary"), f"{method.upper()} {path} has no summary"


def test_the_schema_is_served_and_there_is_no_cdn_docs_page(client: TestClient) -> None:
    assert client.get("/api/openapi.json").json()["info"]["title"] == "miler"
    assert client.get("/docs").status_code == 404  # Swagger UI would load from a CDN


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One app with a planned runner, for every generated case."""
    from datetime import UTC, datetime

    from miler.config import Settings
    from miler.web import create_app
    from miler.web.context import clock

    data = tmp_path_factory.mktemp("fuzz")
    app = create_app(Settings(f"sqlite:///{data / 'miler.db'}", data),
                     allowed_hosts=("testserver",))  # the test clients' Host
    app.dependency_overrides[clock] = lambda: datetime(2026, 12, 1, 10, tzinfo=UTC)
    client = TestClient(app)
    assert post_form(client, "/athletes/me/onboarding", ONBOARDING).status_code == 303
    return app, client, token(client)


def test_no_input_makes_a_server_error(fuzzed: Any) -> None:
    """Every operation, bounded examples each, with this session's cookie and CSRF token."""
    import schemathesis
    from hypothesis import given

    app, client, csrf = fuzzed
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    errors: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=15, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def call(case: Any) -> None:
            if (case.path_parameters or {}).get("athlete"):
                case.path_parameters["athlete"] = "me"  # reach real data (404s are tested apart)
            response = case.call(headers={"X-CSRF-Token": csrf}, cookies=dict(client.cookies))
            if response.status_code >= 500:
                errors.append(f"{case.method} {case.formatted_path}: {response.status_code}")

        call()
    assert errors == []
