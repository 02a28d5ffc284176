"""Screenshots of the web app's main pages for docs/: python tools/web_screenshots.py

A runner is onboarded (7:45 test mile, 7:00 goal, from Monday 2021-06-07), moves the week's
400 m repeats to Thursday and uploads real watch files from tests/data and the shared
corpus (when present); each page is then captured in Debian's Chromium (/usr/bin/chromium)
at 1280 px wide. The clock is fixed to Thursday 2021-06-10, the day of the track session.
"""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DATA = ROOT / "tests" / "data"
CORPUS = ROOT.parent / "shared" / "corpus"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
EXTRA_RUNS = ["fit/python-fitparse/2013-02-06-12-11-14.fit",
              "fit/python-fitparse/activity-small-fenix2-run.fit"]


def serve(data: Path) -> tuple[str, object]:
    import uvicorn

    from miler.config import Settings
    from miler.web import create_app
    from miler.web.context import clock

    app = create_app(Settings(f"sqlite:///{data / 'miler.db'}", data))
    app.dependency_overrides[clock] = lambda: datetime(2021, 6, 10, 12, tzinfo=UTC)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.02)
    return f"http://127.0.0.1:{port}", server


def shoot(page: object, name: str) -> None:
    page.evaluate("window.scrollTo(0, 0)")  # type: ignore[attr-defined]
    page.screenshot(path=str(DOCS / f"web-{name}.png"), full_page=True)  # type: ignore[attr-defined]
    print(f"docs/web-{name}.png")


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        base, server = serve(Path(tmp))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900},
                                    timezone_id="UTC")
            page.goto(base + "/")
            for field, value in (("test_mile", "7:45"), ("weekly_miles", "20"),
                                 ("goal", "7:00"), ("start", "2021-06-07"), ("name", "Sam"),
                                 ("age", "38")):
                page.fill(f"input[name={field}]", value)
            page.select_option("select[name=sex]", "male")
            shoot(page, "onboarding")
            page.click("button:has-text('Build my plan')")
            page.wait_for_url("**/plan")
            page.goto(base + "/athletes/me/sessions/2021-06-11-repeats_400")
            page.fill("input[name=to]", "2021-06-10")
            page.click("button:has-text('Move')")
            shoot(page, "session")
            page.goto(base + "/athletes/me/uploads")
            files = [DATA / "track-fenix6.fit", DATA / "fr410.tcx"]
            files += [CORPUS / p for p in EXTRA_RUNS if (CORPUS / p).exists()]
            page.set_input_files("input[type=file]", [str(f) for f in files])
            page.click("button:has-text('Upload')")
            page.wait_for_selector("[data-job-report]")  # the import ran in the background
            shoot(page, "uploads")
            page.click("text=details → >> nth=0")
            shoot(page, "activity")
            for tab, name in (("Plan", "plan"), ("Race day", "race"), ("Progress", "progress")):
                page.click(f"nav >> text={tab}")
                shoot(page, name)
            phone(browser, base)
            browser.close()
        server.should_exit = True  # type: ignore[attr-defined]


PHONE_PAGES = {"plan": "plan", "session": "sessions/2021-06-11-repeats_400",
               "race": "race", "progress": "progress", "onboarding": "onboarding"}


def phone(browser: object, base: str) -> None:
    """The same runner's pages at a phone's width (390 px): docs/web-phone-*.png."""
    page = browser.new_page(viewport={"width": 390, "height": 844},  # type: ignore[attr-defined]
                            timezone_id="UTC")
    for name, path in PHONE_PAGES.items():
        page.goto(f"{base}/athletes/me/{path}")
        shoot(page, f"phone-{name}")


if __name__ == "__main__":
    main()
