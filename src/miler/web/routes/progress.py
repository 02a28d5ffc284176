"""Progress: weekly distance planned vs done, best mile and age grade over time, and each
speed session's reps against their target paces; charts are SVG drawn here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from miler.domain.units import METERS_PER_MILE, format_clock
from miler.errors import InvalidInputError, NotFoundError
from miler.web import charts
from miler.web.context import AthleteName, Web
from miler.web.render import page
from miler.web.routes.common import stored_plan
from miler.web.schemas import ProgressPage

router = APIRouter(tags=["progress"])


def _gather(web: Web, athlete: str) -> tuple[Any, list[Any], list[Any], list[Any], dict[str, Any]]:
    with web.store.transaction() as repo:
        try:
            profile = repo.athlete(athlete).profile
        except NotFoundError:
            return None, [], [], [], {}
        plan = stored_plan(repo, athlete)
        sessions = list(repo.sessions(athlete)) if plan else []
        return plan, repo.activities(athlete), repo.results(athlete), sessions, profile


def _runs(activities: Sequence[Any]) -> list[Any]:
    from miler.domain.progress import Run

    return [Run.from_doc(str(a.id), a.day, a.doc) for a in activities if a.sport == "running"]


def _best_miles(runs: Sequence[Any], results: Sequence[Any]) -> list[dict[str, Any]]:
    """Every timed mile, oldest first: best efforts inside runs and recorded results."""
    points = [(r.day, r.best_mile_s, "run") for r in runs if r.best_mile_s is not None]
    points += [(r.day, r.time_s, r.kind.replace("_", " ")) for r in results
               if abs(r.distance_m - METERS_PER_MILE) < 1]
    return [{"day": day.isoformat(), "mile_s": seconds, "clock": format_clock(seconds, 1),
             "source": source} for day, seconds, source in sorted(points)]


def _age_grades(miles: Sequence[dict[str, Any]], profile: dict[str, Any]
                ) -> tuple[list[dict[str, Any]], str]:
    from miler import Sex, Venue, age_grade, age_table

    age, sex = profile.get("age"), profile.get("sex")
    if not age or not sex:
        return [], "Add your age and sex in onboarding to see your age grade."
    try:
        table = age_table(Venue.ROAD, Sex(sex))
        graded = [{**m, "percent": round(age_grade(m["mile_s"], int(age), table).percent, 1)}
                  for m in miles]
    except (InvalidInputError, ValueError) as exc:
        return [], f"No age grade: {exc}"
    return graded, f"Road mile factors ({table.source}), age {age}."


def _speed(plan: Any, runs: Sequence[Any], sessions: Sequence[Any]) -> list[dict[str, Any]]:
    from miler.domain.progress import PlannedRun, rep_report

    if plan is None:
        return []
    by_id = {str(r.key): r for r in runs}
    docs = {s["id"]: s for w in plan.doc["weeks"] for s in w["sessions"]}
    out = []
    for stored in sessions:
        planned = PlannedRun.from_doc(docs[stored.session_id]) if stored.session_id in docs \
            else None
        run = by_id.get(str(stored.activity_id))
        if planned is None or run is None or not planned.hard or not planned.reps:
            continue
        reps = rep_report(run, planned)
        out.append({"session": stored.session_id, "day": stored.day.isoformat(),
                    "title": stored.title, "reps": [
                        {"number": r.number, "distance_m": r.distance_m,
                         "target_s_per_mile": [r.target_fast_s_per_mile,
                                               r.target_slow_s_per_mile],
                         "pace_s_per_mile": r.pace_s_per_mile, "verdict": r.verdict}
                        for r in reps]})
    return out


def _weeks(plan: Any, runs: Sequence[Any], sessions: Sequence[Any]) -> list[dict[str, Any]]:
    from miler.domain.progress import weekly_progress

    if plan is None:
        return []
    done = [s.session_id for s in sessions if s.status == "done"]
    return [{"index": w.index, "start": w.start.isoformat(), "planned_m": w.planned_m,
             "done_m": w.done_m, "planned_sessions": w.planned_sessions,
             "done_sessions": w.done_sessions}
            for w in weekly_progress(plan.doc, runs, done)]


def _view(web: Web, athlete: str) -> dict[str, Any]:
    plan, activities, results, sessions, profile = _gather(web, athlete)
    runs = _runs(activities)
    miles = _best_miles(runs, results)
    graded, note = _age_grades(miles, profile)
    return {"athlete": athlete, "weeks": _weeks(plan, runs, sessions), "best_mile": miles,
            "age_grade": graded, "age_grade_note": note,
            "speed_sessions": _speed(plan, runs, sessions)}


def _miles_text(meters: float) -> str:
    return f"{meters / METERS_PER_MILE:.0f} mi"


def _labels(days: Sequence[str]) -> list[str]:
    """Dates as ``12 Mar``, or ``Mar 2021`` when they span more than a year."""
    from datetime import date

    parsed = [date.fromisoformat(d) for d in days]
    wide = bool(parsed) and (max(parsed) - min(parsed)).days > 366
    return [d.strftime("%b %Y" if wide else "%d %b").lstrip("0") for d in parsed]


def _charts(view: dict[str, Any]) -> dict[str, str]:
    weeks = [charts.Bar(f"W{w['index']}", w["planned_m"], w["done_m"]) for w in view["weeks"]]
    miles = [charts.Point(label, m["mile_s"]) for label, m in
             zip(_labels([m["day"] for m in view["best_mile"]]), view["best_mile"], strict=True)]
    grades = [charts.Point(label, g["percent"]) for label, g in
              zip(_labels([g["day"] for g in view["age_grade"]]), view["age_grade"],
                  strict=True)]
    reps = [charts.RangeRow(f"{s['day'][5:]} rep {r['number']}", r["target_s_per_mile"][0],
                            r["target_s_per_mile"][1], r["pace_s_per_mile"],
                            r["verdict"] == "on target")
            for s in view["speed_sessions"] for r in s["reps"]]
    return {
        "weeks": charts.bars("Weekly distance: planned and done", weeks, _miles_text)
        if weeks else "",
        "best_mile": charts.line("Best mile over time", miles, format_clock,
                                 lower_is_better=True) if miles else "",
        "age_grade": charts.line("Age grade over time", grades, lambda v: f"{v:.0f}%")
        if grades else "",
        "speed": charts.ranges("Speed-session reps against their targets (pace per mile)",
                               reps, format_clock) if reps else "",
    }


@router.get("/athletes/{athlete}/progress", response_class=HTMLResponse,
            include_in_schema=False)
def progress_page(request: Request, athlete: AthleteName, web: Web) -> Response:
    view = _view(web, athlete)
    return page(request, "progress.html", {**view, "charts": _charts(view)})


@router.get("/api/athletes/{athlete}/progress", response_model=ProgressPage,
            summary="Weekly distance, best mile, age grade and speed sessions over time")
def progress_api(athlete: AthleteName, web: Web) -> dict[str, Any]:
    return _view(web, athlete)
