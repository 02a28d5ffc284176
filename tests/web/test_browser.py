"""The app in a real browser: Debian's Chromium (/usr/bin/chromium) driven by Playwright,
against uvicorn on a free loopback port. Playwright's own browser download is not used."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import DATA, NOW

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium package "
                       "(/usr/bin/chromium): apt-get install -y chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """uvicorn serving a fresh local-mode app in a thread; yields its base URL."""
    import uvicorn

    from miler.config import Settings
    from miler.web import create_app
    from miler.web.context import clock

    data = tmp_path / "data"
    app = create_app(Settings(f"sqlite:///{data / 'miler.db'}", data))
    app.dependency_overrides[clock] = lambda: NOW
    port = free_port()
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                            log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:  # readiness, not a fixed sleep
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900},
                                      accept_downloads=True, timezone_id="UTC")
        yield context.new_page()
        browser.close()


def onboard(page: Any, server: str) -> None:
    page.goto(server + "/")
    page.fill("input[name=test_mile]", "7:45")
    page.fill("input[name=weekly_miles]", "20")
    page.fill("input[name=goal]", "7:00")
    page.fill("input[name=start]", "2026-11-30")
    page.click("button:has-text('Build my plan')")
    page.wait_for_url(re.compile(r"/athletes/me/plan$"))


def test_onboarding_plan_session_and_calendar_download(page: Any, server: str,
                                                       tmp_path: Path) -> None:
    onboard(page, server)
    assert page.inner_text("h1") == "A 7:00 mile"
    assert "reasonable" in page.inner_text(".verdict")
    assert page.locator(".cal-week").count() == 8
    page.locator(".chip.hard").first.click()
    page.wait_for_url(re.compile(r"/athletes/me/sessions/"))
    assert page.locator("table.steps tbody tr").count() >= 3
    assert "Why:" in page.inner_text(".why")
    page.click("button:has-text('Mark done')")
    assert page.text_content(".badge.status") == "done"
    page.click("text=← Plan")
    assert page.locator(".chip.status-done").count() == 1
    with page.expect_download() as download:
        page.click("text=Add to calendar")
    saved = tmp_path / "plan.ics"
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR")
    assert text.count("BEGIN:VEVENT") > 40


def test_upload_a_real_fit_file_and_see_its_best_mile(page: Any, server: str) -> None:
    page.goto(server + "/athletes/me/uploads")
    page.set_input_files("input[type=file]", str(DATA / "track-fenix6.fit"))
    assert page.inner_text("[data-files]") == "track-fenix6.fit"  # the page's own script
    page.click("button:has-text('Upload')")
    outcome = page.inner_text(".outcomes li.ok")
    assert "best mile 6:20.1" in outcome
    page.click("text=details →")
    assert page.inner_text("[data-best-mile] strong") == "6:20.1"
    assert page.locator("table").first.locator("tr.highlight").inner_text().startswith("Mile")


def test_files_dropped_on_the_zone_are_uploaded(page: Any, server: str) -> None:
    import base64

    page.goto(server + "/athletes/me/uploads")
    payload = base64.b64encode((DATA / "fr410.tcx").read_bytes()).decode()
    drop = page.evaluate_handle("""(data) => {
        const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], "fr410.tcx"));
        return transfer;
    }""", payload)
    page.dispatch_event("[data-dropzone]", "drop", {"dataTransfer": drop})
    assert page.inner_text("[data-files]") == "fr410.tcx"
    page.click("button:has-text('Upload')")
    assert "a 2.91 mi run on 2012-12-26" in page.inner_text(".outcomes")


def test_race_day_band_and_progress_render(page: Any, server: str) -> None:
    onboard(page, server)
    page.click("nav >> text=Race day")
    assert page.locator(".band svg").count() == 1
    assert page.locator("table.laps tbody tr").count() == 4
    page.click("nav >> text=Progress")
    assert page.locator("svg.chart").count() >= 2  # weekly distance, best mile


def test_the_pages_load_nothing_from_outside(page: Any, server: str) -> None:
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith(server) and not r.url.startswith("data:") else None)
    onboard(page, server)
    for tab in ("Race day", "Uploads", "Progress", "Downloads"):
        page.click(f"nav >> text={tab}")
    assert outside == []


def test_the_plan_calendar_prints_on_one_landscape_page(page: Any, server: str) -> None:
    import io

    from pdfminer.high_level import extract_pages

    onboard(page, server)
    page.wait_for_url(re.compile(r".*/plan$"))
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (printed,) = list(extract_pages(io.BytesIO(pdf)))  # one page
    assert printed.width > printed.height  # landscape


def test_the_session_page_copies_its_intervals_icu_text(page: Any, server: str) -> None:
    onboard(page, server)
    page.wait_for_url(re.compile(r".*/plan$"))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("a.chip.hard >> nth=0")
    page.click("details.intervals summary")
    button = page.locator("[data-copy=intervals-icu]")
    button.click()
    from playwright.sync_api import expect

    expect(button).to_have_text("Copied")  # once the clipboard write has finished
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#intervals-icu").text_content()
    assert "Main Set" in copied
