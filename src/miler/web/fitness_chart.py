"""The fitness estimate over time as an SVG chart: the 80 % interval as a band, the estimate
as a line, and the test miles and time trials actually run as dots, on a time axis (dates
placed by their day). Faster is drawn higher, so progress goes up. Plain numbers in, one
``<svg>`` element out, like :mod:`miler.web.charts`, whose frame it shares.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Final

from miler.web.charts import _BOTTOM, _H, _LEFT, _RIGHT, _TOP, _W, _grid, _svg, _text

__all__ = ["Estimate", "Result", "fitness"]

#: At most this many date labels along the axis.
_LABELS: Final = 6


@dataclass(frozen=True, slots=True)
class Estimate:
    day: date
    mile_s: float | None  # None: not enough hard running that week (a gap in the band)
    low_s: float | None = None
    high_s: float | None = None


@dataclass(frozen=True, slots=True)
class Result:
    day: date
    label: str  # "time trial", "test mile", ...
    mile_s: float


def fitness(title: str, weeks: Sequence[Estimate], results: Sequence[Result],
            fmt: Callable[[float], str]) -> str:
    """The band, the estimate and the results; empty text when there is nothing to draw."""
    known = [w for w in weeks if w.mile_s is not None]
    values = [v for w in known for v in (w.low_s, w.high_s) if v is not None]
    values += [r.mile_s for r in results]
    days = [w.day for w in known] + [r.day for r in results]
    if not values:
        return ""
    slow, fast = max(values), min(values)
    pad = max((slow - fast) * 0.1, 2.0)
    slow, fast = slow + pad, fast - pad
    first, last = min(days), max(days)
    plot_h, plot_w = _H - _TOP - _BOTTOM, _W - _LEFT - _RIGHT - 12

    def x(day: date) -> float:
        span = (last - first).days
        return _LEFT + 6 + (plot_w * (day - first).days / span if span else plot_w / 2)

    def y(seconds: float) -> float:
        return _TOP + plot_h * (seconds - fast) / (slow - fast)

    body = _grid(fast, slow, y, fmt)
    for stretch in _stretches(weeks):
        ends = [(x(w.day), w) for w in stretch]
        if len(ends) == 1:  # one week alone: a band 8 px wide
            ends = [(ends[0][0] - 4, stretch[0]), (ends[0][0] + 4, stretch[0])]
        top = " ".join(f"{at:.1f},{y(w.low_s or 0):.1f}" for at, w in ends)
        bottom = " ".join(f"{at:.1f},{y(w.high_s or 0):.1f}" for at, w in reversed(ends))
        body.append(f'<polygon points="{top} {bottom}" class="c-band">'
                    f"<title>80 % interval, {escape(stretch[0].day.isoformat())} to "
                    f"{escape(stretch[-1].day.isoformat())}</title></polygon>")
        line = " ".join(f"{x(w.day):.1f},{y(w.mile_s or 0):.1f}" for w in stretch)
        body.append(f'<polyline points="{line}" class="c-estimate"/>')
    for w in known:
        body.append(f'<circle cx="{x(w.day):.1f}" cy="{y(w.mile_s or 0):.1f}" r="2.5" '
                    f'class="c-estimate-dot"><title>{escape(w.day.isoformat())}: estimate '
                    f"{escape(fmt(w.mile_s or 0))} (80 %: {escape(fmt(w.low_s or 0))}–"
                    f"{escape(fmt(w.high_s or 0))})</title></circle>")
    for r in results:
        body.append(f'<circle cx="{x(r.day):.1f}" cy="{y(r.mile_s):.1f}" r="5.5" '
                    f'class="c-result"><title>{escape(r.day.isoformat())}: '
                    f"{escape(r.label)} {escape(fmt(r.mile_s))}</title></circle>")
    for day in _label_days(days):
        body.append(_text(x(day), _H - _BOTTOM + 16, day.strftime("%d %b").lstrip("0")))
    return _svg(title, body)


def _stretches(weeks: Sequence[Estimate]) -> list[list[Estimate]]:
    """Consecutive weeks with an estimate: the band breaks where there was none."""
    out: list[list[Estimate]] = [[]]
    for w in weeks:
        if w.mile_s is None or w.low_s is None or w.high_s is None:
            out.append([])
        else:
            out[-1].append(w)
    return [s for s in out if s]


def _label_days(days: Sequence[date]) -> list[date]:
    """Up to ``_LABELS`` of the days, spread from the first to the last."""
    ordered = sorted(set(days))
    every = max(1, -(-len(ordered) // _LABELS))
    return ordered[::every]
