"""Issue 17: sessions kept on the server (logout and a password change end every copy of a
cookie), changing passwords, and a coach adding another coach, from the web app."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, log_in, post_form, post_json

NEW = "a longer river stone"




def _stolen(client: TestClient, app) -> TestClient:  # type: ignore[no-untyped-def]
    """Another browser holding a copy of ``client``'s session cookie."""
    thief = TestClient(app)
    for name, value in client.cookies.items():
        thief.cookies.set(name, value)
    return thief


def test_a_cookie_copied_before_logout_stops_working(coach: TestClient, app) -> None:  # type: ignore[no-untyped-def]
    ann = log_in(app, "ann")
    thief = _stolen(ann, app)
    assert thief.get("/api/athletes/ann/plan").status_code == 200
    assert post_json(ann, "/api/logout", {}).status_code == 204
    assert thief.get("/api/athletes/ann/plan").status_code == 401
    assert thief.get("/athletes/ann/plan").url.path == "/login"


def test_logout_ends_only_that_browser(coach: TestClient, app) -> None:  # type: ignore[no-untyped-def]
    phone, laptop = log_in(app, "ann"), log_in(app, "ann")
    assert post_form(phone, "/logout", {}).status_code == 303
    assert laptop.get("/api/athletes/ann/plan").status_code == 200


def test_changing_your_password_ends_every_other_session(coach: TestClient, app) -> None:  # type: ignore[no-untyped-def]
    ann, other = log_in(app, "ann"), log_in(app, "ann")
    thief = _stolen(ann, app)
    changed = post_json(ann, "/api/account/password", {"current_password": PASSWORD,
                                                       "new_password": NEW})
    assert changed.status_code == 200, changed.text
    assert changed.json()["user"] == "ann"
    assert ann.get("/api/athletes/ann/plan").status_code == 200  # this browser: a new session
    assert other.get("/api/athletes/ann/plan").status_code == 401
    assert thief.get("/api/athletes/ann/plan").status_code == 401
    old = post_json(TestClient(app), "/api/login", {"username": "ann", "password": PASSWORD})
    assert old.status_code == 401
    assert post_json(TestClient(app), "/api/login",
                     {"username": "ann", "password": NEW}).status_code == 200


def test_a_password_change_needs_the_current_one_and_the_rules(coach: TestClient, app) -> None:  # type: ignore[no-untyped-def]
    ann = log_in(app, "ann")
    wrong = post_json(ann, "/api/account/password", {"current_password": "x" * 12,
                                                     "new_password": NEW})
    assert wrong.status_code == 422
    assert wrong.json()["error"]["message"] == \
        "current_password must be your password now, got 'not it'"
    for bad, rule in [("password12", "common"), (" " * 12, "blank"), ("ann-is-fast!", "user name")]:
        refused = post_json(ann, "/api/account/password", {"current_password": PASSWORD,
                                                           "new_password": bad})
        assert refused.status_code == 422
        assert rule in refused.json()["error"]["message"]
    assert ann.get("/api/athletes/ann/plan").status_code == 200  # nothing changed


def test_a_coach_sets_their_athletes_password_and_no_one_elses(coach: TestClient, app) -> None:  # type: ignore[no-untyped-def]
    ann = log_in(app, "ann")
    done = post_json(coach, "/api/athletes/ann/password", {"new_password": NEW})
    assert done.status_code == 204
    assert ann.get("/api/athletes/ann/plan").status_code == 401  # logged out everywhere
    assert post_json(TestClient(app), "/api/login",
                     {"username": "ann", "password": NEW}).status_code == 200
    # an athlete can't set another's, nor can a coach set another coach's
    bob = log_in(app, "bob")
    assert post_json(bob, "/api/athletes/ann/password",
                     {"new_password": NEW + "x"}).status_code == 404
    assert post_json(coach, "/api/coaches", {"username": "other", "password": PASSWORD,
                                             "share": True}).status_code == 201
    for name in ("coach", "other"):  # yourself without the current password; another coach
        assert post_json(coach, f"/api/athletes/{name}/password",
                         {"new_password": NEW}).status_code == 404


def test_a_coach_adds_a_coach_who_shares_the_squad_or_not(coach: TestClient, app) -> None:  # type: ignore[no-untyped-def]
    assert post_json(coach, "/api/coaches", {"username": "assist", "password": PASSWORD,
                                             "share": True}).status_code == 201
    assert post_form(coach, "/account/coaches", {"username": "solo",
                                                 "password": PASSWORD}).status_code == 303
    assert [a["name"] for a in log_in(app, "assist").get("/api/athletes").json()["athletes"]] \
        == ["ann", "bob"]
    assert log_in(app, "solo").get("/api/athletes").json()["athletes"] == []
    taken = post_json(coach, "/api/coaches", {"username": "ann", "password": PASSWORD})
    assert taken.status_code == 422
    assert post_json(log_in(app, "ann"), "/api/coaches",
                     {"username": "eve", "password": PASSWORD}).status_code == 404


def test_the_account_page_offers_what_the_viewer_may_do(coach: TestClient, app) -> None:  # type: ignore[no-untyped-def]
    page = coach.get("/account").text
    for offered in ("Change your password", "Add a coach", "Set an athlete's password",
                    ">Ann (ann)<"):
        assert offered in page
    athlete_page = log_in(app, "ann").get("/account").text
    assert "Change your password" in athlete_page
    assert "Add a coach" not in athlete_page
    response = post_form(coach, "/account/password", {"current_password": PASSWORD,
                                                      "new_password": NEW})
    assert response.headers["location"] == "/account?done=password"
    assert "every other browser is logged out" in coach.get("/account?done=password").text
