"""What a coach-mode page of an athlete asks the database (issue 22): the session and the
coach's link in one statement, then the page's own reads. Each statement is a round trip on
PostgreSQL."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import event

from tests.web.conftest import log_in


def _statements(app: Any, client: TestClient, url: str) -> tuple[int, list[str]]:
    """The status of GET ``url`` and the SQL statements it sent."""
    sent: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        sent.append(" ".join(statement.split()))

    engine = app.state.web.store.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        status = client.get(url).status_code
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return status, sent


def test_a_kept_page_of_an_athlete_is_two_statements(coach: TestClient, app: Any) -> None:
    url = "/athletes/ann/progress"
    assert coach.get(url).status_code == 200  # rendered, then kept
    status, sent = _statements(app, coach, url)
    assert status == 200
    assert len(sent) == 2, sent  # who asks with the coach's link; the data version
    assert "web_sessions" in sent[0]
    assert "web_coach_athletes" in sent[0]
    ann = log_in(app, "ann")
    assert ann.get(url).status_code == 200
    assert len(_statements(app, ann, url)[1]) == 2  # the athlete's own page alike


def test_another_coachs_athlete_is_not_found_after_one_statement(
        coach: TestClient, app: Any) -> None:
    from tests.web.conftest import PASSWORD, post_json

    made = post_json(coach, "/api/coaches", {"username": "other", "password": PASSWORD})
    assert made.status_code == 201, made.text
    other = log_in(app, "other")
    status, sent = _statements(app, other, "/athletes/ann/progress")
    assert status == 404
    assert len(sent) == 1, sent
