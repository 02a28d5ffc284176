"""Progress charts drawn on the server as SVG: no chart library, no JavaScript, and they
print. Each function takes plain numbers and returns one ``<svg>`` element as text.

Colours come from the page's CSS classes (``c-plan``, ``c-done``, ...), so the charts
follow the site's palette; every chart has a ``<title>`` and a table twin on the page.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from itertools import pairwise
from typing import Final

__all__ = ["Bar", "Point", "RangeRow", "bars", "date_ticks", "distance_ticks", "line", "over",
           "ranges"]

_W: Final = 640
_H: Final = 240
_LEFT: Final = 52
_RIGHT: Final = 16
_TOP: Final = 16
_BOTTOM: Final = 34


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    planned: float
    done: float


@dataclass(frozen=True, slots=True)
class Point:
    label: str
    value: float


@dataclass(frozen=True, slots=True)
class RangeRow:
    label: str
    fast: float  # the target's fast end (smaller seconds)
    slow: float
    actual: float | None
    on_target: bool = True


def _svg(title: str, body: list[str], height: int = _H) -> str:
    return (f'<svg class="chart" viewBox="0 0 {_W} {height}" role="img" '
            f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet">'
            f"<title>{escape(title)}</title>{''.join(body)}</svg>")


def _text(x: float, y: float, text: str, cls: str = "c-axis", anchor: str = "middle") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" class="{cls}" text-anchor="{anchor}">'
            f"{escape(text)}</text>")


def _ticks(low: float, high: float, count: int = 4) -> list[float]:
    """About ``count`` round values from ``low`` to ``high``: steps of 1, 2, 2.5 or 5 times
    a power of ten (for times, 5, 10, 15, 30 s ... as well)."""
    if high <= low:
        return [low]
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    steps = [m * power for m in (1, 2, 2.5, 5, 10)] + [15.0, 30.0, 60.0, 120.0, 300.0]
    step = min((s for s in steps if s >= raw), default=raw)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step + 1e-9) + 1)]


def _grid(low: float, high: float, scale: Callable[[float], float],
          fmt: Callable[[float], str], height: int = _H) -> list[str]:
    out = []
    for value in _ticks(low, high):
        y = scale(value)
        out.append(f'<line x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
                   f'class="c-grid"/>')
        out.append(_text(_LEFT - 6, y + 4, fmt(value), anchor="end"))
    return out


def bars(title: str, rows: Sequence[Bar], fmt: Callable[[float], str]) -> str:
    """Planned (outline) and done (filled) side by side for each label."""
    top = max([r.planned for r in rows] + [r.done for r in rows] + [1.0]) * 1.1
    plot_h = _H - _TOP - _BOTTOM

    def y(value: float) -> float:
        return _TOP + plot_h * (1 - value / top)

    body = _grid(0, top, y, fmt)
    slot = (_W - _LEFT - _RIGHT) / max(len(rows), 1)
    width = min(slot * 0.36, 28)
    for i, row in enumerate(rows):
        mid = _LEFT + slot * (i + 0.5)
        for x, value, cls in ((mid - width, row.planned, "c-plan"), (mid, row.done, "c-done")):
            body.append(f'<rect x="{x:.1f}" y="{y(value):.1f}" width="{width:.1f}" '
                        f'height="{max(y(0) - y(value), 0):.1f}" class="{cls}" rx="2">'
                        f"<title>{escape(row.label)}: {escape(fmt(value))}</title></rect>")
        body.append(_text(mid, _H - _BOTTOM + 16, row.label))
    return _svg(title, body)


def line(title: str, points: Sequence[Point], fmt: Callable[[float], str],
         lower_is_better: bool = False) -> str:
    """Values over time, joined by a line; with ``lower_is_better`` (a mile time) faster is
    drawn higher, so progress goes up."""
    values = [p.value for p in points] or [0.0]
    low, high = min(values), max(values)
    pad = max((high - low) * 0.15, abs(high) * 0.02, 1.0)
    low, high = low - pad, high + pad
    plot_h = _H - _TOP - _BOTTOM

    def y(value: float) -> float:
        share = (value - low) / (high - low)
        return _TOP + plot_h * (share if lower_is_better else 1 - share)

    body = _grid(low, high, y, fmt)
    step = (_W - _LEFT - _RIGHT) / max(len(points), 1)
    xy = [(_LEFT + step * (i + 0.5), y(p.value)) for i, p in enumerate(points)]
    if len(xy) > 1:
        path = " ".join(f"{x:.1f},{v:.1f}" for x, v in xy)
        body.append(f'<polyline points="{path}" class="c-line"/>')
    every = max(1, len(points) // 8)  # at most about eight date labels
    for i, ((x, v), p) in enumerate(zip(xy, points, strict=True)):
        body.append(f'<circle cx="{x:.1f}" cy="{v:.1f}" r="4.5" class="c-dot">'
                    f"<title>{escape(p.label)}: {escape(fmt(p.value))}</title></circle>")
        if i % every == 0:
            body.append(_text(x, _H - _BOTTOM + 16, p.label))
    return _svg(title, body)


def ranges(title: str, rows: Sequence[RangeRow], fmt: Callable[[float], str]) -> str:
    """One row per session: the target pace range as a band, what was run as a dot
    (faster is to the right)."""
    row_h, label_w = 30, 150
    height = _TOP + _BOTTOM + row_h * max(len(rows), 1)
    values = [v for r in rows for v in (r.fast, r.slow, r.actual) if v is not None] or [0.0]
    slow, fast = max(values) + 3, min(values) - 3

    def x(value: float) -> float:
        return label_w + (_W - _RIGHT - label_w) * (slow - value) / max(slow - fast, 1e-9)

    body = []
    for value in _ticks(fast, slow):
        body.append(f'<line x1="{x(value):.1f}" x2="{x(value):.1f}" y1="{_TOP}" '
                    f'y2="{height - _BOTTOM}" class="c-grid"/>')
        body.append(_text(x(value), height - _BOTTOM + 16, fmt(value)))
    for i, row in enumerate(rows):
        mid = _TOP + row_h * (i + 0.5)
        body.append(_text(label_w - 8, mid + 4, row.label, anchor="end"))
        body.append(f'<rect x="{x(row.slow):.1f}" y="{mid - 7:.1f}" '
                    f'width="{max(x(row.fast) - x(row.slow), 2):.1f}" height="14" '
                    f'class="c-target" rx="3"><title>target {escape(fmt(row.fast))}–'
                    f"{escape(fmt(row.slow))}</title></rect>")
        if row.actual is not None:
            body.append(f'<circle cx="{x(row.actual):.1f}" cy="{mid:.1f}" r="5.5" '
                        f'class="{"c-on" if row.on_target else "c-off"}"><title>ran '
                        f"{escape(fmt(row.actual))}</title></circle>")
    return _svg(title, body, height)


def over(title: str, points: Sequence[tuple[float, float]], fmt: Callable[[float], str],
         ticks: Sequence[tuple[float, str]], *, lower_is_better: bool = False,
         gap: float | None = None, labels: Sequence[str] = (), dots: bool = True,
         line_class: str = "c-line") -> str:
    """Values (y) along a measured x axis (days, metres): x is drawn to scale, so a long
    wait between two points is a long stretch of chart. Two points further apart than
    ``gap`` are joined by a dashed line (``c-gap``): nothing was measured in between.
    ``ticks`` label the x axis (position, text); ``labels`` name each point's hover title."""
    xs = [x for x, _ in points] or [0.0]
    values = [v for _, v in points] or [0.0]
    low, high = min(values), max(values)
    pad = max((high - low) * 0.15, abs(high) * 0.02, 1.0)
    low, high = low - pad, high + pad
    first, last = min(xs), max(xs)
    margin = (last - first) * 0.03 or 1.0
    first, last = first - margin, last + margin
    plot_h = _H - _TOP - _BOTTOM

    def x_of(x: float) -> float:
        return _LEFT + (_W - _LEFT - _RIGHT) * (x - first) / (last - first)

    def y_of(value: float) -> float:
        share = (value - low) / (high - low)
        return _TOP + plot_h * (share if lower_is_better else 1 - share)

    body = _grid(low, high, y_of, fmt)
    for x, text in ticks:
        if first <= x <= last:
            body.append(f'<line x1="{x_of(x):.1f}" x2="{x_of(x):.1f}" y1="{_H - _BOTTOM}" '
                        f'y2="{_H - _BOTTOM + 4}" class="c-grid"/>')
            body.append(_text(x_of(x), _H - _BOTTOM + 16, text))
    body += _segments([(x_of(x), y_of(v)) for x, v in points],
                      [gap is not None and b[0] - a[0] > gap
                       for a, b in pairwise(points)], line_class)
    if dots:
        names = list(labels) or [""] * len(points)
        for (x, v), name in zip(points, names, strict=True):
            body.append(f'<circle cx="{x_of(x):.1f}" cy="{y_of(v):.1f}" r="4.5" class="c-dot">'
                        f"<title>{escape(name)}{': ' if name else ''}{escape(fmt(v))}</title>"
                        "</circle>")
    return _svg(title, body)


