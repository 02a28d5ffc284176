"""The printable plan: one week per page, paces per mile, km and lap, race day at the end."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from miler.adapters.exports.document import plan_html, plan_pdf
from miler.domain.plan_view import PlanView
from tests.conftest import ROOT

SAMPLE = json.loads((ROOT / "tests" / "data" / "plan-sample.json").read_text())
RACE = {"schema": "miler.race/1", "goal_s": 420.0, "venue": "track", "warmup": ["Easy jog"],
        "checkpoints": [{"label": "lap 1", "split_s": 107.83, "elapsed_s": 107.83,
                         "cue": "About 1 s slow"}]}


class _Sections(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.sections = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.sections += tag == "section"


def test_html_has_a_page_per_week_and_the_race() -> None:
    html = plan_html(PlanView.from_doc(SAMPLE), RACE, band_svg="<svg id='band'></svg>")
    parser = _Sections()
    parser.feed(html)
    assert parser.sections == 1 + len(SAMPLE["weeks"]) + 1  # paces, weeks, race day
    # 6:00/mi = 3:44/km = 1:29.5 per lap
    assert "400 m at 6:00–6:30/mi, 3:44–4:02/km (1:29.5–1:36.9/lap)" in html
    assert "<svg id='band'></svg>" in html
    assert "1:47.83" in html


def test_html_escapes_what_it_is_given() -> None:
    doc = json.loads(json.dumps(SAMPLE))
    doc["goal"]["reason"] = "<script>alert(1)</script>"
    assert "<script>" not in plan_html(PlanView.from_doc(doc))


def test_pdf_has_one_page_per_week_plus_cover_and_race() -> None:
    pdf = plan_pdf(PlanView.from_doc(SAMPLE), RACE)
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type /Page\b", pdf))
    assert pages == 1 + len(SAMPLE["weeks"]) + 1


def test_a_generated_plan_prints_one_page_a_week_then_race_and_band(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from miler.cli.files import write_export
    from miler.domain.athlete import Athlete
    from miler.domain.planner import generate_plan
    from miler.services.exports import document

    def export_document(doc: Any, path: Path) -> Path:
        return write_export(path, document(PlanView.from_doc(doc), path.name))

    doc = generate_plan(Athlete(weekly_miles=20, test_mile_s=465), start=date(2026, 11, 30),
                        goal_mile_s=420).to_doc()
    pdf = export_document(doc, tmp_path / "plan.pdf").read_bytes()
    # cover, one page per week (a long week shrinks to fit), race day, the band
    assert len(re.findall(rb"/Type /Page\b", pdf)) == 1 + len(doc["weeks"]) + 2
    html = export_document(doc, tmp_path / "plan.html").read_text()
    assert "<svg" in html
    assert "Race day: 7:00.00 mile on the track" in html
