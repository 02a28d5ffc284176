"""A printable pace band for a race plan: SVG, HTML or PDF, chosen by the file's suffix.

The band is 200 mm x 25 mm at actual size, long enough to go round a wrist with an
overlap to tape. Left: the goal, the venue, the four lap splits and the stretch target.
Then one column per checkpoint: its mark, the time to be there (large, tenths), the split
since the previous checkpoint and a cue word; the last lap's columns are shaded.
The HTML and PDF put the band on an A4 landscape page (it fits US Letter too) with a
50 mm scale bar, to check the printer did not scale it, and the cutting instructions.

One layout (shapes in millimetres) is drawn by both the SVG and the PDF writer, so the
two look the same. Times on the band are rounded half up to tenths.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, Final

from miler.adapters.exports.atomic import write_atomic
from miler.domain.race import RacePlan, Strategy
from miler.domain.units import format_clock, format_goal
from miler.errors import InvalidInputError

__all__ = ["BAND_FORMATS", "BAND_HEIGHT_MM", "BAND_WIDTH_MM", "band_format", "band_svg",
           "pace_band", "write_pace_band"]

BAND_WIDTH_MM: Final = 200.0
BAND_HEIGHT_MM: Final = 25.0
BAND_FORMATS: Final = (".svg", ".html", ".pdf")

_HEAD_MM: Final = 32.0  # the goal column; the checkpoints share the rest
_PAGE_MM: Final = (297.0, 210.0)  # A4 landscape
_BAND_AT_MM: Final = ((_PAGE_MM[0] - BAND_WIDTH_MM) / 2, 20.0)  # top-left corner on the page
_SCALE_BAR_MM: Final = 50.0
_GREY: Final = "#555555"
_SHADE: Final = "#e6e6e6"
_FONT: Final = "Helvetica, Arial, sans-serif"
_PT_PER_MM: Final = 72 / 25.4
# Widths in em of a clock time's characters in the widest bold sans a viewer is likely to
# substitute for Helvetica (DejaVu Sans Bold; Helvetica Bold's digits are only 0.556 em):
# large times are sized by these so they fit their column in any viewer.
_WIDE_BOLD_EM: Final = {**dict.fromkeys("0123456789", 0.70), ":": 0.40, ".": 0.38}


def _fit(text: str, room_mm: float, largest_mm: float) -> float:
    """The font size (em, mm) at which ``text`` in bold fits ``room_mm``, at most ``largest_mm``."""
    return min(largest_mm, room_mm / sum(_WIDE_BOLD_EM.get(char, 0.75) for char in text))


@dataclass(frozen=True, slots=True)
class _Text:
    x: float
    y: float  # baseline
    size: float  # em size, mm
    text: str
    bold: bool = False
    anchor: str = "middle"  # start | middle | end
    grey: bool = False


@dataclass(frozen=True, slots=True)
class _Line:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class _Box:
    x: float
    y: float
    w: float
    h: float


_Shape = _Text | _Line | _Box


def band_format(name: str) -> str:
    """``.svg``, ``.html`` or ``.pdf`` from a file name (``.htm`` is ``.html``)."""
    suffix = Path(name).suffix.lower()
    suffix = ".html" if suffix == ".htm" else suffix
    if suffix not in BAND_FORMATS:
        raise InvalidInputError("band", f"must end in {', '.join(BAND_FORMATS)}", name)
    return suffix


def pace_band(plan: RacePlan, fmt: str) -> bytes:
    """``plan``'s pace band as ``.svg``, ``.html`` or ``.pdf`` bytes."""
    if fmt == ".pdf":
        return _pdf(plan)
    return (band_svg(plan) if fmt == ".svg" else _html(plan)).encode("utf-8")


def write_pace_band(plan: RacePlan, path: str | os.PathLike[str]) -> Path:
    """Write ``plan``'s pace band to ``path`` (``.svg``, ``.html`` or ``.pdf``), atomically."""
    return write_atomic(Path(path), pace_band(plan, band_format(str(path))))


def _clock(seconds: float) -> str:
    return format_clock(seconds, 1)


def _title(plan: RacePlan) -> str:
    shape = "even pace" if plan.strategy is Strategy.EVEN else "seed lap shape"
    return f"{format_goal(plan.goal_s)} mile, {plan.venue}, {shape}"


