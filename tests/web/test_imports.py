"""Bulk uploads in the web app: a Strava export (activities.csv with a run entered by hand,
repeated column names, gzipped files) and loose files, streamed to disk and imported in the
background through the bounded worker, with the CLI's own report at the end."""

from __future__ import annotations

import csv
import gzip
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.web.conftest import DATA, token

HEADER = ["Activity ID", "Activity Date", "Activity Name", "Activity Type", "Elapsed Time",
          "Distance", "Filename", "Elapsed Time", "Moving Time", "Distance"]


def strava_zip(path: Path) -> Path:
    """track-fenix6.fit (2021-06-10, 4.00 mi) gzipped as Strava stores it, and a treadmill
    run entered by hand the next day."""
    rows = [HEADER,
            ["11", "Jun 10, 2021, 4:00:00 PM", "Track Tuesday", "Run", "1800", "6.44",
             "activities/11.fit.gz", "1800", "1700", "6437.4"],
            ["12", "Jun 11, 2021, 6:00:00 AM", "Treadmill [easy]", "Run", "1800", "8.05", "",
             "1800", "1800", "8046.7"]]
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("activities.csv", text.getvalue())
        z.writestr("activities/11.fit.gz", gzip.compress((DATA / "track-fenix6.fit").read_bytes()))
    return path


def finished(client: TestClient, url: str) -> dict[str, Any]:
    """The job behind the import page at ``url``, once it has ended."""
    job_id = url.rsplit("/", 1)[1]
    app: Any = client.app
    job = app.state.web.imports.get("me", job_id)
    assert job.finished.wait(120)
    doc: dict[str, Any] = client.get(f"/api/athletes/me/imports/{job_id}").json()
    return doc


def test_a_strava_export_and_a_loose_file_import_in_the_background(client: TestClient,
                                                                   tmp_path: Path) -> None:
    export = strava_zip(tmp_path / "export_1.zip")
    files = [("files", ("export_1.zip", export.read_bytes())),
             ("files", ("fr410.tcx", (DATA / "fr410.tcx").read_bytes()))]
    sent = client.post("/athletes/me/imports", files=files, data={"csrf_token": token(client)},
                       follow_redirects=False)
    assert sent.status_code == 303, sent.text
    url = sent.headers["location"]
    assert re.fullmatch(r"/athletes/me/imports/[A-Za-z0-9_-]{16}", url)
    job = finished(client, url)
    assert job["state"] == "done", job
    assert (job["done"], job["total"]) == (2, 2)
    assert job["lines"][0] == "Stored 3 activities for me, 0 already known, 0 skipped."
    assert "  2021-06-11 5.00 mi Treadmill [easy] (manual): no planned run that day" \
        in job["lines"]
    assert any(line.startswith("  2021-06-10 4.00 mi, best mile 6:20.1 Track Tuesday: ")
               for line in job["lines"])
    names = {r["name"] for r in job["stored"]}
    assert "export_1.zip!activities/11.fit.gz" in names  # the job's own folder is not shown
    page = client.get(url).text
    assert "Stored 3 activities for me" in page
    assert "Treadmill [easy]</strong> <span class=\"badge\">manual</span>" in page
    again = client.post("/athletes/me/imports", files=files[:1],
                        data={"csrf_token": token(client)})
    assert "Stored 0 activities for me, 2 already known, 0 skipped." in \
        finished(client, str(again.url))["lines"]
    listing = client.get("/api/athletes/me/uploads").json()["activities"]
    assert sorted(a["day"] for a in listing) == ["2012-12-26", "2021-06-10", "2021-06-11"]


def test_an_upload_with_no_file_is_refused_and_jobs_are_private(client: TestClient) -> None:
    sent = client.post("/athletes/me/imports", data={"csrf_token": token(client)},
                       files=[("files", ("", b""))])
    assert sent.status_code == 422
    assert 'class="message">files' in sent.text  # FastAPI's own check names the field
    assert client.get("/api/athletes/me/imports/AAAAAAAAAAAAAAAA").status_code == 404


def test_a_bulk_body_over_its_limit_is_refused_before_it_is_read(client: TestClient) -> None:
    from miler.web.app import BULK_BODY_BYTES, MAX_BODY_BYTES

    assert BULK_BODY_BYTES > 2 * 1024**3 > MAX_BODY_BYTES
    sent = client.post("/athletes/me/imports", content=b"",
                       headers={"content-length": str(BULK_BODY_BYTES + 1),
                                "content-type": "multipart/form-data; boundary=x"})
    assert sent.status_code == 413
    assert "request must be at most 2 GB" in sent.text


def test_a_rest_day_is_not_done_or_skipped(planned: TestClient) -> None:
    from tests.web.conftest import first, post_json

    rest = first(planned, "rest")
    url = f"/api/athletes/me/sessions/{rest['id']}/status"
    for status in ("done", "skipped"):
        answer = post_json(planned, url, {"status": status})
        assert answer.status_code == 422
        assert answer.json()["error"]["message"] == (
            f"status must be planned for a rest day (rest is not done or skipped), "
            f"got '{status}'")
    assert post_json(planned, url, {"status": "planned"}).status_code == 200
    page = planned.get(f"/athletes/me/sessions/{rest['id']}").text
    assert "Mark done" not in page
