"""The web app's pure parts: security helpers, upload checks, charts, the plan's views."""

from __future__ import annotations

import stat
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from miler.adapters.files import sniff
from miler.adapters.passwords import hash_password, verify_password
from miler.domain.plan_view import PlanView
from miler.web import charts
from miler.web.activities import Upload, check, display_name, size_text
from miler.web.present import pace_cells, plan_view, session_view
from miler.web.security import csrf_ok, csrf_token, is_loopback, session_secret
from tests.web.conftest import DATA, sample_plan


@pytest.mark.parametrize(("host", "local"), [
    ("127.0.0.1", True), ("127.8.9.1", True), ("localhost", True), ("::1", True),
    ("[::1]", True), ("0.0.0.0", False), ("::", False), ("192.168.0.2", False),
    ("example.org", False)])
def test_is_loopback(host: str, local: bool) -> None:
    assert is_loopback(host) is local


def test_passwords_verify_only_themselves() -> None:
    stored = hash_password("a long enough password")
    assert verify_password(stored, "a long enough password")
    assert not verify_password(stored, "a long enough passwore")
    assert not verify_password(None, "a long enough password")
    assert not verify_password("not a hash", "a long enough password")


def test_csrf_tokens_belong_to_their_session() -> None:
    mine: dict[str, object] = {}
    token = csrf_token(mine)
    assert csrf_token(mine) == token
    assert csrf_ok(mine, token)
    assert not csrf_ok(mine, token + "x")
    assert not csrf_ok({}, token)
    assert not csrf_ok(mine, None)


def test_the_session_secret_is_made_once_and_private(tmp_path: Path) -> None:
    first = session_secret(tmp_path)
    assert session_secret(tmp_path) == first
    assert len(first) >= 64
    assert stat.S_IMODE((tmp_path / "web-secret").stat().st_mode) == 0o600


@pytest.mark.parametrize(("sent", "shown"), [
    ("run.fit", "run.fit"), ("../../etc/passwd", "passwd"), ("C:\\Users\\me\\run.gpx", "run.gpx"),
    ("", "unnamed file"), (None, "unnamed file"), ("x" * 300, "x" * 100)])
def test_display_name_drops_folders(sent: str | None, shown: str) -> None:
    assert display_name(sent) == shown


def test_sniff_reads_the_content_not_the_name() -> None:
    import gzip

    fit = (DATA / "track-fenix6.fit").read_bytes()
    tcx = (DATA / "fr410.tcx").read_bytes()
    assert sniff(fit) == "fit"
    assert sniff(tcx) == "tcx"
    assert sniff(gzip.compress(tcx)) == "tcx"
    assert sniff(b"<?xml version='1.0'?><gpx version='1.1'>") == "gpx"
    assert sniff(b"%PDF-1.7") is None
    assert sniff(b"\x1f\x8bnot really gzip") is None
    assert check(Upload("run.fit.gz", gzip.compress(fit))) == "fit"
    assert check(Upload("export", fit)) == "fit"  # no suffix: the content decides


def test_size_text() -> None:
    assert size_text(16 * 1024 * 1024) == "16 MB"
    assert size_text(1536) == "1.5 KB"


def test_pace_cells_per_mile_km_and_lap() -> None:
    # 7:00/mi is 4:20.98/km and 1:44.4 per 400 m lap (DESIGN.md)
    assert pace_cells([420, 420]) == {"mile": "7:00", "km": "4:21", "lap": "1:44.4"}
    assert pace_cells([360, 390]) == {"mile": "6:00–6:30", "km": "3:44–4:02",
                                      "lap": "1:29.5–1:36.9"}


def test_the_calendar_puts_each_session_on_its_day() -> None:
    from datetime import date

    view = plan_view(PlanView.from_doc(sample_plan()),
                     {"w1-thu-easy": {"status": "done", "activity_id": 3, "date": "2026-12-05"}},
                     date(2026, 12, 1))
    days = view["weeks"][0]["days"]
    assert [d["label"] for d in days][:2] == ["30 Nov", "1 Dec"]
    assert days[1]["today"] is True
    assert [s["id"] for s in days[3]["sessions"]] == []  # moved away from Thursday
    moved = days[5]["sessions"][0]
    assert (moved["id"], moved["status"], moved["moved"]) == ("w1-thu-easy", "done", True)
    assert view["sessions_done"] == 1
    assert view["paces"][2]["name"] == "goal mile"


def test_a_session_view_nests_repeats() -> None:
    view = session_view(PlanView.from_doc(sample_plan()), {}, "w1-tue-speed")
    assert [s["label"] for s in view["steps"]] == ["Warm-up", "6 ×", "Cool-down"]
    assert view["steps"][0]["amount"] == "15 min (~1.43 mi)"
    assert view["steps"][1]["steps"][1]["effort"] == 2
    assert view["hard"] is True


def _svg(text: str) -> ElementTree.Element:
    return ElementTree.fromstring(text)


def test_bar_chart_draws_two_bars_a_week() -> None:
    svg = _svg(charts.bars("weeks", [charts.Bar("W1", 20000, 15000),
                                     charts.Bar("W2", 22000, 0)], str))
    rects = svg.findall("{http://www.w3.org/2000/svg}rect")
    assert [r.get("class") for r in rects] == ["c-plan", "c-done", "c-plan", "c-done"]
    assert svg.find("{http://www.w3.org/2000/svg}title").text == "weeks"  # type: ignore[union-attr]


def test_line_chart_puts_faster_miles_higher() -> None:
    svg = _svg(charts.line("mile", [charts.Point("a", 480), charts.Point("b", 450)], str,
                           lower_is_better=True))
    dots = svg.findall("{http://www.w3.org/2000/svg}circle")
    assert float(dots[1].get("cy", 0)) < float(dots[0].get("cy", 0))


def test_range_chart_marks_reps_on_and_off_target() -> None:
    svg = _svg(charts.ranges("reps", [charts.RangeRow("1", 360, 390, 375, True),
                                      charts.RangeRow("2", 360, 390, 400, False)], str))
    dots = svg.findall("{http://www.w3.org/2000/svg}circle")
    assert [d.get("class") for d in dots] == ["c-on", "c-off"]


@given(st.floats(0, 10_000), st.floats(0.1, 10_000))
def test_ticks_are_round_and_inside(low: float, span: float) -> None:
    ticks = charts._ticks(low, low + span)
    assert ticks
    assert all(low - 1e-6 <= t <= low + span + 1e-6 for t in ticks)
    assert len(ticks) <= 9
