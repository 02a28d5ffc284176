"""Coach mode: accounts, hashed passwords, session cookies, CSRF, and who sees what."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from miler.web import Mode
from tests.web.conftest import (
    DATA,
    ONBOARDING,
    PASSWORD,
    AppFactory,
    log_in,
    post_form,
    post_json,
    token,
)


def test_first_visit_goes_to_setup_then_login(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        assert client.get("/").url.path == "/setup"
        assert client.get("/athletes/ann/plan").url.path == "/setup"  # via /login
        response = post_form(client, "/setup", {"username": "Coach", "password": PASSWORD})
        assert response.headers["location"] == "/"
        assert client.get("/").url.path == "/athletes"
        assert client.get("/setup", follow_redirects=False).headers["location"] == "/login"


def test_setup_refuses_a_short_password(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        response = post_json(client, "/api/setup", {"username": "c", "password": "short"})
        assert response.status_code == 422
        assert response.json()["error"]["message"] == \
            "password must be 10 to 1024 characters, got '5 characters'"


def test_passwords_are_stored_as_argon2id_hashes(coach: TestClient, app) -> None:  # type: ignore[no-untyped-def]
    with app.state.web.store.transaction() as repo:
        user = repo.accounts.by_name("ann")
    assert user is not None
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_a_wrong_password_is_401_with_one_message(coach: TestClient, app) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(app)
    wrong = post_json(client, "/api/login", {"username": "ann", "password": "not it at all"})
    unknown = post_json(client, "/api/login", {"username": "zed", "password": PASSWORD})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()  # no hint which was wrong
    page = post_form(client, "/login", {"username": "ann", "password": "nope nope nope"})
    assert page.status_code == 401
    assert "do not match an account" in page.text


def test_the_session_cookie_is_httponly_and_samesite(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        cookie = client.get("/api/session").headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "secure" not in cookie  # loopback: plain HTTP must work


def test_secure_cookies_when_serving_a_network(make_app: AppFactory) -> None:
    with TestClient(make_app(Mode.COACH, secure_cookies=True)) as client:
        assert "secure" in client.get("/api/session").headers["set-cookie"].lower()


def test_logged_out_pages_go_to_login_and_the_api_is_401(coach: TestClient, app) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(app)
    assert client.get("/athletes/ann/plan", follow_redirects=False).headers["location"] == \
        "/login"
    api = client.get("/api/athletes/ann/plan")
    assert api.status_code == 401
    assert api.json()["error"]["type"] == "login_required"


def test_a_coach_sees_their_athletes(coach: TestClient) -> None:
    squad = coach.get("/api/athletes").json()["athletes"]
    assert [a["name"] for a in squad] == ["ann", "bob"]
    assert squad[0]["display_name"] == "Ann"
    assert squad[0]["goal"] == "7:00"
    assert "Ann" in coach.get("/athletes").text
    assert coach.get("/api/athletes/bob/plan").status_code == 200


ATHLETE_URLS = ["/athletes/{}/plan", "/api/athletes/{}/plan", "/athletes/{}/race",
                "/athletes/{}/uploads", "/api/athletes/{}/progress", "/athletes/{}/plan.ics",
                "/athletes/{}/plan.pdf", "/athletes/{}/workouts.zip",
                "/api/athletes/{}/onboarding", "/athletes/{}/activities/1",
                "/athletes/{}/activities/1/file", "/api/athletes/{}/activities/1"]


@pytest.mark.parametrize("url", ATHLETE_URLS)
def test_an_athlete_gets_404_for_another_athletes_data(coach: TestClient, app,  # type: ignore[no-untyped-def]
                                                       url: str) -> None:
    bob = log_in(app, "bob")
    upload = bob.post("/api/athletes/bob/uploads",
                      files=[("files", ("t.fit", (DATA / "track-fenix6.fit").read_bytes()))],
                      headers={"X-CSRF-Token": token(bob)})
    assert upload.json()["results"][0]["activity_id"] == 1
    ann = log_in(app, "ann")
    assert ann.get(url.format("bob")).status_code == 404
    assert bob.get(url.format("bob")).status_code == 200


def test_an_athlete_cannot_write_to_another(coach: TestClient, app) -> None:  # type: ignore[no-untyped-def]
    ann = log_in(app, "ann")
    onboarding = post_json(ann, "/api/athletes/bob/onboarding", {"weekly_miles": 10})
    assert onboarding.status_code == 404
    upload = ann.post("/api/athletes/bob/uploads",
                      files=[("files", ("t.fit", (DATA / "track-fenix6.fit").read_bytes()))],
                      headers={"X-CSRF-Token": token(ann)})
    assert upload.status_code == 404
    assert post_json(ann, "/api/athletes", {"username": "eve",
                                            "password": PASSWORD}).status_code == 404
    assert [a["name"] for a in ann.get("/api/athletes").json()["athletes"]] == ["ann"]


def test_another_coach_sees_none_of_them(coach: TestClient, app) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from miler.adapters.passwords import hash_password
    from miler.adapters.storage.accounts import Role

    with app.state.web.store.transaction() as repo:
        repo.accounts.add("other", hash_password(PASSWORD), Role.COACH, datetime.now(UTC))
    other = log_in(app, "other")
    assert other.get("/api/athletes").json()["athletes"] == []
    assert other.get("/api/athletes/ann/plan").status_code == 404


def test_a_form_post_without_the_csrf_token_is_refused(coach: TestClient) -> None:
    response = coach.post("/athletes/ann/onboarding", data=ONBOARDING)
    assert response.status_code == 403
    assert "came from another site" in response.text
    forged = coach.post("/athletes/ann/onboarding", data={**ONBOARDING, "csrf_token": "x" * 43})
    assert forged.status_code == 403
    api = coach.post("/api/athletes", json={"username": "eve", "password": PASSWORD})
    assert api.status_code == 403
    assert api.json()["error"]["type"] == "csrf"
    assert coach.post("/logout").status_code == 403


def test_login_makes_a_new_session_and_logout_ends_it(coach: TestClient, app) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(app)
    before = token(client)
    post_json(client, "/api/login", {"username": "ann", "password": PASSWORD})
    assert token(client) != before  # no session fixation
    assert client.get("/api/session").json()["user"] == "ann"
    assert post_form(client, "/logout", {}).status_code == 303
    assert client.get("/api/athletes/ann/plan").status_code == 401


def test_coach_adds_an_athlete_by_form(coach: TestClient) -> None:
    assert "Add an athlete" in coach.get("/athletes/new").text
    response = post_form(coach, "/athletes/new", {"username": "cat", "password": PASSWORD,
                                                 "name": "Cat"})
    assert response.headers["location"] == "/athletes/cat/onboarding"
    taken = post_form(coach, "/athletes/new", {"username": "cat", "password": PASSWORD})
    assert taken.status_code == 422
    assert "that username is taken" in taken.text


def test_local_mode_has_no_accounts(client: TestClient) -> None:
    assert client.get("/login").status_code == 404
    assert post_json(client, "/api/setup", {"username": "a",
                                            "password": PASSWORD}).status_code == 404


def test_guessing_a_password_is_slowed_then_refused(app, coach: TestClient) -> None:  # type: ignore[no-untyped-def]
    # Issue 17: 30 wrong passwords, then the right one, were all answered at full speed.
    client = TestClient(app)
    for _ in range(6):
        wrong = post_json(client, "/api/login", {"username": "ann", "password": "x" * 12})
        assert wrong.status_code == 401
    right = post_json(client, "/api/login", {"username": "ann", "password": PASSWORD})
    assert right.status_code == 429
    assert right.json()["error"]["type"] == "too_many_attempts"
    assert int(right.headers["retry-after"]) >= 1
