"""The coach's athlete list (/athletes) is kept under the squad's version: served again
until who is in the squad, anything of theirs, or the week they are in changes; each card
says what the JSON twin says."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from typing import Any

import pytest
from fastapi.testclient import TestClient

from miler.web.context import clock
from tests.web.conftest import NOW, PASSWORD, log_in, post_form, post_json, sessions


def _renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import miler.web.render as render

    seen: list[str] = []
    real = render.page

    def spy(request: Any, template: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(template)
        return real(request, template, *args, **kwargs)

    monkeypatch.setattr("miler.web.routes.accounts.page", spy)
    return seen


def _agrees(client: TestClient) -> str:
    """The page, after checking each card against /api/athletes."""
    html = client.get("/athletes").text
    rows = client.get("/api/athletes").json()["athletes"]
    for row in rows:
        card = html.split(f'href="{row["plan_url"]}"', 1)[1].split("</li>", 1)[0]
        assert escape(row["display_name"]) in card
        assert escape(row["this_week"]) in card
        assert (row["goal"] is None) == ("Goal" not in card)
    assert html.count('<li class="card">') == len(rows)
    return html


def test_the_page_is_rendered_once_then_kept(coach: TestClient,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _renders(monkeypatch)
    one, two = coach.get("/athletes"), coach.get("/athletes")
    assert one.status_code == two.status_code == 200
    assert one.text == two.text
    assert seen == ["athletes.html"]
    assert one.headers["etag"] == two.headers["etag"]


def test_a_new_athlete_shows_at_once(coach: TestClient) -> None:
    before = _agrees(coach)
    made = post_json(coach, "/api/athletes", {"username": "cy", "password": PASSWORD,
                                              "name": "Cy <the new one>"})
    assert made.status_code == 201
    after = _agrees(coach)
    assert "Cy &lt;the new one&gt;" in after
    assert "Cy &lt;" not in before
    assert "no plan yet" in after


def _mark_one_done_this_week(app: Any) -> int:
    """ann marks a speed session of this week done; how many sessions the week has."""
    ann = log_in(app, "ann")
    monday = NOW.date() - timedelta(days=NOW.weekday())
    this_week = [s for s in sessions(ann, "ann")
                 if monday <= date.fromisoformat(s["date"]) <= monday + timedelta(days=6)]
    run = next(s for s in this_week if s["kind"] == "speed")
    url = f"/athletes/ann/sessions/{run['id']}/status"
    assert post_form(ann, url, {"status": "done"}).status_code == 303
    return len(this_week)


def test_a_session_marked_by_an_athlete_shows_at_once(coach: TestClient, app: Any) -> None:
    before = _agrees(coach)
    sessions_this_week = _mark_one_done_this_week(app)
    after = _agrees(coach)
    assert after != before
    assert f"1 of {sessions_this_week} sessions done" in after


def test_each_week_shows_its_own_sessions(coach: TestClient, app: Any) -> None:
    _mark_one_done_this_week(app)

    def days_on(days: int) -> Any:
        async def now() -> Any:
            return NOW + timedelta(days=days)
        return now

    pages = []
    for days in (0, 7, 0):
        app.dependency_overrides[clock] = days_on(days)
        pages.append(_agrees(coach))
    assert pages[0] != pages[1]
    assert pages[0] == pages[2]
    assert "1 of" in pages[0]
    assert "1 of" not in pages[1]
