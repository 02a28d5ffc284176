"""The plan as the pages show it: a calendar of weeks x days, and each session with its
steps, paces per mile, km and 400 m lap, its why and whether it was done.

Pure functions of the typed plan (:class:`~miler.domain.plan_view.PlanView`) and the stored
session states; the JSON API returns the same dictionaries the templates read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any, Final

from miler.adapters.exports.steps_text import amount
from miler.domain.plan_view import PlanView, SessionView, WeekView
from miler.domain.units import METERS_PER_KM, METERS_PER_MILE, TRACK_LAP_M, format_clock
from miler.domain.workouts import AnyStep, Repeat
from miler.domain.zones import pace_label

__all__ = ["pace_cells", "plan_view", "session_view", "sessions_by_id"]

_STEP_LABELS: Final = {"warmup": "Warm-up", "work": "Run", "recovery": "Recover",
                       "cooldown": "Cool-down", "exercise": "Exercise", "drill": "Drill",
                       "strides": "Strides"}


def _range(fast: str, slow: str) -> str:
    return fast if fast == slow else f"{fast}–{slow}"


def pace_cells(s_per_mile: Sequence[float]) -> dict[str, str]:
    """A ``[fast, slow]`` pace range per mile, per km and per 400 m lap (tenths)."""
    fast, slow = s_per_mile

    def scaled(meters: float, decimals: int = 0) -> str:
        k = meters / METERS_PER_MILE
        return _range(format_clock(fast * k, decimals), format_clock(slow * k, decimals))

    return {"mile": scaled(METERS_PER_MILE), "km": scaled(METERS_PER_KM),
            "lap": scaled(TRACK_LAP_M, 1)}


def _step(step: AnyStep) -> dict[str, Any]:
    if isinstance(step, Repeat):
        return {"kind": "repeat", "label": f"{step.times} ×", "times": step.times,
                "steps": [_step(inner) for inner in step.steps]}
    kind = str(step.kind)
    return {"kind": kind, "label": _STEP_LABELS.get(kind, kind),
            "name": step.name or "", "amount": amount(step, "×"),
            "pace": pace_cells(step.pace.as_list()) if step.pace else None,
            "effort": step.effort}


def _card(session: SessionView, status: Mapping[str, Any]) -> dict[str, Any]:
    meters, seconds = session.planned_distance_m, session.planned_duration_s
    planned = session.date.isoformat()
    return {"id": session.id, "date": status.get("date") or planned,
            "moved": bool(status.get("date")) and status.get("date") != planned,
            "kind": str(session.kind),
            "intensity": str(session.intensity), "title": session.title,
            "hard": session.is_hard,
            "status": status.get("status", "planned"),
            "activity_id": status.get("activity_id"),
            "distance": f"{meters / METERS_PER_MILE:.1f} mi" if meters else "",
            "duration": f"{round(seconds / 60)} min" if seconds else ""}


def sessions_by_id(stored: Iterable[Any]) -> dict[str, dict[str, Any]]:
    """Stored session states (status, matched activity) by session id."""
    return {s.session_id: {"status": s.status, "activity_id": s.activity_id,
                           "date": s.day.isoformat(), "note": s.note}
            for s in stored}


def _on(session: SessionView, states: Mapping[str, Mapping[str, Any]]) -> str:
    """The session's day: where it was moved to, else the plan's date."""
    day: str = states.get(session.id, {}).get("date") or session.date.isoformat()
    return day


def _week(week: WeekView, by_day: Mapping[str, list[SessionView]],
          states: Mapping[str, Mapping[str, Any]], today: date) -> dict[str, Any]:
    days = []
    for offset in range(7):
        day = week.start_date + timedelta(days=offset)
        cards = [_card(s, states.get(s.id, {})) for s in by_day.get(day.isoformat(), [])]
        days.append({"date": day.isoformat(), "label": day.strftime("%d %b").lstrip("0"),
                     "weekday": day.strftime("%a"), "today": day == today,
                     "sessions": cards})
    return {"index": week.index, "phase": str(week.phase),
            "start_date": week.start_date.isoformat(),
            "planned_distance_m": week.planned_distance_m,
            "miles": f"{week.planned_distance_m / METERS_PER_MILE:.1f}",
            "easier": week.easier, "days": days}


def plan_view(plan: PlanView, states: Mapping[str, Mapping[str, Any]],
              today: date) -> dict[str, Any]:
    """The calendar page: the goal and its verdict in words, the paces, weeks x days."""
    goal = plan.goal
    by_day: dict[str, list[SessionView]] = {}
    for session in plan.sessions:
        by_day.setdefault(_on(session, states), []).append(session)
    weeks = [_week(w, by_day, states, today) for w in plan.weeks]
    done = sum(states.get(s.id, {}).get("status") == "done" for s in plan.sessions)
    return {
        "goal": {"mile_s": goal.mile_s, "clock": format_clock(goal.mile_s),
                 "verdict": goal.verdict, "reason": goal.reason,
                 "suggested": (format_clock(goal.suggested_mile_s)
                               if goal.suggested_mile_s else None)},
        "start_date": plan.start_date.isoformat(), "race_date": plan.race_date.isoformat(),
        "notes": list(plan.notes),
        "weekdays": [d["weekday"] for d in weeks[0]["days"]] if weeks else [],
        "paces": [{"name": pace_label(name), **pace_cells(rng.as_list())}
                  for name, rng in plan.paces],
        "weeks": weeks, "sessions_total": len(plan.sessions), "sessions_done": done,
    }


def session_view(plan: PlanView, states: Mapping[str, Mapping[str, Any]],
                 session_id: str) -> dict[str, Any]:
    """One session: its card, steps with paces, why, and its week."""
    week, session = plan.session(session_id)
    return {**_card(session, states.get(session_id, {})),
            "weekday": date.fromisoformat(_on(session, states)).strftime("%A %d %B"),
            "week": week.index, "phase": str(week.phase), "why": session.why,
            "steps": [_step(s) for s in session.steps]}
