"""Every page at a phone's width (390 px, Chromium): no sideways scrolling, the header never
over the form, rest days without "done" or "skipped", and the activity page's charts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.web.conftest import DATA
from tests.web.test_browser import ARGS, CHROMIUM, onboard, server, sync_api  # noqa: F401

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        # a plain 390 px window: mobile emulation would widen the layout viewport to fit
        # whatever overflows, hiding the very thing checked here
        context = browser.new_context(viewport=PHONE, timezone_id="UTC")
        yield context.new_page()
        browser.close()


def overflow(page: Any) -> int:
    """How far the page reaches past the viewport's right edge, in CSS pixels."""
    width: int = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    return width


def test_every_page_fits_a_phone(phone: Any, server: str) -> None:  # noqa: F811
    phone.goto(server + "/")
    assert overflow(phone) <= 0, "onboarding"
    onboard(phone, server)
    phone.goto(server + "/athletes/me/uploads")
    phone.set_input_files("input[type=file]", str(DATA / "track-fenix6.fit"))
    phone.click("button:has-text('Upload')")
    phone.wait_for_selector("[data-job-report]")
    assert overflow(phone) <= 0, "import report"
    phone.click("text=details →")
    phone.wait_for_url(re.compile(r"/activities/\d+$"))
    # the activity's pace and heart-rate charts, each with its table behind a toggle
    for chart in ("pace", "heart-rate"):
        box = phone.locator(f"[data-chart={chart}]")
        assert box.locator("svg.chart").is_visible()
        assert not box.locator("table").is_visible()
        box.locator("summary").click()
        assert box.locator("table tbody tr").count() > 10
    assert overflow(phone) <= 0, "activity with its tables open"
    pages = {"activity": phone.url}
    phone.goto(server + "/athletes/me/plan")
    label = phone.inner_text(".cal-label >> nth=0")  # as shown: CSS text-transform applied
    assert re.search(r"\d mi$", label), label  # units keep their case: "19.9 mi", not "Mi"
    assert phone.inner_text(".paces tbody th >> nth=0")[0].isupper()
    pages["session"] = server + phone.locator(".chip.hard").first.get_attribute("href")
    for name in ("plan", "race", "uploads", "progress", "downloads"):
        pages[name] = f"{server}/athletes/me/{name}"
    pages["re-plan"] = f"{server}/athletes/me/onboarding"
    wide = {}
    for name, url in pages.items():
        phone.goto(url)
        wide[name] = overflow(phone)
    assert {name: px for name, px in wide.items() if px > 0} == {}


def test_the_header_stays_at_the_top_of_a_full_page_screenshot(phone: Any,
                                                              server: str) -> None:  # noqa: F811
    phone.goto(server + "/")
    phone.fill("input[name=age]", "38")  # scrolls the page down to the field
    assert phone.evaluate("window.scrollY") > 0
    phone.screenshot(full_page=True)
    top = phone.evaluate("document.querySelector('.top').getBoundingClientRect().top"
                         " + window.scrollY")
    assert top == 0  # in the document, not over the form wherever the page was scrolled


def test_a_rest_day_is_neither_done_nor_skipped(phone: Any, server: str) -> None:  # noqa: F811
    onboard(phone, server)
    phone.locator(".chip.kind-rest").first.click()
    phone.wait_for_url(re.compile(r"/sessions/"))
    buttons = phone.locator(".mark button").all_inner_texts()
    assert "Mark done" not in buttons
    assert "Skipped" not in buttons
    assert "Move" in buttons
