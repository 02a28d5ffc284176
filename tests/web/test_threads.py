"""Pages keep being served while slow routes (downloads, uploads) hold threads: the pages run
on a few threads (web/app.py PAGE_THREADS), the slow routes on threads of their own."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from fastapi.testclient import TestClient

from miler.web.app import PAGE_THREADS


def test_a_page_is_served_while_more_downloads_than_page_threads_are_held(
        planned: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import miler.web.routes.downloads as downloads

    real = downloads.download
    gate, started = threading.Event(), threading.Semaphore(0)

    def held(*args: Any, **kwargs: Any) -> Any:
        started.release()
        gate.wait(30)  # released below; the bound only keeps a broken build from hanging
        return real(*args, **kwargs)

    monkeypatch.setattr(downloads, "download", held)
    statuses: list[int] = []
    holders = [threading.Thread(target=lambda: statuses.append(
        planned.get("/athletes/me/plan.ics").status_code)) for _ in range(PAGE_THREADS + 1)]
    for holder in holders:
        holder.start()
    try:
        for _ in holders:
            assert started.acquire(timeout=30), "a download did not start"
        page: list[int] = []
        reader = threading.Thread(target=lambda: page.append(
            planned.get("/athletes/me/plan").status_code))
        reader.start()
        reader.join(timeout=20)
        assert page == [200], "the plan page waited for the downloads"
    finally:
        gate.set()
        for holder in holders:
            holder.join(timeout=30)
    assert statuses == [200] * len(holders)
