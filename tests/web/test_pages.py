"""Local mode: every page and its JSON twin, with the sample plan."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import ONBOARDING, first, post_form, post_json, sessions


def test_home_sends_a_new_runner_to_onboarding(client: TestClient) -> None:
    response = client.get("/")
    assert response.url.path == "/athletes/me/onboarding"
    assert "Let's build your mile plan" in response.text
    assert 'name="csrf_token"' in response.text


def test_onboarding_saves_the_plan_and_shows_the_assessment(planned: TestClient) -> None:
    from html import unescape

    goal = planned.get("/api/athletes/me/plan").json()["goal"]
    assert goal["verdict"] == "reasonable"
    assert "7:45 test mile" in goal["reason"]
    page = unescape(planned.get("/athletes/me/plan").text)
    assert goal["reason"] in page  # the assessment in words
    speed = first(planned, "speed")
    assert 'href="/athletes/me/sessions/' + speed["id"] + '"' in page
    assert "chip kind-speed hard" in page  # hard sessions are coloured
    assert "cal-day today" in page  # 2026-12-01 is in week 1
    profile = planned.get("/api/athletes/me/onboarding").json()
    assert profile["has_plan"] is True
    assert profile["answers"]["test_mile_s"] == 465
    assert profile["answers"]["goal_mile_s"] == 420
    assert profile["answers"]["tz"] == "UTC"


def test_an_unrealistic_goal_is_replaced_unless_the_runner_keeps_it(client: TestClient) -> None:
    # 9:00 -> 7:00 is unrealistic: the plan trains for the suggestion, unless "keep my goal".
    answers = {**ONBOARDING, "test_mile": "9:00", "goal": "7:00"}
    assert post_form(client, "/athletes/me/onboarding", answers).status_code == 303
    goal = client.get("/api/athletes/me/plan").json()["plan"]["goal"]
    assert (goal["mile_s"], goal["asked_mile_s"]) == (475.0, 420.0)
    page = client.get("/athletes/me/onboarding").text
    assert 'name="insist"' in page
    assert 'name="insist" value="true" checked' not in page
    kept = {**answers, "insist": "true"}
    assert post_form(client, "/athletes/me/onboarding", kept).status_code == 303
    goal = client.get("/api/athletes/me/plan").json()["plan"]["goal"]
    assert (goal["mile_s"], goal["insisted"]) == (420.0, True)
    assert 'name="insist" value="true" checked' in client.get("/athletes/me/onboarding").text


def test_the_plan_twin_carries_the_contract_document(planned: TestClient) -> None:
    import jsonschema

    body = planned.get("/api/athletes/me/plan").json()
    from miler.data import schema

    jsonschema.validate(body["plan"], schema("plan"))
    assert body["goal"]["clock"] == "7:00"
    assert body["start_date"] == "2026-11-30"
    assert body["weekdays"] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert [len(w["days"]) for w in body["weeks"]] == [7] * 8
    assert body["sessions_total"] == len(sessions(planned))
    assert body["sessions_done"] == 0


def test_a_session_shows_steps_paces_per_mile_km_lap_and_why(planned: TestClient) -> None:
    from html import unescape

    speed = first(planned, "speed")
    page = unescape(planned.get(f"/athletes/me/sessions/{speed['id']}").text)
    assert speed["title"] in page
    assert speed["why"] in page
    body = planned.get(f"/api/athletes/me/sessions/{speed['id']}").json()
    repeat = next(step for step in body["steps"] if step["kind"] == "repeat")
    assert repeat["label"].endswith(" ×")
    work = repeat["steps"][0]
    assert set(work["pace"]) == {"mile", "km", "lap"}
    assert body["status"] == "planned"
    assert body["hard"] is True


def test_a_run_shows_its_intervals_icu_text_with_a_copy_button(planned: TestClient) -> None:
    from html import unescape

    speed = first(planned, "speed")
    page = unescape(planned.get(f"/athletes/me/sessions/{speed['id']}").text)
    body = planned.get(f"/api/athletes/me/sessions/{speed['id']}").json()
    text = body["intervals_icu"]
    assert text.startswith(speed["date"] + " ")
    assert "Main Set " in text
    assert "/mi Pace" in text
    assert f'<pre id="intervals-icu">{text}</pre>' in page
    assert 'data-copy="intervals-icu"' in page  # miler.js copies it; no inline script
    assert "<script>" not in page.split("<body", 1)[1]
    strength = first(planned, "strength")
    assert planned.get(f"/api/athletes/me/sessions/{strength['id']}").json()[
        "intervals_icu"] is None


def test_a_session_is_marked_done_by_form_and_by_api(planned: TestClient) -> None:
    easy = first(planned, "easy")["id"]
    done = post_form(planned, f"/athletes/me/sessions/{easy}/status", {"status": "done"})
    assert done.status_code == 303
    assert planned.get(f"/api/athletes/me/sessions/{easy}").json()["status"] == "done"
    assert planned.get("/api/athletes/me/plan").json()["sessions_done"] == 1
    body = post_json(planned, f"/api/athletes/me/sessions/{easy}/status",
                     {"status": "skipped"}).json()
    assert body["status"] == "skipped"
    assert planned.get("/api/athletes/me/plan").json()["sessions_done"] == 0


def test_a_session_moves_but_not_next_to_a_hard_day(planned: TestClient) -> None:
    easy = first(planned, "easy")
    hard = [s["date"] for s in sessions(planned) if s["intensity"] == "hard"]
    moved = post_json(planned, f"/api/athletes/me/sessions/{easy['id']}/move",
                      {"to": "2026-12-05"})
    assert moved.status_code == 200, moved.text
    assert moved.json()["date"] == "2026-12-05"
    assert moved.json()["moved"] is True
    calendar = planned.get("/api/athletes/me/plan").json()["weeks"][0]["days"]
    assert easy["id"] in [c["id"] for c in calendar[5]["sessions"]]  # on the Saturday now
    speed = first(planned, "speed")
    beside = next(d for d in hard if d != speed["date"])  # another hard day
    refused = post_form(planned, f"/athletes/me/sessions/{speed['id']}/move", {"to": beside})
    assert refused.status_code == 422
    assert "must not make two hard days in a row" in refused.text


def test_a_bad_status_is_refused(planned: TestClient) -> None:
    easy = first(planned, "easy")["id"]
    response = post_json(planned, f"/api/athletes/me/sessions/{easy}/status",
                         {"status": "half"})
    assert response.status_code == 422
    assert response.json()["error"]["type"] == "invalid_input"


@pytest.mark.parametrize("url", ["/athletes/me/sessions/nope", "/api/athletes/me/sessions/nope"])
def test_an_unknown_session_is_404(planned: TestClient, url: str) -> None:
    from html import unescape

    response = planned.get(url)
    assert response.status_code == 404
    assert "no session 'nope' in the current plan" in unescape(response.text)


def test_the_plan_page_without_a_plan_goes_to_onboarding(client: TestClient) -> None:
    response = client.get("/athletes/me/plan", follow_redirects=False)
    assert response.headers["location"] == "/athletes/me/onboarding"
    api = client.get("/api/athletes/me/plan")
    assert api.status_code == 404
    assert api.json()["error"]["message"].startswith("me has no plan yet")


def test_onboarding_bad_input_names_the_field(client: TestClient) -> None:
    response = post_form(client, "/athletes/me/onboarding", {**ONBOARDING, "test_mile": "7:4x"})
    assert response.status_code == 422
    assert "test mile" in response.text
    assert "7:4x" in response.text
    response = post_form(client, "/athletes/me/onboarding", {**ONBOARDING, "weekly_miles": "lots"})
    assert response.status_code == 422
    assert "weekly miles must be a number, got &#39;lots&#39;" in response.text
    response = post_form(client, "/athletes/me/onboarding", {**ONBOARDING, "tz": "Mars/Base"})
    assert response.status_code == 422
    assert "Mars/Base" in response.text


def test_onboarding_by_api(client: TestClient) -> None:
    body = post_json(client, "/api/athletes/me/onboarding",
                     {"weekly_miles": 20, "test_mile_s": 465, "goal_mile_s": 420,
                      "training_days": ["tue", "wed", "thu", "sat", "sun"], "age": 40,
                      "sex": "female"})
    assert body.status_code == 200, body.text
    assert body.json()["version"] == 1
    assert body.json()["goal"]["verdict"] == "reasonable"
    assert body.json()["plan"]["athlete"]["training_days"] == ["tue", "wed", "thu", "sat", "sun"]
    again = post_json(client, "/api/athletes/me/onboarding", {"weekly_miles": 25})
    assert again.json()["version"] == 2  # a re-plan is the next version
    assert again.json()["goal"]["verdict"] == "untested"  # no test mile this time


def test_race_day_page_and_twin(planned: TestClient) -> None:
    page = planned.get("/athletes/me/race")
    assert "A <span class=\"goal\">7:00</span> mile, lap by lap" in page.text
    assert "<svg" in page.text
    assert "<?xml" not in page.text
    body = planned.get("/api/athletes/me/race", params={"venue": "road",
                                                         "strategy": "even"}).json()
    assert body["race"]["schema"] == "miler.race/1"
    assert body["race"]["venue"] == "road"
    # even pacing on a road: four quarter miles of 1:45
    assert [lap["split_s"] for lap in body["race"]["laps"]] == [105.0] * 4
    assert "strategy=even" in body["band_url"]


def test_race_day_for_another_goal_without_a_plan(client: TestClient) -> None:
    body = client.get("/api/athletes/me/race", params={"goal": "5:59.5"}).json()
    assert body["goal"] == "5:59.50"
    bad = client.get("/api/athletes/me/race", params={"goal": "fast"})
    assert bad.status_code == 422
    assert bad.json()["error"]["field"] == "goal"


def test_the_pace_band_downloads_as_svg(planned: TestClient) -> None:
    from xml.etree import ElementTree

    response = planned.get("/athletes/me/race/band.svg")
    assert response.headers["content-type"] == "image/svg+xml"
    assert 'filename="pace-band-700.svg"' in response.headers["content-disposition"]
    assert ElementTree.fromstring(response.content).tag.endswith("svg")


def test_downloads_list_and_files(planned: TestClient) -> None:
    import io
    import zipfile

    import vobject

    listing = planned.get("/api/athletes/me/downloads").json()["downloads"]
    assert [d["name"] for d in listing] == ["plan.ics", "workouts.zip", "plan.pdf",
                                           "plan.html", "race/band.svg"]
    assert "plan.ics" in planned.get("/athletes/me/downloads").text
    from miler.domain.plan_view import SessionView
    from miler.domain.watch import outings

    ics = planned.get("/athletes/me/plan.ics")
    calendar = vobject.readOne(ics.text)
    assert len(calendar.vevent_list) == len(sessions(planned))
    assert {e.uid.value.split("-", 1)[0] for e in calendar.vevent_list} == {"me"}
    assert {e.sequence.value for e in calendar.vevent_list} == {"1"}  # the saved version
    archive = zipfile.ZipFile(io.BytesIO(planned.get("/athletes/me/workouts.zip").content))
    workouts = outings(SessionView.from_doc(s) for s in sessions(planned))
    assert len(archive.namelist()) == len(workouts)
    assert all(name.endswith(".fit") for name in archive.namelist())
    assert planned.get("/athletes/me/plan.pdf").content.startswith(b"%PDF")
    assert "Race day" in planned.get("/athletes/me/plan.html").text


def test_downloads_without_a_plan_are_404(client: TestClient) -> None:
    assert client.get("/athletes/me/plan.ics").status_code == 404
    assert client.get("/athletes/me/downloads").status_code == 404


def test_progress_page_and_twin(planned: TestClient) -> None:
    page = planned.get("/athletes/me/progress")
    assert page.status_code == 200
    assert "<svg class=\"chart\"" in page.text  # weekly distance, best mile (the test mile)
    body = planned.get("/api/athletes/me/progress").json()
    assert len(body["weeks"]) == 8
    assert body["weeks"][0]["planned_m"] > 0
    assert body["weeks"][0]["done_m"] == 0
    assert body["best_mile"] == [{"month": "2026-12", "day": "2026-12-01", "mile_s": 465,
                                  "clock": "7:45.0"}]
    assert body["age_grade"] == []
    assert "age and sex" in body["age_grade_note"]


def test_progress_grades_the_mile_by_age(client: TestClient) -> None:
    post_json(client, "/api/athletes/me/onboarding",
              {"weekly_miles": 20, "test_mile_s": 465, "age": 45, "sex": "male"})
    grades: list[dict[str, Any]] = client.get("/api/athletes/me/progress").json()["age_grade"]
    assert len(grades) == 1
    assert 50 < grades[0]["percent"] < 80


@pytest.mark.parametrize("url", ["/athletes/someone/plan", "/api/athletes/someone/plan",
                                 "/athletes/someone/uploads", "/api/athletes/someone/progress"])
def test_local_mode_has_one_runner(planned: TestClient, url: str) -> None:
    assert planned.get(url).status_code == 404


def test_unknown_pages_are_404_html_and_api_json(client: TestClient) -> None:
    page = client.get("/no/such/page")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    api = client.get("/api/no/such")
    assert api.status_code == 404
    assert api.json()["error"]["type"] == "http"


def test_a_bad_name_in_the_url_is_refused(client: TestClient) -> None:
    response = client.get("/api/athletes/Bad%20Name/plan")
    assert response.status_code == 422


def test_pages_send_security_headers(client: TestClient) -> None:
    headers = client.get("/athletes/me/onboarding").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


def test_static_files_ship_in_the_package(client: TestClient) -> None:
    assert client.get("/static/miler.css").status_code == 200
    assert client.get("/static/miler.js").status_code == 200
    page = client.get("/athletes/me/onboarding").text
    assert "http://" not in page
    assert "https://" not in page  # no CDN, nothing remote
