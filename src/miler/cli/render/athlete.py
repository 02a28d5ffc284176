"""``miler athlete`` output."""

from __future__ import annotations

from typing import Any

from miler.cli.render import console
from miler.domain.units import format_clock


def _mile(seconds: float | None) -> str:
    return format_clock(seconds) if seconds else "untested"


def athlete_view(athlete: Any, plans: Any = (), results: Any = ()) -> None:
    p = athlete.profile
    out = console()
    goal = f", goal {format_clock(p['goal_mile_s'])}" if p.get("goal_mile_s") else ""
    out.print(f"{_who(athlete)}: mile {_mile(p.get('test_mile_s'))}{goal}, "
              f"{p['weekly_miles']:g} miles a week, runs {','.join(p['training_days'])} "
              f"(long run {p['long_run_day']})")
    for plan in plans:
        out.print(f"  plan v{plan.version} ({plan.created_at:%Y-%m-%d}): {plan.reason}; "
                  f"race {plan.plan.race_date}")
    for result in results:
        out.print(f"  {result.day} {result.kind.replace('_', ' ')}: "
                  f"{format_clock(result.time_s, 1)}")


def _who(athlete: Any) -> str:
    """The display name, with the id the other commands and the web app also take."""
    shown = athlete.display_name
    return shown if shown == athlete.name else f"{shown} (id {athlete.name})"


def athletes_view(rows: list[tuple[Any, Any]]) -> None:
    out = console()
    if not rows:
        out.print("No athletes yet: add one with `miler athlete add NAME --weekly-miles N`.")
    for athlete, plan in rows:
        where = f"plan v{plan.version}, race {plan.plan.race_date}" if plan else "no plan"
        out.print(f"{_who(athlete):<20} mile {_mile(athlete.profile.get('test_mile_s')):>8}  "
                  f"{athlete.profile['weekly_miles']:>5g} mi/wk  {where}")
