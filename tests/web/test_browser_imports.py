"""Bulk imports in real Chromium: a Strava export built from ``../shared/corpus`` uploaded
through the page, its progress polled by the page's script, and the same report, counts and
names as ``miler import`` gives for the same export."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS
from tests.web.test_browser import page, server  # noqa: F401 - the fixtures

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is absent")]


def test_a_strava_export_uploads_with_progress_and_reads_as_the_cli_does(
        page: Any, server: str, tmp_path: Path, cli: Any) -> None:  # noqa: F811
    from tests.cli.test_strava_export import FIT_RUNS, _strava_export

    export = _strava_export(tmp_path)
    db = str(tmp_path / "cli.db")
    assert cli("athlete", "add", "me", "--weekly-miles", "20", "--db", db)[0] == 0
    code, printed, _ = cli("import", str(export.path), "--athlete", "me", "--db", db)
    assert code == 0
    polls: list[str] = []
    page.on("response", lambda r: polls.append(r.url)
            if re.search(r"/api/athletes/me/imports/", r.url) else None)
    page.goto(server + "/athletes/me/uploads")
    page.set_input_files("input[type=file]", str(export.path))
    page.click("button:has-text('Upload')")
    page.wait_for_url(re.compile(r"/athletes/me/imports/[A-Za-z0-9_-]{16}$"))
    report = page.inner_text("[data-job-report]")  # waits for the script's reload
    assert polls, "the page polled the job"
    job = page.request.get(polls[-1]).json()
    assert job["state"] == "done"
    assert (job["done"], job["total"]) == (3, 3)  # files read, of the files found
    # the CLI's report, line for line, but the file names (a temporary folder here)
    assert _unnamed(report) == _unnamed(printed)
    assert report.startswith("Stored 4 activities for me, 0 already known, 0 skipped.")
    outcomes = page.inner_text(".outcomes")
    for _, name in FIT_RUNS.values():
        assert name in outcomes
    assert "Treadmill 5 miles, hotel gym manual: a 5.00 mi run" in outcomes


def _unnamed(text: str) -> list[str]:
    return sorted(line.strip() for line in text.strip().splitlines())
