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
    if report.reps is not None:
        out.print(report.reps.text)
    for (month, mile, _day), grade in zip(report.best_miles, _grades(report), strict=True):
        out.print(f"Best mile {month}: {format_clock(mile, 1)}{grade}")
    _fitness(report)


#: Width of the text band (characters) drawn for each week's 80 % interval.
_BAND = 18
_RESULTS = {"test_mile": "test mile", "time_trial": "time trial", "race": "race"}


def _fitness(report: Any) -> None:
    """The estimate week by week: the 80 % interval as a band (faster to the right, the
    estimate a dot), beside the test miles and time trials run that week."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    rows = report.fitness_rows()
    if not any(w is not None and w.mile_s is not None for _, w, _ in rows):
        console().print("Fitness estimate: not enough hard running in any 12 weeks yet "
                        "(`miler fitness` says why).")
        return
    known = [w for _, w, _ in rows if w is not None and w.mile_s is not None]
    ran = [t for _, _, results in rows for _, _, t in results]
    slow = max([w.high_s for w in known] + ran)
    fast = min([w.low_s for w in known] + ran)
    grid = Table(box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False,
                 title="Mile estimate, week by week (80 % interval; faster to the right)")
    grid.add_column("week to", justify="right", no_wrap=True)
    grid.add_column("estimate", justify="right")
    grid.add_column("80 %", justify="right", no_wrap=True)
    grid.add_column("", no_wrap=True, min_width=_BAND)
    grid.add_column("ran")
    for day, week, results in rows:
        has = week is not None and week.mile_s is not None
        grid.add_row(f"{day:%d %b %Y}", format_clock(week.mile_s, 0) if has else "-",
                     f"{format_clock(week.low_s, 0)}-{format_clock(week.high_s, 0)}"
                     if has else "not enough",
                     Text(_band(week if has else None, [t for _, _, t in results], slow, fast)),
                     ", ".join(f"{_RESULTS.get(k, k)} {format_clock(t, 1)}"
                               for _, k, t in results))
    console().print(grid)


def _band(week: Any, ran: list[float], slow: float, fast: float) -> str:
    """``[---o---]`` where the week's interval lies between ``slow`` and ``fast``; ``*``
    marks a mile run that week."""
    cells = [" "] * _BAND

    def at(seconds: float) -> int:
        share = (slow - seconds) / (slow - fast) if slow > fast else 0.5
        return min(_BAND - 1, max(0, round(share * (_BAND - 1))))

    if week is not None:
        lo, hi = at(week.high_s), at(week.low_s)
        cells[lo:hi + 1] = "-" * (hi - lo + 1)
        cells[lo], cells[hi] = "[", "]"
        cells[at(week.mile_s)] = "o"
    for seconds in ran:
        cells[at(seconds)] = "*"
    return "".join(cells).rstrip()


def _grades(report: Any) -> list[str]:
    by_day = {day: percent for day, _, percent in report.age_grades}
    return [f" ({by_day[day]:.1f} % age-graded)" if day in by_day else ""
            for _, _, day in report.best_miles]


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


def progress_doc(report: Any) -> dict[str, Any]:
    """``miler progress --json``: planned against done, reps against targets, best miles."""
    grades = {day: percent for day, _, percent in report.age_grades}
    return {
        "schema": "miler.progress/1", "athlete": report.athlete, "age": report.age,
        "sex": report.sex,
        "weeks": [{"week": w.index, "start": w.start.isoformat(), "planned_m": w.planned_m,
                   "done_m": w.done_m, "planned_sessions": w.planned_sessions,
                   "done_sessions": w.done_sessions} for w in report.weeks],
        "speed_sessions": [
            {"date": str(day), "title": title,
             "reps": [{"number": r.number, "distance_m": r.distance_m,
                       "target_fast_s_per_mile": r.target_fast_s_per_mile,
                       "target_slow_s_per_mile": r.target_slow_s_per_mile,
                       "pace_s_per_mile": r.pace_s_per_mile, "verdict": r.verdict}
                      for r in reps]}
            for day, title, reps in report.speed_sessions],
        "best_miles": [{"month": month, "time_s": mile, "date": day.isoformat(),
                        "age_graded_percent": grades.get(day)}
                       for month, mile, day in report.best_miles],
        "fitness": [{"date": w.day.isoformat(), "mile_s": w.mile_s, "low_s": w.low_s,
                     "high_s": w.high_s} for w in report.fitness],
        "mile_results": [{"date": day.isoformat(), "kind": kind, "time_s": seconds}
                         for day, kind, seconds in report.results],
    }
