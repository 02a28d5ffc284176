"""Issue 19: the web app follows the one rule for names (domain/names.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from miler.web import Mode
from tests.web.conftest import PASSWORD, AppFactory, post_form, squad


@pytest.fixture
def coach(make_app: AppFactory) -> Iterator[TestClient]:
    yield from squad(make_app(Mode.COACH))


@pytest.mark.parametrize(("name", "rule"), [
    ("../../etc", "display_name must be a name, not a path"),
    ("Cat\x00", "display_name must not contain control characters"),
])
def test_a_coach_cannot_give_an_athlete_a_name_that_is_not_one(coach: TestClient, name: str,
                                                               rule: str) -> None:
    refused = post_form(coach, "/athletes/new", {"username": "cat", "password": PASSWORD,
                                                "name": name})
    assert refused.status_code == 422
    assert rule in refused.text
    assert coach.get("/athletes/cat/plan").status_code == 404
