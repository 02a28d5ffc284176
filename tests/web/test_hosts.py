"""DNS rebinding (issue 17): the app answers only to this machine's names, and refuses writes
from another site's origin."""

from __future__ import annotations

from fastapi.testclient import TestClient

from miler.web.app import host_name
from tests.web.conftest import AppFactory


def test_host_names_without_ports() -> None:
    assert [host_name(h) for h in ("127.0.0.1:8000", "[::1]:8000", "LOCALHOST", "[::1]",
                                   "evil.example:8000")] == [
        "127.0.0.1", "::1", "localhost", "::1", "evil.example"]


def test_a_rebound_host_gets_nothing(make_app: AppFactory) -> None:
    with TestClient(make_app(allowed_hosts=()), base_url="http://127.0.0.1:8000") as client:
        assert client.get("/api/session").status_code == 200
        evil = client.get("/api/session", headers={"host": "evil.example:8000"})
        assert evil.status_code == 400
        assert evil.text == ("host must be one of 127.0.0.1, ::1, localhost, got "
                             "'evil.example:8000'")
        assert client.get("/", headers={"host": "[::1]:8000"}).status_code == 200


def test_a_write_from_another_origin_is_refused(make_app: AppFactory) -> None:
    with TestClient(make_app(allowed_hosts=()), base_url="http://localhost:8000") as client:
        token = client.get("/api/session").json()["csrf_token"]
        body = {"weekly_miles": 20}
        forged = client.post("/api/athletes/me/onboarding", json=body,
                             headers={"X-CSRF-Token": token, "origin": "http://evil.example"})
        assert forged.status_code == 403
        ours = client.post("/api/athletes/me/onboarding", json=body,
                           headers={"X-CSRF-Token": token, "origin": "http://localhost:8000"})
        assert ours.status_code == 200


def test_coach_mode_answers_to_its_configured_host(make_app: AppFactory) -> None:
    from miler.web import Mode

    app = make_app(Mode.COACH, allowed_hosts=("miler.club.example",))
    with TestClient(app, base_url="http://miler.club.example") as client:
        assert client.get("/login").status_code == 200
        assert client.get("/login", headers={"host": "other.example"}).status_code == 400
