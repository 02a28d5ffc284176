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


def athlete_doc(athlete: Any, plans: Any = (), results: Any = ()) -> dict[str, Any]:
    """``miler athlete add|show --json``: the runner, their plan versions and results."""
    return {"schema": "miler.athlete/1", **_profile_doc(athlete),
            "plans": [_plan_doc(plan) for plan in plans],
            "results": [{"date": r.day.isoformat(), "kind": r.kind, "distance_m": r.distance_m,
                         "time_s": r.time_s} for r in results]}


def athletes_doc(rows: list[tuple[Any, Any]]) -> dict[str, Any]:
    """``miler athlete list --json``: every runner with their current plan."""
    return {"schema": "miler.athletes/1",
            "athletes": [{**_profile_doc(a), "plan": None if p is None else _plan_doc(p)}
                         for a, p in rows]}


def _profile_doc(athlete: Any) -> dict[str, Any]:
    p = athlete.profile
    return {"id": athlete.name, "name": athlete.display_name,
            "weekly_miles": p["weekly_miles"], "test_mile_s": p.get("test_mile_s"),
            "goal_mile_s": p.get("goal_mile_s"), "training_days": list(p["training_days"]),
            "long_run_day": p["long_run_day"], "age": p.get("age"), "sex": p.get("sex"),
            "units": p.get("units", "mi"), "tz": p.get("tz")}


def _plan_doc(plan: Any) -> dict[str, Any]:
    return {"version": plan.version, "reason": plan.reason,
            "created_at": plan.created_at.isoformat(),
            "race_date": str(plan.plan.race_date)}
