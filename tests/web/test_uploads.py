"""Uploads: real files read, kept inside the data directory, matched to the plan; bad ones
answered with the importer's message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import DATA, NOW, ONBOARDING, AppFactory, post_form, token

FIT = DATA / "track-fenix6.fit"  # a track session of 2021-06-10, 4 mi, 17 laps
TCX = DATA / "fr410.tcx"


def upload(client: TestClient, *files: tuple[str, bytes], api: bool = True) -> Any:
    url = "/api/athletes/me/uploads" if api else "/athletes/me/uploads"
    return client.post(url, files=[("files", (name, data)) for name, data in files],
                       headers={"X-CSRF-Token": token(client)})


def test_a_real_fit_file_shows_its_best_mile(client: TestClient) -> None:
    body = upload(client, ("track-fenix6.fit", FIT.read_bytes())).json()
    [result] = body["results"]
    assert result["ok"] is True
    assert result["message"] == "a 4.00 mi run on 2021-06-10, no open planned session that day"
    assert 375 < result["summary"]["best_mile_s"] < 385  # 6:20.1 by the importer
    page = client.get(f"/athletes/me/activities/{result['activity_id']}")
    assert "Best mile <strong>6:20.1</strong>" in page.text
    twin = client.get(f"/api/athletes/me/activities/{result['activity_id']}").json()
    assert twin["activity"]["schema"] == "miler.activity/1"
    assert [e["key"] for e in twin["efforts"]][:4] == ["400m", "800m", "1km", "mile"]
    assert len(twin["splits"]) == 4
    assert len(twin["laps"]) == 17


def test_several_files_at_once_each_get_an_answer(client: TestClient) -> None:
    body = upload(client, ("track-fenix6.fit", FIT.read_bytes()), ("fr410.tcx", TCX.read_bytes()),
                  ("notes.txt", b"just words"), ("broken.gpx", b"<?xml version='1.0'?><gpx><trk"),
                  ("empty.gpx", b"<?xml version='1.0'?><gpx></gpx>"),
                  ("hr.gpx", b"<?xml version='1.0'?><gpx><wpt lat='1' lon='2'/></gpx>")).json()
    answers = {r["name"]: (r["ok"], r["message"]) for r in body["results"]}
    assert answers["track-fenix6.fit"][0] is True
    assert answers["fr410.tcx"][0] is True
    assert answers["notes.txt"] == (False, "file must be a FIT, GPX or TCX file (its content "
                                           "is none of them), got 'notes.txt'")
    # the importer's own messages
    assert answers["broken.gpx"] == (False, "broken.gpx: not well-formed XML (unclosed token: "
                                            "line 1, column 26)")
    assert answers["hr.gpx"] == (False, "hr.gpx: no track points (a route or waypoints, "
                                        "not an activity)")
    assert answers["empty.gpx"] == (False, "empty.gpx: no track points (a route or waypoints, "
                                           "not an activity)")
    listing = client.get("/api/athletes/me/uploads").json()["activities"]
    assert [a["day"] for a in listing] == ["2021-06-10", "2012-12-26"]  # newest first


def test_the_content_must_match_the_name(client: TestClient) -> None:
    [result] = upload(client, ("run.gpx", FIT.read_bytes())).json()["results"]
    assert result == {**result, "ok": False, "message": "file must be what its name says: the "
                      "name says GPX, the content is FIT, got 'run.gpx'"}


def test_the_same_file_twice_is_imported_once(client: TestClient) -> None:
    upload(client, ("a.fit", FIT.read_bytes()))
    [again] = upload(client, ("b.fit", FIT.read_bytes())).json()["results"]
    assert again["ok"] is True
    assert again["message"] == "already imported: nothing new"
    assert len(client.get("/api/athletes/me/uploads").json()["activities"]) == 1


def test_files_are_kept_inside_the_data_directory_by_hash(client: TestClient,
                                                          tmp_path: Path) -> None:
    import hashlib

    [result] = upload(client, ("../../../../evil.fit", FIT.read_bytes())).json()["results"]
    assert result["name"] == "evil.fit"  # the folders a browser sent are dropped
    sha = hashlib.sha256(FIT.read_bytes()).hexdigest()
    kept = tmp_path / "data" / "uploads" / "me" / f"{sha}.fit"
    assert kept.read_bytes() == FIT.read_bytes()
    assert not list(tmp_path.rglob("evil*"))
    assert [p.name for p in kept.parent.iterdir()] == [kept.name]
    download = client.get(f"/athletes/me/activities/{result['activity_id']}/file")
    assert download.content == FIT.read_bytes()


def test_a_refused_file_is_not_kept(client: TestClient, tmp_path: Path) -> None:
    [result] = upload(client, ("empty.gpx", b"<?xml version='1.0'?><gpx></gpx>")).json()["results"]
    assert result["ok"] is False
    assert list((tmp_path / "data").rglob("*.gpx")) == []  # read before it is kept: never written


def test_a_file_over_the_size_limit_is_refused(client: TestClient,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import miler.services.uploads
    import miler.web.routes.uploads

    monkeypatch.setattr(miler.services.uploads, "MAX_FILE_BYTES", 1024)
    monkeypatch.setattr(miler.web.routes.uploads, "MAX_FILE_BYTES", 1024)
    [result] = upload(client, ("big.fit", FIT.read_bytes())).json()["results"]
    assert result["ok"] is False
    assert result["message"] == "file must be at most 1 KB (this one is over), got 'big.fit'"


def test_a_request_over_the_body_limit_is_413(make_app: AppFactory,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import miler.web.app

    monkeypatch.setattr(miler.web.app, "MAX_BODY_BYTES", 4096)
    with TestClient(make_app()) as client:
        response = upload(client, ("track-fenix6.fit", FIT.read_bytes()))
        assert response.status_code == 413
        assert response.json()["error"]["message"] == "request must be at most 4 KB"


def test_an_upload_without_the_csrf_token_is_refused(client: TestClient) -> None:
    response = client.post("/athletes/me/uploads",
                           files=[("files", ("a.fit", FIT.read_bytes()))])
    assert response.status_code == 403
    assert client.get("/api/athletes/me/uploads").json()["activities"] == []


def test_the_upload_page_lists_results_and_runs(client: TestClient) -> None:
    response = client.post("/athletes/me/uploads",
                           files=[("files", ("track-fenix6.fit", FIT.read_bytes()))],
                           data={"csrf_token": token(client)})
    assert response.status_code == 200
    assert "What was found" in response.text
    assert "best mile <strong>6:20.1</strong>" in response.text
    assert client.get("/athletes/me/uploads").text.count("2021-06-10") == 1


def test_a_run_on_a_planned_day_ticks_off_the_session(client: TestClient) -> None:
    # The runner onboards on Tuesday 2021-06-08 and uploads Thursday's run on Friday: a
    # recent result after the plan's basis (older ones never re-pace a plan).
    from datetime import UTC, datetime

    from miler.web.context import clock

    overrides = client.app.dependency_overrides  # type: ignore[attr-defined]
    overrides[clock] = lambda: datetime(2021, 6, 8, 12, tzinfo=UTC)
    post_form(client, "/athletes/me/onboarding", {**ONBOARDING, "start": "2021-06-07"})
    overrides[clock] = lambda: datetime(2021, 6, 11, 12, tzinfo=UTC)
    body = upload(client, ("track-fenix6.fit", FIT.read_bytes())).json()
    [result] = body["results"]
    session_id = result["matched_session"]
    assert session_id.startswith("2021-06-10-")  # the run's day, Thursday of week 1
    session = client.get(f"/api/athletes/me/sessions/{session_id}").json()
    assert session["status"] == "done"
    assert session["activity_id"] == result["activity_id"]
    activity = client.get(f"/api/athletes/me/activities/{result['activity_id']}").json()
    assert activity["matched"]["id"] == session_id
    # a 6:20 mile inside the run beats the 7:45 test mile: the paces are re-set
    assert body["replanned"].startswith("a faster mile inside a run: 6:20.1 on 2021-06-10")
    plan = client.get("/api/athletes/me/plan").json()
    assert plan["version"] == 2
    weeks = client.get("/api/athletes/me/progress").json()["weeks"]
    assert weeks[0]["done_sessions"] == 1  # kept through the re-plan
    assert round(weeks[0]["done_m"]) == 6440


def test_another_athletes_activity_is_404(client: TestClient) -> None:
    [result] = upload(client, ("a.fit", FIT.read_bytes())).json()["results"]
    url = f"/athletes/someone/activities/{result['activity_id']}"
    assert client.get(url).status_code == 404
    assert client.get(url + "/file").status_code == 404
    assert client.get("/api/athletes/me/activities/999").status_code == 404


@pytest.mark.parametrize("target", ["web-secret", "miler.db", "uploads/me/../../miler.db",
                                    "uploads/other/{sha}.fit", "uploads/me/{sha}.fit.txt"])
def test_only_the_kept_upload_is_ever_served(client: TestClient, tmp_path: Path,
                                             target: str) -> None:
    """A stored path pointing anywhere else (a hostile backup's) is 404, not that file."""
    import hashlib

    from sqlalchemy import create_engine, text

    [result] = upload(client, ("a.fit", FIT.read_bytes())).json()["results"]
    data = tmp_path / "data"
    (data / "web-secret").write_bytes(b"secret")
    sha = hashlib.sha256(FIT.read_bytes()).hexdigest()
    hostile = data / target.format(sha=sha)
    if not hostile.exists():
        hostile.parent.mkdir(parents=True, exist_ok=True)
        hostile.write_bytes(b"not yours")
    engine = create_engine(f"sqlite:///{data / 'miler.db'}")
    with engine.begin() as db:
        db.execute(text("UPDATE activities SET path = :p"), {"p": str(hostile)})
    engine.dispose()
    download = client.get(f"/athletes/me/activities/{result['activity_id']}/file")
    assert download.status_code == 404
    assert download.content != FIT.read_bytes()


def test_the_activity_page_shows_track_laps_and_reps_against_the_plan(
        make_app: AppFactory, tmp_path: Path) -> None:
    from miler.adapters.storage.repository import Store
    from tests.services.test_rep_scores import _plan

    (tmp_path / "data").mkdir()
    store = Store.open(f"sqlite:///{tmp_path / 'data' / 'miler.db'}")
    with store.transaction() as repo:  # 6 x 400 m at 4:00-4:30 a mile on the run's day
        repo.add_athlete("me", {"weekly_miles": 20}, NOW)
        repo.save_plan("me", {}, _plan(240.0, 270.0), "first plan", NOW)
    store.engine.dispose()
    with TestClient(make_app()) as client:
        [result] = upload(client, ("track-fenix6.fit", FIT.read_bytes())).json()["results"]
        page = client.get(f"/athletes/me/activities/{result['activity_id']}").text
        twin = client.get(f"/api/athletes/me/activities/{result['activity_id']}").json()
        progress = client.get("/api/athletes/me/progress").json()
        progress_page = client.get("/athletes/me/progress").text
    assert "Track laps, as run" in page
    assert "Lane 1: 6440 m on the track" in page
    assert "Reps against the plan" in page
    assert "done, off target" in page  # the session's badge
    assert twin["track"]["lane"] == 1
    assert [r["verdict"] for r in twin["reps"]] == ["too slow"] * 3 + ["not found"] * 3
    assert twin["note"] == "done, off target"
    assert progress["reps"]["too_slow"] == 3
    assert "Reps against targets: 0 of 3 run on target, 3 too slow" in progress_page
