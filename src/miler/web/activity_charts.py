"""The activity page's charts: pace and heart rate along the run (``domain/profile.py``,
kept in the activity's document at import), drawn as SVG by ``web/charts.py``, each with the
numbers as a table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from miler.domain.units import METERS_PER_MILE, format_clock
from miler.web import charts

__all__ = ["activity_charts"]

_TABLE_ROWS: Final = 40  # the table twin shows about this many steps, evenly spread


def activity_charts(doc: Mapping[str, Any]) -> dict[str, Any] | None:
    """``pace`` and ``hr`` SVGs (``hr`` empty without heart rate) and the table rows; None
    for an activity stored without a profile (logged by hand, or imported before)."""
    shape = doc.get("profile")
    if not shape or not shape.get("distance_m"):
        return None
    rows = list(zip(shape["distance_m"], shape["pace_s_per_mile"], shape["heart_rate"],
                    strict=True))
    ticks = charts.distance_ticks(rows[-1][0], METERS_PER_MILE, "mi")
    step = rows[1][0] - rows[0][0] if len(rows) > 1 else rows[0][0]
    paces = [(d, p) for d, p, _ in rows if p is not None]
    rates = [(d, h) for d, _, h in rows if h is not None]
    every = max(1, len(rows) // _TABLE_ROWS)
    return {
        "pace": charts.over("Pace along the run (per mile)", paces, format_clock, ticks,
                            lower_is_better=True, gap=2.5 * step, dots=False) if paces else "",
        "hr": charts.over("Heart rate along the run (beats a minute)", rates,
                          lambda v: f"{v:.0f}", ticks, gap=2.5 * step, dots=False,
                          line_class="c-line c-hr")
        if rates else "",
        "rows": [{"distance": f"{d / METERS_PER_MILE:.2f} mi",
                  "pace": format_clock(p) + "/mi" if p is not None else "stopped",
                  "hr": f"{h:.0f}" if h is not None else "—"} for d, p, h in rows[::every]],
    }
