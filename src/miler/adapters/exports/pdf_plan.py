"""The printed plan (reportlab): a landscape calendar to pin on the fridge, then a page a
week, then race day and the pace band.

- Page 1, landscape: weeks x days like the web calendar, each day's sessions by short name,
  hard sessions in bold.
- Then one portrait page per week: each session's steps on a line (``6 x 400 m at
  7:00–7:15/mi (1:44.4–1:48.1/lap), 90 s jog``) and its "why" shortened to its first
  sentence. A week that does not fit (doubles at 100 miles a week) runs onto a second page
  rather than shrink.
- Race day with the paces, then the pace band at its real size.

Text is Helvetica (proportional), never under :data:`MIN_FONT_PT`. Paper is Letter for a
runner in miles and A4 in kilometres unless asked (``paper``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from functools import cache
from typing import Any, Final

from miler.adapters.exports.steps_text import session_summary, why_line
from miler.domain.plan_view import PlanView, SessionView, WeekView
from miler.domain.units import METERS_PER_KM, METERS_PER_MILE
from miler.domain.watch import compact_title
from miler.errors import InvalidInputError

__all__ = ["MIN_FONT_PT", "PAPERS", "paper_for", "plan_pdf"]

MIN_FONT_PT: Final = 9.0
PAPERS: Final = ("letter", "a4")
_MARGIN_MM: Final = 12.0


def paper_for(plan: PlanView, paper: str | None) -> str:
    """``letter`` or ``a4``: as asked, else Letter for miles and A4 for kilometres."""
    if paper is None:
        return "a4" if plan.units == "km" else "letter"
    chosen = paper.lower()
    if chosen not in PAPERS:
        raise InvalidInputError("--paper", "must be letter or a4", paper)
    return chosen


@cache
def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("Body", fontName="Helvetica", fontSize=MIN_FONT_PT, leading=11)
    return {
        "body": base,
        "bold": ParagraphStyle("Bold", parent=base, fontName="Helvetica-Bold"),
        "head": ParagraphStyle("Head", parent=base, fontName="Helvetica-Bold", fontSize=10,
                               textColor="#555555"),
        "title": ParagraphStyle("Title", parent=base, fontName="Helvetica-Bold", fontSize=16,
                                leading=20, spaceAfter=4),
        "h2": ParagraphStyle("H2", parent=base, fontName="Helvetica-Bold", fontSize=13,
                             leading=16, spaceAfter=6),
    }


def _para(text: str, style: str = "body") -> Any:
    from xml.sax.saxutils import escape

    from reportlab.platypus import Paragraph

    return Paragraph(escape(text).replace("\n", "<br/>"), _styles()[style])


def _rich(text: str, style: str = "body") -> Any:
    """A paragraph of reportlab markup (the caller escapes)."""
    from reportlab.platypus import Paragraph

    return Paragraph(text, _styles()[style])


def _table(rows: list[list[Any]], widths: Sequence[float], shade: Sequence[tuple[int, int]] = (),
           grid: bool = False) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    style: list[Any] = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("TOPPADDING", (0, 0), (-1, -1), 2),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.lightgrey)]
    if grid:
        style.append(("GRID", (0, 0), (-1, -1), 0.4, colors.grey))
    style += [("BACKGROUND", cell, cell, colors.HexColor("#fdf1e7")) for cell in shade]
    return Table(rows, colWidths=list(widths), style=TableStyle(style), repeatRows=1)


def _distance(meters: float, units: str) -> str:
    scale, unit = (METERS_PER_KM, "km") if units == "km" else (METERS_PER_MILE, "mi")
    return f"{meters / scale:.1f} {unit}"


def _label(session: SessionView) -> str:
    from xml.sax.saxutils import escape

    text = escape(compact_title(session.title))
    return f"<b>{text}</b>" if session.is_hard else text


def _calendar(plan: PlanView, width: float) -> list[Any]:
    from xml.sax.saxutils import escape

    first = plan.weeks[0].start_date
    days = [(first + timedelta(days=i)).strftime("%a") for i in range(7)]
    rows: list[list[Any]] = [[_para("week", "head"), *(_para(d, "head") for d in days)]]
    shade = []
    for r, week in enumerate(plan.weeks, start=1):
        cells: list[Any] = [_rich(f"<b>{week.index}</b> {escape(str(week.phase))}<br/>"
                                  f"{_distance(week.planned_distance_m, plan.units)}")]
        for i in range(7):
            day = week.start_date + timedelta(days=i)
            todays = [s for s in week.sessions if s.date == day]
            lines = [f"<font color='#777777'>{day:%d %b}</font>",
                     *(_label(s) if str(s.kind) != "rest" else "<font color='#777777'>Rest</font>"
                       for s in todays)]
            if any(s.is_hard for s in todays):
                shade.append((i + 1, r))
            cells.append(_rich("<br/>".join(lines)))
        rows.append(cells)
    column = (width - 62) / 7
    return [_table(rows, [62, *[column] * 7], shade, grid=True)]


def _week(week: WeekView, units: str, width: float) -> list[Any]:
    from reportlab.platypus import KeepTogether

    head = (f"Week {week.index} · {week.phase} · from {week.start_date:%a %d %b %Y} · "
            f"{_distance(week.planned_distance_m, units)}")
    rows: list[list[Any]] = [[_para("day", "head"), _para("session", "head"),
                              _para("steps and paces; why", "head")]]
    shade = []
    for r, s in enumerate(week.sessions, start=1):
        summary = session_summary(s, units)
        why = why_line(s.why) if s.why else ""
        rows.append([_para(s.date.strftime("%a %d %b")), _para(s.title, "bold"),
                     _para("\n".join(t for t in (summary, f"Why: {why}" if why else "") if t))])
        if s.is_hard:
            shade += [(c, r) for c in range(3)]
    return [KeepTogether([_para(head, "h2")]), _table(rows, [62, 118, width - 180], shade)]


def _race(race: Mapping[str, Any], plan: PlanView, width: float) -> list[Any]:
    from miler.adapters.exports.document import pace_row
    from miler.domain.units import format_clock

    rows: list[list[Any]] = [[_para(h, "head") for h in ("at", "split", "elapsed", "cue")]]
    rows += [[_para(c["label"]), _para(format_clock(c["split_s"], 2)),
              _para(format_clock(c["elapsed_s"], 2)), _para(c["cue"])]
             for c in race["checkpoints"]]
    paces: list[list[Any]] = [[_para(h, "head") for h in ("pace", "per mile", "per km",
                                                            "per 400 m lap")]]
    paces += [[_para(v) for v in pace_row(name, rng.as_list())] for name, rng in plan.paces]
    title = f"Race day: a {format_clock(race['goal_s'], 2)} mile on the {race['venue']}"
    return [_para(title, "h2"), _table(rows, [50, 46, 50, width - 146]),
            _para("Warm-up: " + "; ".join(race.get("warmup", []))),
            _para("Paces", "h2"), _table(paces, [width - 330, 110, 110, 110])]


def _band_flowable(race_plan: Any) -> Any:
    """The pace band at its real size (200 x 25 mm), turned upright, drawn by the band
    exporter itself."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Flowable

    from miler.adapters.exports.pace_band import BAND_HEIGHT_MM, BAND_WIDTH_MM, draw_band

    class Band(Flowable):  # type: ignore[misc]
        def wrap(self, *_: Any) -> tuple[float, float]:
            return (BAND_HEIGHT_MM + 2) * mm, (BAND_WIDTH_MM + 2) * mm

        def draw(self) -> None:
            self.canv.saveState()
            self.canv.translate((BAND_HEIGHT_MM + 1) * mm, 1 * mm)
            self.canv.rotate(90)
            draw_band(self.canv, race_plan, 0, BAND_HEIGHT_MM)
            self.canv.restoreState()

    return Band()


