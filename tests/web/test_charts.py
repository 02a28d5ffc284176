"""Server-side SVG charts: a time axis drawn to scale, gaps dashed; the activity page's pace
and heart-rate charts with their tables."""

from __future__ import annotations

import re
from datetime import date

from fastapi.testclient import TestClient

from miler.domain.units import format_clock
from miler.web import charts
from tests.web.conftest import DATA, token

#: The issue's months: evenly spaced before, they must sit at their real dates.
DAYS = [date(2012, 12, 26), date(2013, 2, 6), date(2015, 8, 15), date(2021, 6, 10)]


def _dots(svg: str) -> list[float]:
    return [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]


def test_a_time_axis_is_to_scale_and_shows_its_gaps() -> None:
    points = [(float(d.toordinal()), 400.0 - i) for i, d in enumerate(DAYS)]
    svg = charts.over("Best mile", points, format_clock,
                      charts.date_ticks(DAYS[0], DAYS[-1]), lower_is_better=True, gap=62)
    xs = _dots(svg)
    days = [d.toordinal() for d in DAYS]
    for k in (1, 2):  # each gap on the page in proportion to the days between (0.2 px)
        expected = (days[k + 1] - days[k]) / (days[1] - days[0]) * (xs[1] - xs[0])
        assert abs((xs[k + 1] - xs[k]) - expected) < 0.2 * (days[k + 1] - days[k]) / 40
    assert svg.count('class="c-gap"') == 2  # Feb 2013 -> Aug 2015 and on to Jun 2021
    assert svg.count('class="c-line"') == 1  # Dec 2012 -> Feb 2013: 42 days, joined
    labels = re.findall(r'class="c-axis" text-anchor="middle">(\d{4})<', svg)
    assert len(labels) >= 3  # years, at their own 1 January
    assert labels == sorted(labels)


def test_the_activity_page_draws_pace_and_heart_rate_with_tables(client: TestClient) -> None:
    sent = client.post("/api/athletes/me/uploads",
                       files=[("files", ("track.fit", (DATA / "track-fenix6.fit").read_bytes()))],
                       headers={"X-CSRF-Token": token(client)}).json()
    activity_id = sent["results"][0]["activity_id"]
    page = client.get(f"/athletes/me/activities/{activity_id}").text
    pace = page[page.index('data-chart="pace"'):page.index('data-chart="heart-rate"')]
    hr = page[page.index('data-chart="heart-rate"'):]
    assert "<title>Pace along the run (per mile)</title>" in pace
    assert "<title>Heart rate along the run (beats a minute)</title>" in hr
    assert ">1 mi<" in pace  # the distance axis
    assert "<details><summary>As a table</summary>" in pace
    rows = re.findall(r"<tr><td class=\"num\">([\d.]+) mi</td><td class=\"num\">(\d+)</td>",
                      hr)
    assert len(rows) > 10
    assert all(60 < int(rate) < 220 for _, rate in rows)
    doc = client.get(f"/api/athletes/me/activities/{activity_id}").json()["activity"]
    assert len(doc["profile"]["distance_m"]) == 64  # 6.4 km in steps of 100 m
