"""Pages kept per athlete data version (web/cache.py): served again until something the page
shows changes, with an ETag a browser sends back for a 304; each viewer gets their own
CSRF token in a kept page; the cache stays within its bounds."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from miler.web.cache import CSRF_PLACEHOLDER, PageCache
from tests.web.conftest import AppFactory, first, log_in, post_form, post_json, squad

PAGES = ["/athletes/me/plan", "/athletes/me/progress", "/athletes/me/race"]


def _renders(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every template the app renders from now on (a kept page renders none)."""
    import miler.web.render as render

    seen: list[str] = []
    real = render.page

    def spy(request: Any, template: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(template)
        return real(request, template, *args, **kwargs)

    for module in ("plan", "progress", "race"):
        monkeypatch.setattr(f"miler.web.routes.{module}.page", spy)
    return seen


@pytest.mark.parametrize("url", [*PAGES, "session"])
def test_a_page_is_rendered_once_and_then_served_as_kept(planned: TestClient, url: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    if url == "session":
        url = f"/athletes/me/sessions/{first(planned, 'speed')['id']}"
    seen = _renders(planned, monkeypatch)
    one, two = planned.get(url), planned.get(url)
    assert one.status_code == two.status_code == 200
    assert one.text == two.text
    assert len(seen) == 1
    assert CSRF_PLACEHOLDER not in one.text
    assert one.headers["etag"] == two.headers["etag"]


def test_a_session_marked_done_shows_at_once(planned: TestClient) -> None:
    speed = first(planned, "speed")
    url = f"/athletes/me/sessions/{speed['id']}"
    before = planned.get(url)
    assert post_form(planned, f"{url}/status", {"status": "done"}).status_code == 303
    after = planned.get(url)
    assert after.headers["etag"] != before.headers["etag"]
    assert "Done" in after.text or "done" in after.text
    assert planned.get("/api/athletes/me/plan").status_code == 200
    plan = planned.get("/athletes/me/plan")
    assert plan.status_code == 200


def test_a_logged_run_changes_the_progress_page(planned: TestClient) -> None:
    before = planned.get("/athletes/me/progress")
    assert post_json(planned, "/api/athletes/me/onboarding", {
        "weekly_miles": 25, "test_mile_s": 450, "goal_mile_s": 420, "start": "2026-11-30",
        "tz": "UTC"}).status_code in (200, 201)
    after = planned.get("/athletes/me/progress")
    assert after.headers["etag"] != before.headers["etag"]


def test_the_etag_sent_back_gets_a_304_without_a_body(planned: TestClient) -> None:
    for url in PAGES:
        etag = planned.get(url).headers["etag"]
        again = planned.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304
        assert again.content == b""
        assert again.headers["etag"] == etag
        other = planned.get(url, headers={"If-None-Match": 'W/"something-else"'})
        assert other.status_code == 200


def test_each_browser_gets_its_own_csrf_token_in_a_kept_page(make_app: AppFactory) -> None:
    from miler.web import Mode

    app = make_app(Mode.COACH)
    for coach in squad(app):
        ann = "/athletes/ann/plan"
        mine = coach.get(ann)
        other = log_in(app, "coach")
        theirs = other.get(ann)
        assert mine.status_code == theirs.status_code == 200
        for client, page in ((coach, mine), (other, theirs)):
            token = client.get("/api/session").json()["csrf_token"]
            assert f'value="{token}"' in page.text
        assert mine.headers["etag"] != theirs.headers["etag"]
        # the form on a kept page works: its token is this browser's
        speed = first(other, "speed", "ann")
        done = post_form(other, f"/athletes/ann/sessions/{speed['id']}/status",
                         {"status": "done"})
        assert done.status_code == 303


def test_another_viewer_never_gets_a_page_kept_for_someone_else(make_app: AppFactory) -> None:
    from miler.web import Mode

    app = make_app(Mode.COACH)
    for coach in squad(app):
        assert '<a href="/account" class="muted">coach</a>' in coach.get("/athletes/ann/plan").text
        ann = log_in(app, "ann")
        page = ann.get("/athletes/ann/plan")
        assert page.status_code == 200
        assert '<a href="/account" class="muted">ann</a>' in page.text
        assert '<a href="/athletes">Athletes</a>' not in page.text
        assert ann.get("/athletes/bob/plan").status_code == 404


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 300)), max_size=200),
       st.integers(1, 10), st.integers(1, 2000))
def test_the_cache_keeps_within_its_bounds_and_returns_what_was_put(
        puts: list[tuple[int, int]], max_pages: int, max_bytes: int) -> None:
    cache = PageCache(max_pages=max_pages, max_bytes=max_bytes)
    for key, size in puts:
        body = bytes([key % 256]) * size
        cache.put(key, body)
        found = cache.get(key)
        assert found is None or found[0] == body
        assert found is not None or size > max_bytes
        assert len(cache) <= max_pages
        assert cache._bytes <= max_bytes
        assert cache._bytes == sum(len(b) for b, _ in cache._pages.values())


def test_a_page_asked_for_by_many_at_once_is_rendered_once() -> None:
    # 50 connections opening a page just changed: one renders it, the others wait for it
    import threading
    from types import SimpleNamespace

    from fastapi.responses import HTMLResponse

    from miler.web.cache import cached_page

    askers = 8
    asked = threading.Condition()

    class Counting(PageCache):
        asks = 0

        def get(self, key: Any) -> Any:
            found = super().get(key)
            with asked:
                self.asks += 1
                asked.notify_all()
            return found

    cache = Counting()
    renders: list[int] = []

    def render() -> HTMLResponse:
        renders.append(1)
        with asked:  # every asker has looked for the page before this one is done
            assert asked.wait_for(lambda: cache.asks >= askers, timeout=30)
        return HTMLResponse(f"<p>{CSRF_PLACEHOLDER}</p>")

    bodies: list[bytes] = []

    def ask() -> None:
        request = SimpleNamespace(state=SimpleNamespace(), session={}, headers={})
        bodies.append(cached_page(request, cache, "page", render).body)  # type: ignore[arg-type]

    threads = [threading.Thread(target=ask) for _ in range(askers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(renders) == 1
    assert len(bodies) == askers
    assert len(set(bodies)) == askers  # each with its own CSRF token
    assert not cache._making  # nothing left behind
