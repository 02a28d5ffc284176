"""A use case that fails changes nothing, on SQLite and on PostgreSQL: re-onboarding with an
impossible race date answers 422 and leaves the stored profile and plan exactly as they were.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from miler.services.ports import Storage, open_storage
from tests.web.conftest import ONBOARDING, AppFactory, post_form


@pytest.fixture
def stored(database_url: str) -> Iterator[Storage]:
    store = open_storage(database_url)
    yield store
    store.close()


def _snapshot(store: Storage) -> tuple[Any, ...]:
    with store.transaction() as repo:
        return (repo.athlete("me").profile, [(p.version, p.inputs, p.doc) for p in
                                             repo.plans("me")], repo.sessions("me"),
                repo.results("me"))


def test_re_onboarding_with_an_impossible_race_date_changes_nothing(
        make_app: AppFactory, stored: Storage) -> None:
    with TestClient(make_app(store=stored)) as client:
        assert post_form(client, "/athletes/me/onboarding", ONBOARDING).status_code == 303
        before = _snapshot(stored)
        response = post_form(client, "/athletes/me/onboarding",
                             {**ONBOARDING, "weekly_miles": "35", "race_date": "2026-12-05"})
        assert response.status_code == 422
        assert "race" in response.text
        assert _snapshot(stored) == before
        assert before[0]["weekly_miles"] == 20
