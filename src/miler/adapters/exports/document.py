"""The printable plan as HTML (a Jinja2 template), one week per page; the PDF is
adapters/exports/pdf_plan.py.

It reads the typed plan and, for the last page, the ``miler.race/1`` document, and shows
every pace per mile, km and 400 m lap.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from miler.adapters.exports.steps_text import session_lines
from miler.domain.plan_view import PlanView
from miler.domain.units import METERS_PER_KM, METERS_PER_MILE, TRACK_LAP_M, format_clock
from miler.domain.zones import pace_label

__all__ = ["pace_row", "plan_html", "view_model"]


def pace_row(name: str, s_per_mile: list[float]) -> tuple[str, str, str, str]:
    """A named pace per mile, km and 400 m lap, as text."""
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
        "paces": [pace_row(name, rng.as_list()) for name, rng in plan.paces],
        "weeks": weeks, "race": _race(race) if race else None,
    }


def plan_html(plan: PlanView, race: Mapping[str, Any] | None = None,
              band_svg: str | None = None) -> str:
    """The plan as one printable HTML page (A4, a page break after every week)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("miler.adapters.exports", "templates"),
                      autoescape=select_autoescape(["html"]))
    return env.get_template("plan.html").render(**view_model(plan, race), band=band_svg)