def _layout(plan: RacePlan) -> list[_Shape]:
    """The band's shapes in millimetres from its top-left corner (the cutting line apart)."""
    points = plan.checkpoints
    column = (BAND_WIDTH_MM - _HEAD_MM) / len(points)
    last_lap = len(points) - 4
    shapes: list[_Shape] = [_Box(_HEAD_MM + last_lap * column, 0, 4 * column, BAND_HEIGHT_MM)]
    shapes += _head(plan)
    lap_ends = {lap.elapsed_s for lap in plan.laps}
    # One size for all the times, the longest fitting its column ("14:59.9" is smaller).
    size = min(_fit(_clock(point.elapsed_s), column - 1.2, 4.6) for point in points)
    for i, point in enumerate(points):
        left = _HEAD_MM + i * column
        middle = left + column / 2
        shapes += [
            _Text(middle, 4.2, 2.5, point.label, grey=True),
            _Text(middle, 11.2, size, _clock(point.elapsed_s), bold=True),
            _Text(middle, 16.4, 2.8, f"+{_clock(point.split_s)}"),
            _Text(middle, 22.0, 2.6, point.word, bold=True, grey=True),
        ]
        # A heavy rule after each lap end (and after the goal column), a light one otherwise.
        heavy = i == 0 or points[i - 1].elapsed_s in lap_ends
        shapes.append(_Line(left, 0, left, BAND_HEIGHT_MM, 0.45 if heavy else 0.15))
    return shapes


def _head(plan: RacePlan) -> list[_Shape]:
    goal = format_goal(plan.goal_s)
    splits = [_clock(lap.split_s) for lap in plan.laps]
    return [
        _Text(2.0, 8.6, _fit(goal, 28.0, 7.6), goal, bold=True, anchor="start"),
        _Text(2.0, 12.4, 2.4, f"mile · {plan.venue}"
              f"{' · even' if plan.strategy is Strategy.EVEN else ''}",
              anchor="start", grey=True),
        _Text(2.0, 16.2, 2.4, "laps", anchor="start", grey=True),
        # The four lap splits in two aligned columns: 1 2 / 3 4.
        *(_Text(18.0 if k % 2 == 0 else 29.5, 16.2 + 3.2 * (k // 2), 2.4, split, anchor="end")
          for k, split in enumerate(splits)),
        _Text(2.0, 23.2, 2.4, f"stretch {format_goal(plan.stretch_goal_s)}",
              anchor="start", grey=True),
    ]


def _svg_shape(shape: _Shape) -> str:
    if isinstance(shape, _Text):
        weight = ' font-weight="bold"' if shape.bold else ""
        fill = f' fill="{_GREY}"' if shape.grey else ""
        return (f'<text x="{shape.x:.2f}" y="{shape.y:.2f}" font-size="{shape.size:.2f}" '
                f'text-anchor="{shape.anchor}"{weight}{fill} xml:space="preserve">'
                f"{escape(shape.text)}</text>")
    if isinstance(shape, _Line):
        return (f'<line x1="{shape.x1:.2f}" y1="{shape.y1:.2f}" x2="{shape.x2:.2f}" '
                f'y2="{shape.y2:.2f}" stroke="black" stroke-width="{shape.width:.2f}"/>')
    return (f'<rect x="{shape.x:.2f}" y="{shape.y:.2f}" width="{shape.w:.2f}" '
            f'height="{shape.h:.2f}" fill="{_SHADE}"/>')


def _svg_cut_line() -> str:
    return (f'<rect x="0.1" y="0.1" width="{BAND_WIDTH_MM - 0.2:.1f}" '
            f'height="{BAND_HEIGHT_MM - 0.2:.1f}" fill="none" stroke="black" '
            'stroke-width="0.2" stroke-dasharray="1.5 1"/>')


def band_svg(plan: RacePlan) -> str:
    """The band alone as an SVG document, 200 mm x 25 mm at actual size."""
    shapes = _layout(plan)
    body = "\n".join(_svg_shape(s) for s in shapes)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{BAND_WIDTH_MM:g}mm" '
        f'height="{BAND_HEIGHT_MM:g}mm" viewBox="0 0 {BAND_WIDTH_MM:g} {BAND_HEIGHT_MM:g}" '
        f'font-family="{_FONT}">\n'
        f"<title>Pace band: {escape(_title(plan))}</title>\n"
        f'<rect width="{BAND_WIDTH_MM:g}" height="{BAND_HEIGHT_MM:g}" fill="white"/>\n'
        f"{body}\n{_svg_cut_line()}\n</svg>\n"
    )


def _instructions(plan: RacePlan) -> list[str]:
    return [
        f"Pace band: {_title(plan)}. Times to the tenth: elapsed (large), split since the "
        "last mark (+), cue.",
        f"Print at 100% (actual size, no scaling to fit); the bar below must measure "
        f"{_SCALE_BAR_MM:g} mm.",
        f"Cut along the dashed line ({BAND_WIDTH_MM:g} x {BAND_HEIGHT_MM:g} mm), wrap it "
        "round your wrist and tape the ends.",
    ]


def _html(plan: RacePlan) -> str:
    lines = "".join(f"<p>{escape(line)}</p>\n" for line in _instructions(plan))
    svg = band_svg(plan).split("\n", 1)[1]  # inline: without the XML declaration
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>Pace band: {escape(_title(plan))}</title>\n"
        "<style>\n@page { size: A4 landscape; margin: 15mm; }\n"
        f"body {{ font-family: {_FONT}; font-size: 11pt; margin: 15mm; }}\n"
        # Browsers skip background colours when printing unless told: keep the shading.
        "* { print-color-adjust: exact; -webkit-print-color-adjust: exact; }\n"
        f"svg {{ display: block; width: {BAND_WIDTH_MM:g}mm; height: {BAND_HEIGHT_MM:g}mm; }}\n"
        f".bar {{ width: {_SCALE_BAR_MM:g}mm; height: 2mm; background: black; }}\n"
        "</style>\n</head>\n<body>\n"
        f"{svg}{lines}<div class=\"bar\"></div>\n</body>\n</html>\n"
    )


