"""``miler today``, ``session``, ``log`` and ``progress`` output."""

from __future__ import annotations

from typing import Any

from miler.cli.render import console
from miler.domain.units import METERS_PER_MILE, format_clock


def session_view(session: Any) -> None:
    console().print(f"{session.day} {session.title} [{session.session_id}]: {session.status}")


def today_view(report: Any) -> None:
    from miler.adapters.exports.steps_text import session_lines

    out = console()
    if not report.sessions:
        out.print(f"{report.day:%a %d %b}: nothing planned.")
    for s, status in report.sessions:
        out.print(f"{report.day:%a %d %b}: {s.title} [{s.id}] ({status})")
        for line in session_lines(s):
            out.print(f"  {line}" if line else "")
    for session, meters in report.yesterday:
        ran = f", ran {meters / METERS_PER_MILE:.1f} mi" if meters else ""
        out.print(f"Yesterday: {session.title}: {session.status}{ran}")
    if report.advice:
        out.print(report.advice)


def logged_view(run: Any) -> None:
    matched = f"; completes {run.session_id}" if run.session_id else "; no planned run that day"
    result = f"; recorded as a {run.result.replace('_', ' ')}" if run.result else ""
    console().print(f"Logged {run.distance_m / METERS_PER_MILE:.2f} mi on {run.day}"
                    f"{matched}{result}.")


def progress_view(name: str, report: Any) -> None:
    from rich import box
    from rich.table import Table

    out = console()
    grid = Table(box=box.SIMPLE_HEAD, title=f"{name}: planned and done", title_justify="left")
    for column in ("week", "from", "planned mi", "done mi", "runs done"):
        grid.add_column(column, justify="right")
    for w in report.weeks:
        grid.add_row(str(w.index), f"{w.start:%d %b}", f"{w.planned_m / METERS_PER_MILE:.1f}",
                     f"{w.done_m / METERS_PER_MILE:.1f}",
                     f"{w.done_sessions}/{w.planned_sessions}")
    out.print(grid)
    for day, title, reps in report.speed_sessions:
        verdicts = ", ".join(f"{r.number}: {r.verdict}" for r in reps)
        out.print(f"{day} {title}: {verdicts}")
    for (month, mile, _day), grade in zip(report.best_miles, _grades(report), strict=True):
        out.print(f"Best mile {month}: {format_clock(mile, 1)}{grade}")


def _grades(report: Any) -> list[str]:
    by_day = {day: percent for day, _, percent in report.age_grades}
    return [f" ({by_day[day]:.1f} % age-graded)" if day in by_day else ""
            for _, _, day in report.best_miles]