def plan_pdf(plan: PlanView, race: Mapping[str, Any] | None = None, band: Any = None,
             paper: str | None = None) -> bytes:
    """The printed plan as PDF bytes: the calendar page, a page a week, race day, band."""
    from io import BytesIO
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4, LETTER, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
    )

    from miler.domain.units import format_clock

    size = LETTER if paper_for(plan, paper) == "letter" else A4
    margin = _MARGIN_MM * mm
    wide, tall = landscape(size), size

    def frame(page: tuple[float, float], name: str) -> Frame:
        return Frame(margin, margin, page[0] - 2 * margin, page[1] - 2 * margin, id=name,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    out = BytesIO()
    title = f"A {format_clock(plan.goal.mile_s)} mile: {plan.start_date} to {plan.race_date}"
    doc = BaseDocTemplate(out, pagesize=wide, title=title, author="miler",
                          leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin)
    doc.addPageTemplates([PageTemplate("wide", [frame(wide, "wide")], pagesize=wide),
                          PageTemplate("tall", [frame(tall, "tall")], pagesize=tall)])
    wide_w, tall_w = wide[0] - 2 * margin, tall[0] - 2 * margin
    story: list[Any] = [
        _para(title, "title"),
        _rich(f"<b>{escape(plan.goal.verdict.capitalize())}.</b> {escape(plan.goal.reason)} "
              f"Bold: hard sessions (shaded). Race on {plan.race_date:%a %d %b %Y}."),
        *_calendar(plan, wide_w), NextPageTemplate("tall")]
    for week in plan.weeks:
        story += [PageBreak(), *_week(week, plan.units, tall_w)]
    if race is not None:
        story += [PageBreak(), *_race(race, plan, tall_w)]
    if band is not None:
        story += [PageBreak(), _para("Pace band: cut along the dashed line, wrap it round "
                                     "your wrist, read it on the run.", "h2"),
                  _band_flowable(band)]
    doc.build(story)
    return out.getvalue()
