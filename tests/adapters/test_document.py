"""The printable plan: a calendar page, one week per page, paces per mile, km and lap, race
day at the end. The PDF is read back by pdfminer.six, with each character's font size."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

from miler.adapters.exports.document import plan_html
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



def generated(**runner: Any) -> dict[str, Any]:
    from datetime import date

    from miler.domain.athlete import Athlete
    from miler.domain.planner import generate_plan

    return generate_plan(Athlete(**runner), start=date(2026, 11, 30)).to_doc()


CANONICAL = {"weekly_miles": 20, "test_mile_s": 465}


def printed(doc: dict[str, Any], paper: str | None = None) -> bytes:
    from miler.services.exports import document

    return document(PlanView.from_doc(doc), "plan.pdf", paper=paper).data


def pages(pdf: bytes) -> list[Any]:
    import io

    from pdfminer.high_level import extract_pages

    return list(extract_pages(io.BytesIO(pdf)))


def font_sizes(page: Any) -> list[float]:
    """The size of every character drawn on ``page``, as pdfminer.six lays it out."""
    from pdfminer.layout import LTChar, LTContainer

    sizes, stack = [], [page]
    while stack:
        item = stack.pop()
        if isinstance(item, LTChar):
            sizes.append(item.size)
        elif isinstance(item, LTContainer):
            stack.extend(item)
    return sizes


def text(page: Any) -> str:
    from pdfminer.layout import LTTextContainer

    return "".join(e.get_text() for e in page if isinstance(e, LTTextContainer))


def test_a_calendar_page_then_a_page_a_week_then_race_day_and_band() -> None:
    doc = generated(**CANONICAL)
    laid = pages(printed(doc))
    # calendar, one page per week, race day with the paces, the band
    assert len(laid) == 1 + len(doc["weeks"]) + 2
    first = laid[0]
    assert first.width > first.height  # landscape
    assert all(p.height > p.width for p in laid[1:])
    calendar = text(first)
    assert "Fartlek 7x80s" in calendar
    assert "Race: mile in 7:00" in calendar
    for week, page in zip(doc["weeks"], laid[1:-2], strict=True):
        assert text(page).startswith(f"Week {week['index']} ·")
    week1 = " ".join(text(laid[1]).split())
    # a step summarised on a line: 80 s at interval pace, 7:59/mi = 1:59.1 per 400 m lap
    assert "7 x 80 s at 7:59–8:20/mi (1:59.1–2:04.2/lap), 1 min jog" in week1
    assert "Why: 80–90 s surges with 60 s jogs" in week1


def test_every_letter_of_the_plan_is_at_least_9_pt() -> None:
    laid = pages(printed(generated(**CANONICAL)))
    # the last page is the pace band, a 25 mm cut-out with its own small print
    sizes = [size for page in laid[:-1] for size in font_sizes(page)]
    assert len(sizes) > 5000
    assert min(sizes) >= 9.0 - 0.01


def test_a_100_mile_week_takes_at_most_two_pages_and_keeps_9_pt() -> None:
    doc = generated(weekly_miles=100, test_mile_s=290)
    laid = pages(printed(doc))
    assert 1 + len(doc["weeks"]) + 2 <= len(laid) <= 1 + 2 * len(doc["weeks"]) + 2
    assert min(s for page in laid[:-1] for s in font_sizes(page)) >= 9.0 - 0.01


def test_paper_follows_the_units_unless_asked() -> None:
    import pytest

    from miler.errors import InvalidInputError

    letter, a4 = (612, 792), (595.28, 841.89)  # points: 8.5 x 11 in, 210 x 297 mm
    doc = generated(**CANONICAL)
    km = json.loads(json.dumps(doc))
    km["athlete"]["units"] = "km"
    for d, paper, size in ((doc, None, letter), (km, None, a4), (doc, "a4", a4),
                           (km, "LETTER", letter)):
        page = pages(printed(d, paper))[1]
        assert (page.width, page.height) == pytest.approx(size, abs=0.5)
    km_text = text(pages(printed(km))[1])
    assert "/km" in km_text
    assert "/mi" not in km_text.split("Why:")[0]
    with pytest.raises(InvalidInputError, match="--paper must be letter or a4, got 'legal'"):
        printed(doc, "legal")


def test_no_internal_names_on_paper() -> None:
    every = "".join(text(p) for p in pages(printed(generated(weekly_miles=10))))
    assert "seed 0" not in every.lower()
    assert "seeds 0" not in every.lower()
    assert "How to Run a" in every  # the sources, by title