def _pdf(plan: RacePlan) -> bytes:
    from reportlab.pdfgen import canvas  # heavy: only here

    buffer = io.BytesIO()
    # Uncompressed page content keeps the PDF small and its text greppable.
    pdf = canvas.Canvas(buffer, pagesize=(_PAGE_MM[0] * _PT_PER_MM, _PAGE_MM[1] * _PT_PER_MM),
                        pageCompression=0)
    pdf.setTitle(f"Pace band: {_title(plan)}")
    pdf.setCreator("miler")
    left, top = _BAND_AT_MM[0], _PAGE_MM[1] - _BAND_AT_MM[1]
    draw_band(pdf, plan, left, top)
    _pdf_notes(pdf, plan, left, top - BAND_HEIGHT_MM - 12)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def draw_band(pdf: Any, plan: RacePlan, left: float, top: float) -> None:
    """Draw the band and its cutting line on a reportlab canvas, its top-left corner at
    (``left``, ``top``) mm from the page's bottom left (the printable plan uses this too)."""
    for shape in _layout(plan):
        _pdf_shape(pdf, shape, left, top)
    _pdf_cut_line(pdf, left, top)


def _pdf_shape(pdf: Any, shape: _Shape, left: float, top: float) -> None:
    """Draw one shape; ``left`` and ``top`` place the band, in mm from the page's bottom left."""
    mm = _PT_PER_MM
    if isinstance(shape, _Text):
        pdf.setFillColor(_GREY if shape.grey else "black")
        pdf.setFont("Helvetica-Bold" if shape.bold else "Helvetica", shape.size * mm)
        draw = {"start": pdf.drawString, "middle": pdf.drawCentredString,
                "end": pdf.drawRightString}[shape.anchor]
        draw((left + shape.x) * mm, (top - shape.y) * mm, shape.text)
    elif isinstance(shape, _Line):
        pdf.setStrokeColor("black")
        pdf.setLineWidth(shape.width * mm)
        pdf.line((left + shape.x1) * mm, (top - shape.y1) * mm,
                 (left + shape.x2) * mm, (top - shape.y2) * mm)
    else:
        pdf.setFillColor(_SHADE)
        pdf.rect((left + shape.x) * mm, (top - shape.y - shape.h) * mm, shape.w * mm,
                 shape.h * mm, stroke=0, fill=1)


def _pdf_cut_line(pdf: Any, left: float, top: float) -> None:
    mm = _PT_PER_MM
    pdf.setStrokeColor("black")
    pdf.setLineWidth(0.2 * mm)
    pdf.setDash(1.5 * mm, 1 * mm)
    pdf.rect(left * mm, (top - BAND_HEIGHT_MM) * mm, BAND_WIDTH_MM * mm, BAND_HEIGHT_MM * mm,
             stroke=1, fill=0)
    pdf.setDash()


def _pdf_notes(pdf: Any, plan: RacePlan, left: float, top: float) -> None:
    """The instructions, then the scale bar, from ``top`` down."""
    mm = _PT_PER_MM
    pdf.setFillColor("black")
    pdf.setFont("Helvetica", 11)
    for k, line in enumerate(_instructions(plan)):
        pdf.drawString(left * mm, (top - 6 * k) * mm, line)
    bar_top = top - 6 * len(_instructions(plan))
    pdf.rect(left * mm, (bar_top - 2) * mm, _SCALE_BAR_MM * mm, 2 * mm, stroke=0, fill=1)
