"""The printable plan: HTML (a Jinja2 template) and PDF (reportlab), one week per page.

Both read the typed plan and, for the last page, the ``miler.race/1`` document, and show
every pace per mile, km and 400 m lap.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from miler.adapters.exports.steps_text import session_lines
from miler.domain.plan_view import PlanView
from miler.domain.units import METERS_PER_KM, METERS_PER_MILE, TRACK_LAP_M, format_clock
from miler.domain.zones import pace_label

__all__ = ["plan_html", "plan_pdf", "view_model"]


def _pace_row(name: str, s_per_mile: list[float]) -> tuple[str, str, str, str]:
    fast, slow = s_per_mile

    def both(scale: float, decimals: int = 0) -> str:
        a, b = format_clock(fast * scale, decimals), format_clock(slow * scale, decimals)
        return a if a == b else f"{a}–{b}"

    return (pace_label(name), both(1.0), both(METERS_PER_KM / METERS_PER_MILE),
            both(TRACK_LAP_M / METERS_PER_MILE, 1))


def _race(race: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "title": f"{format_clock(race['goal_s'], 2)} mile on the {race['venue']}",
        "checkpoints": [{"label": c["label"], "split": format_clock(c["split_s"], 2),
                         "elapsed": format_clock(c["elapsed_s"], 2), "cue": c["cue"]}
                        for c in race["checkpoints"]],
        "warmup": "; ".join(race.get("warmup", [])),
    }


def view_model(plan: PlanView, race: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Everything the printable plan shows, as plain strings."""
    goal = plan.goal
    weeks = [{
        "index": w.index, "phase": str(w.phase), "start": w.start_date.isoformat(),
        "miles": f"{w.planned_distance_m / METERS_PER_MILE:.1f}",
        "sessions": [{"day": s.date.strftime("%a %d %b"), "title": s.title,
                      "hard": s.is_hard, "text": "\n".join(session_lines(s, km=True))}
                     for s in w.sessions],
    } for w in plan.weeks]
    return {
        "title": f"A {format_clock(goal.mile_s)} mile: {plan.start_date} to {plan.race_date}",
        "verdict": goal.verdict.capitalize(), "reason": goal.reason,
        "span": f"{len(weeks)} week{'s' if len(weeks) != 1 else ''}; race on "
                f"{plan.race_date}.",
        "paces": [_pace_row(name, rng.as_list()) for name, rng in plan.paces],
        "weeks": weeks, "race": _race(race) if race else None,
    }


def plan_html(plan: PlanView, race: Mapping[str, Any] | None = None,
              band_svg: str | None = None) -> str:
    """The plan as one printable HTML page (A4, a page break after every week)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("miler.adapters.exports", "templates"),
                      autoescape=select_autoescape(["html"]))
    return env.get_template("plan.html").render(**view_model(plan, race), band=band_svg)


def plan_pdf(plan: PlanView, race: Mapping[str, Any] | None = None,
             band: Any = None) -> bytes:
    """The plan as an A4 PDF: the paces, then one week per page, then race day and, given
    the race plan as ``band``, its pace band to cut out."""
    from io import BytesIO

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    model = view_model(plan, race)
    story = [*_pdf_cover(model)]
    for week in model["weeks"]:
        story += [PageBreak(), *_pdf_week(week)]
    if model["race"]:
        story += [PageBreak(), *_pdf_race(model["race"])]
    if band is not None:
        story += [PageBreak(), _para("Pace band: cut along the dashed line, wrap it round "
                                     "your wrist, read it on the run.", "Heading3"),
                  _band_flowable(band)]
    out = BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=14 * mm, rightMargin=14 * mm,
                      topMargin=14 * mm, bottomMargin=14 * mm, title=model["title"],
                      author="miler").build(story)
    return out.getvalue()


@cache
def _styles() -> Any:
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    sheet = getSampleStyleSheet()
    # small enough that a whole week (up to ~10 sessions) fits one A4 page
    sheet.add(ParagraphStyle("Steps", parent=sheet["Code"], fontSize=6.4, leading=7.6))
    sheet.add(ParagraphStyle("Small", parent=sheet["BodyText"], fontSize=8, leading=9.5))
    return sheet


def _table(rows: list[list[Any]], widths: list[float], hard_rows: tuple[int, ...] = ()) -> Any:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    style = [("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
             ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
             ("TEXTCOLOR", (0, 0), (-1, 0), colors.grey),
             ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.lightgrey)]
    style += [("BACKGROUND", (0, r), (-1, r), colors.HexColor("#fdf1e7")) for r in hard_rows]
    return Table(rows, colWidths=[w * mm for w in widths], style=TableStyle(style),
                 repeatRows=1)


def _para(text: str, style: str = "BodyText") -> Any:
    from xml.sax.saxutils import escape

    from reportlab.platypus import Paragraph

    return Paragraph(escape(text).replace("\n", "<br/>"), _styles()[style])


def _pdf_cover(model: Mapping[str, Any]) -> list[Any]:
    rows = [["pace", "per mile", "per km", "per 400 m lap"],
            *[list(row) for row in model["paces"]]]
    return [_para(model["title"], "Title"),
            _para(f"{model['verdict']}. {model['reason']}"), _para(model["span"]),
            _table(rows, [40, 40, 40, 40])]


def _pdf_week(week: Mapping[str, Any]) -> list[Any]:
    head = f"Week {week['index']} · {week['phase']} · from {week['start']} · {week['miles']} mi"
    rows = [["day", "session", "steps, paces and why"]]
    hard = []
    for i, s in enumerate(week["sessions"], start=1):
        rows.append([_para(s["day"], "Small"), _para(s["title"], "Small"),
                     _para(s["text"], "Steps")])
        if s["hard"]:
            hard.append(i)
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepInFrame

    # a long week shrinks to fit its page rather than spill onto the next
    return [KeepInFrame(182 * mm, 265 * mm, [_para(head, "Heading2"),
                                             _table(rows, [20, 36, 126], tuple(hard))],
                        mode="shrink")]


def _pdf_race(race: Mapping[str, Any]) -> list[Any]:
    rows = [["at", "split", "elapsed", "cue"],
            *[[c["label"], c["split"], c["elapsed"], _para(c["cue"])]
              for c in race["checkpoints"]]]
    return [_para(f"Race day: {race['title']}", "Heading2"), _table(rows, [22, 20, 22, 118]),
            _para(f"Warm-up: {race['warmup']}")]


def _band_flowable(race_plan: Any) -> Any:
    """The pace band at its real size (200 x 25 mm), turned upright so it fits an A4 page,
    drawn by the band exporter itself."""
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
