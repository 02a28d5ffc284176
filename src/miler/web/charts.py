"""Progress charts drawn on the server as SVG: no chart library, no JavaScript, and they
print. Each function takes plain numbers and returns one ``<svg>`` element as text.

Colours come from the page's CSS classes (``c-plan``, ``c-done``, ...), so the charts
follow the site's palette; every chart has a ``<title>`` and a table twin on the page.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Final

__all__ = ["Bar", "Point", "RangeRow", "bars", "line", "ranges"]

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
