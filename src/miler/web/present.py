"""The plan as the pages show it: a calendar of weeks x days, and each session with its
steps, paces per mile, km and 400 m lap, its why and whether it was done.

Pure functions of the ``miler.plan/1`` document and the stored session states; the JSON
API returns the same dictionaries the templates read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any, Final

from miler.adapters.exports.steps_text import amount
from miler.domain.units import METERS_PER_KM, METERS_PER_MILE, TRACK_LAP_M, format_clock
from miler.domain.workouts import is_hard
from miler.domain.zones import pace_label
from miler.errors import NotFoundError

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


def _step(step: Mapping[str, Any]) -> dict[str, Any]:
    if step["kind"] == "repeat":
        return {"kind": "repeat", "label": f"{step['times']} ×", "times": step["times"],
                "steps": [_step(inner) for inner in step["steps"]]}
    pace = step.get("pace", {}).get("s_per_mile")
    return {"kind": step["kind"], "label": _STEP_LABELS.get(step["kind"], step["kind"]),
            "name": step.get("name", ""), "amount": amount(step, "×"),
            "pace": pace_cells(pace) if pace else None, "effort": step.get("effort")}


def _card(session: Mapping[str, Any], status: Mapping[str, Any]) -> dict[str, Any]:
    meters = session.get("planned_distance_m")
    seconds = session.get("planned_duration_s")
    return {"id": session["id"], "date": status.get("date") or session["date"],
            "moved": bool(status.get("date")) and status.get("date") != session["date"],
            "kind": session["kind"],
            "intensity": session["intensity"], "title": session["title"],
            "hard": is_hard(session["kind"], session["intensity"]),
            "status": status.get("status", "planned"),
            "activity_id": status.get("activity_id"),
            "distance": f"{meters / METERS_PER_MILE:.1f} mi" if meters else "",
            "duration": f"{round(seconds / 60)} min" if seconds else ""}


def sessions_by_id(stored: Iterable[Any]) -> dict[str, dict[str, Any]]:
    """Stored session states (status, matched activity) by session id."""
    return {s.session_id: {"status": s.status, "activity_id": s.activity_id,
                           "date": s.day.isoformat()} for s in stored}


def _on(session: Mapping[str, Any], states: Mapping[str, Mapping[str, Any]]) -> str:
    """The session's day: where it was moved to, else the plan's date."""
    day: str = states.get(session["id"], {}).get("date") or session["date"]
    return day


def _week(week: Mapping[str, Any], by_day: Mapping[str, list[Mapping[str, Any]]],
          states: Mapping[str, Mapping[str, Any]], today: date) -> dict[str, Any]:
    start = date.fromisoformat(week["start_date"])
    days = []
    for offset in range(7):
        day = start + timedelta(days=offset)
        cards = [_card(s, states.get(s["id"], {})) for s in by_day.get(day.isoformat(), [])]
        days.append({"date": day.isoformat(), "label": day.strftime("%d %b").lstrip("0"),
                     "weekday": day.strftime("%a"), "today": day == today,
                     "sessions": cards})
    return {"index": week["index"], "phase": week["phase"], "start_date": week["start_date"],
            "planned_distance_m": week["planned_distance_m"],
            "miles": f"{week['planned_distance_m'] / METERS_PER_MILE:.1f}",
            "easier": bool(week.get("easier")), "days": days}


def plan_view(doc: Mapping[str, Any], states: Mapping[str, Mapping[str, Any]],
              today: date) -> dict[str, Any]:
    """The calendar page: the goal and its verdict in words, the paces, weeks x days."""
    goal = doc["goal"]
    sessions = [s for w in doc["weeks"] for s in w["sessions"]]
    by_day: dict[str, list[Mapping[str, Any]]] = {}
    for session in sessions:
        by_day.setdefault(_on(session, states), []).append(session)
    weeks = [_week(w, by_day, states, today) for w in doc["weeks"]]
    done = sum(states.get(s["id"], {}).get("status") == "done" for s in sessions)
    return {
        "goal": {"mile_s": goal["mile_s"], "clock": format_clock(goal["mile_s"]),
                 "verdict": goal["verdict"], "reason": goal["reason"],
                 "suggested": (format_clock(goal["suggested_mile_s"])
                               if goal.get("suggested_mile_s") else None)},
        "start_date": doc["start_date"], "race_date": doc["race_date"],
        "notes": list(doc.get("notes", [])),
        "weekdays": [d["weekday"] for d in weeks[0]["days"]] if weeks else [],
        "paces": [{"name": pace_label(name),
                   **pace_cells(p["s_per_mile"])}
                  for name, p in doc["paces"].items()],
        "weeks": weeks, "sessions_total": len(sessions), "sessions_done": done,
    }


def session_view(doc: Mapping[str, Any], states: Mapping[str, Mapping[str, Any]],
                 session_id: str) -> dict[str, Any]:
    """One session: its card, steps with paces, why, and its week."""
    for week in doc["weeks"]:
        for session in week["sessions"]:
            if session["id"] == session_id:
                return {**_card(session, states.get(session_id, {})),
                        "weekday": date.fromisoformat(_on(session, states))
                        .strftime("%A %d %B"),
                        "week": week["index"], "phase": week["phase"],
                        "why": session.get("why", ""),
                        "steps": [_step(s) for s in session.get("steps", [])]}
    raise NotFoundError(f"no session {session_id!r} in the current plan")