def _segments(xy: list[tuple[float, float]], gaps: list[bool], cls: str) -> list[str]:
    """Runs of joined points as solid polylines; each gap as one dashed line."""
    out: list[str] = []
    run = xy[:1]
    for point, broken in zip(xy[1:], gaps, strict=True):
        if broken:
            out.append(_polyline(run, cls))
            out.append(_polyline([run[-1], point], "c-gap"))
            run = [point]
        else:
            run.append(point)
    out.append(_polyline(run, cls))
    return [line for line in out if line]


def _polyline(xy: list[tuple[float, float]], cls: str) -> str:
    if len(xy) < 2:
        return ""
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    return f'<polyline points="{path}" class="{cls}"/>'


def date_ticks(first: date, last: date, most: int = 7) -> list[tuple[float, str]]:
    """x-axis labels for dates (as day ordinals): each year's 1 January over a long span,
    each month's first day over a shorter one, thinned to at most ``most``."""
    if (last - first).days > 2 * 365:
        marks = [(date(y, 1, 1), str(y)) for y in range(first.year, last.year + 2)]
    else:
        months = (last.year - first.year) * 12 + last.month - first.month + 2
        marks = [(date(first.year + (first.month - 1 + k) // 12,
                       (first.month - 1 + k) % 12 + 1, 1), "") for k in range(months)]
        marks = [(d, d.strftime("%b %Y" if d.month == 1 or i == 0 else "%b"))
                 for i, (d, _) in enumerate(marks)]
    every = max(1, math.ceil(len(marks) / most))
    return [(float(d.toordinal()), text) for d, text in marks[::every]]


def distance_ticks(total_m: float, unit_m: float, unit: str) -> list[tuple[float, str]]:
    """x-axis labels along a run: round distances in ``unit`` (mi or km)."""
    return [(value * unit_m, f"{value:g} {unit}") for value in _ticks(0, total_m / unit_m)]
