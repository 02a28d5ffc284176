"""``miler today``, ``session`` and ``log`` output (``progress``: ``render/progress.py``)."""

from __future__ import annotations

from typing import Any

from miler.cli.render import console
from miler.domain.units import METERS_PER_MILE


def session_view(session: Any) -> None:
    console().print(f"{session.day} {session.title} [{session.session_id}]: {session.status}")


def today_output(report: Any, as_json: bool) -> str:
    """All ``miler today`` prints: the text, or with ``--json`` its document. The full path
    and the fast path (``cli/kept.py``) both write this, so they print the same bytes."""
    if as_json:
        from miler.cli.render import indented

        return indented(today_doc(report)) + "\n"
    return today_text(report)


def today_text(report: Any) -> str:
    """The day's sessions with their steps, how yesterday went, the advice: plain lines
    (what Rich printed before, without loading it: a fast start, issue 22)."""
    from miler.adapters.exports.steps_text import session_lines

    lines: list[str] = []
    if not report.sessions:
        lines.append(f"{report.day:%a %d %b}: nothing planned.")
    for s, status in report.sessions:
        lines.append(f"{report.day:%a %d %b}: {s.title} [{s.id}] ({status})")
        lines += [f"  {line}" if line else "" for line in session_lines(s)]
    for session, meters in report.yesterday:
        ran = f", ran {meters / METERS_PER_MILE:.1f} mi" if meters else ""
        lines.append(f"Yesterday: {session.title}: {session.status}{ran}")
    if report.advice:
        lines.append(report.advice)
    return "".join(line + "\n" for line in lines)


def logged_view(run: Any) -> None:
    matched = f"; completes {run.session_id}" if run.session_id else "; no planned run that day"
    result = f"; recorded as a {run.result.replace('_', ' ')}" if run.result else ""
    console().print(f"Logged {run.distance_m / METERS_PER_MILE:.2f} mi on {run.day}"
                    f"{matched}{result}.")


def session_doc(session: Any) -> dict[str, Any]:
    """``miler session done|skip|move --json``: the session as it now stands."""
    return {"schema": "miler.session/1", "session_id": session.session_id,
            "date": session.day.isoformat(), "kind": session.kind,
            "intensity": session.intensity, "title": session.title,
            "planned_distance_m": session.planned_distance_m, "status": session.status,
            "activity_id": session.activity_id}


def today_doc(report: Any) -> dict[str, Any]:
    """``miler today --json``: the day's sessions with their steps, yesterday, advice."""
    from miler.adapters.exports.steps_text import session_lines

    return {
        "schema": "miler.today/1", "date": report.day.isoformat(),
        "sessions": [{"session_id": s.id, "date": s.date.isoformat(), "kind": str(s.kind),
                      "intensity": str(s.intensity), "title": s.title, "why": s.why,
                      "workout": s.workout, "planned_distance_m": s.planned_distance_m,
                      "planned_duration_s": s.planned_duration_s, "status": status,
                      "steps": [line for line in session_lines(s) if line]}
                     for s, status in report.sessions],
        "yesterday": [{"session_id": s.session_id, "title": s.title, "status": s.status,
                       "distance_m": meters} for s, meters in report.yesterday],
        "missed": [s.session_id for s in report.missed],
        "advice": report.advice or None,
    }


def logged_doc(run: Any, kind: str, time_s: float | None) -> dict[str, Any]:
    """``miler log --json``: the run kept and the session it completed."""
    return {"schema": "miler.log/1", "activity_id": run.activity_id, "date": str(run.day),
            "kind": kind, "time_s": time_s, "distance_m": run.distance_m,
            "best_mile_s": run.best_mile_s, "session_id": run.session_id, "result": run.result}
