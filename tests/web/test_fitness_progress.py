"""The progress page's fitness chart (issue 20, part 4): the estimate week by week with its
80 % interval as a band, beside the test miles and time trials actually run."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("fastapi", reason="the web extra is not installed")

from fastapi.testclient import TestClient

from miler.domain.units import METERS_PER_MILE
from miler.web.fitness_chart import Estimate, Result, fitness

SVG = "{http://www.w3.org/2000/svg}"
MONDAY = date(2026, 9, 7)


def _ys(points: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in (p.split(",") for p in points.split())]


def test_the_band_breaks_where_there_was_no_estimate() -> None:
    weeks = [Estimate(MONDAY + timedelta(weeks=i), m, lo, hi) for i, (m, lo, hi) in
             enumerate([(420, 400, 440), (418, 399, 437), (None, None, None), (410, 395, 426)])]
    svg = ElementTree.fromstring(fitness("f", weeks, [Result(MONDAY, "time trial", 415)], str))
    bands = svg.findall(f"{SVG}polygon")
    assert [b.get("class") for b in bands] == ["c-band", "c-band"]
    assert len(_ys(bands[0].get("points", ""))) == 4  # two weeks: top and bottom edges
    [result] = [c for c in svg.findall(f"{SVG}circle") if c.get("class") == "c-result"]
    assert "time trial 415" in ElementTree.tostring(result, encoding="unicode")
    assert fitness("f", [Estimate(MONDAY, None)], [], str) == ""


@given(st.lists(st.tuples(st.floats(240, 900), st.floats(0.01, 0.2), st.floats(0.01, 0.2)),
                min_size=1, max_size=60))
def test_every_estimate_lies_inside_its_band_and_faster_is_higher(
        rows: list[tuple[float, float, float]]) -> None:
    weeks = [Estimate(MONDAY + timedelta(weeks=i), m, m * (1 - a), m * (1 + b))
             for i, (m, a, b) in enumerate(rows)]
    svg = ElementTree.fromstring(fitness("f", weeks, [], str))
    [band] = svg.findall(f"{SVG}polygon")
    edge = _ys(band.get("points", ""))
    n = len(edge) // 2
    top, bottom = edge[:n], edge[n:][::-1]
    dots = [c for c in svg.findall(f"{SVG}circle") if c.get("class") == "c-estimate-dot"]
    assert len(dots) == len(weeks)
    for i, dot in enumerate(dots):
        y = float(dot.get("cy", 0))
        j = min(i, n - 1)  # one week alone is drawn as a narrow band of two points
        assert top[j][1] - 0.11 <= y <= bottom[j][1] + 0.11  # faster (low) is drawn higher
    fastest = min(range(len(weeks)), key=lambda i: weeks[i].mile_s or 0)
    assert float(dots[fastest].get("cy", 0)) == min(float(d.get("cy", 0)) for d in dots)


def test_the_progress_page_draws_the_estimate_beside_the_races(planned: TestClient,
                                                              tmp_path: Path) -> None:
    from miler.services.ports import open_storage
    from miler.services.training import log_run

    store = open_storage(f"sqlite:///{tmp_path / 'data' / 'miler.db'}")
    now = datetime(2026, 12, 1, tzinfo=UTC)
    for day, seconds in ((date(2026, 10, 1), 400.0), (date(2026, 11, 5), 390.0)):
        log_run(store, "me", day, "race", METERS_PER_MILE, seconds, now)
    store.close()
    body = planned.get("/api/athletes/me/progress").json()
    weeks = body["fitness"]
    assert [w["day"] for w in weeks][:2] == ["2026-10-04", "2026-10-11"]  # week ends
    # the onboarding's test mile, after the newest run: a row of its own, no estimate
    assert weeks[-1] == {"day": "2026-12-01", "mile_s": None, "interval_80": None,
                         "ran": [{"day": "2026-12-01", "kind": "test_mile", "mile_s": 465,
                                  "clock": "7:45.0"}]}
    estimated = [w for w in weeks if w["mile_s"] is not None]
    assert len(estimated) == 6  # 4, 11, 18, 25 Oct, 1 Nov and 5 Nov
    assert all(w["interval_80"][0] < w["mile_s"] < w["interval_80"][1] for w in estimated)
    assert estimated[-1]["mile_s"] == pytest.approx(390.0, abs=0.5)  # a race counts fully
    assert [m["clock"] for w in weeks for m in w["ran"]] == ["6:40.0", "6:30.0", "7:45.0"]
    page = planned.get("/athletes/me/progress").text
    assert "Mile estimate, week by week" in page
    assert page.count('class="c-band"') == 1
    assert page.count('class="c-result"') == 3
