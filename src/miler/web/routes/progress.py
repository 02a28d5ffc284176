"""Progress: weekly distance planned vs done, best mile and age grade over time, each
speed session's reps against their target paces, and the fitness estimate week by week with
its 80 % interval beside the miles actually run; charts are SVG drawn here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from miler.domain.units import METERS_PER_MILE, format_clock
from miler.errors import NotFoundError
from miler.web import charts
from miler.web.cache import cached_page
from miler.web.context import AthleteName, Web
from miler.web.render import page
from miler.web.schemas import ProgressPage

router = APIRouter(tags=["progress"])


def _view(web: Web, athlete: str) -> dict[str, Any]:
    """What ``services.coaching.progress`` finds (``miler progress``), as plain values."""
    from miler.services.progress import progress

    try:
        found = progress(web.store, athlete)
    except NotFoundError:  # nobody onboarded yet (local mode)
        return {"athlete": athlete, "weeks": [], "best_mile": [], "age_grade": [],
                "age_grade_note": _NO_AGE, "speed_sessions": [], "fitness": [],
                "reps": None}
    return {
        "athlete": athlete,
        "weeks": [{"index": w.index, "start": w.start.isoformat(), "planned_m": w.planned_m,
                   "done_m": w.done_m, "planned_sessions": w.planned_sessions,
                   "done_sessions": w.done_sessions} for w in found.weeks],
        "best_mile": [{"month": month, "day": day.isoformat(), "mile_s": seconds,
                       "clock": format_clock(seconds, 1)}
                      for month, seconds, day in found.best_miles],
        "age_grade": [{"day": day.isoformat(), "mile_s": seconds, "percent": round(pct, 1)}
                      for day, seconds, pct in found.age_grades],
        "age_grade_note": (f"Road mile factors, age {found.age}, {found.sex}."
                           if found.age_grades else _NO_AGE),
        "speed_sessions": [{"day": day, "title": title, "reps": [_rep(r) for r in reps]}
                           for day, title, reps in found.speed_sessions],
        "fitness": [_fitness_row(day, week, ran) for day, week, ran in found.fitness_rows()],
        "reps": None if found.reps is None else {
            "planned": found.reps.planned, "run": found.reps.run,
            "on_target": found.reps.on_target, "too_slow": found.reps.too_slow,
            "too_fast": found.reps.too_fast,
            "mean_error_s_per_400m": found.reps.mean_error_s_per_400m,
            "text": found.reps.text},
    }


def _fitness_row(day: Any, week: Any, ran: Any) -> dict[str, Any]:
    """One week of the estimate (None where there was not enough hard running) and the
    mile results run that week."""
    known = week is not None and week.mile_s is not None
    return {"day": day.isoformat(),
            "mile_s": round(week.mile_s, 1) if known else None,
            "interval_80": [round(week.low_s, 1), round(week.high_s, 1)] if known else None,
            "ran": [{"day": d.isoformat(), "kind": kind, "mile_s": seconds,
                     "clock": format_clock(seconds, 1)} for d, kind, seconds in ran]}


_NO_AGE = "Add your age and sex in onboarding to see your age grade."


def _rep(rep: Any) -> dict[str, Any]:
    return {"number": rep.number, "distance_m": rep.distance_m,
            "target_s_per_mile": [rep.target_fast_s_per_mile, rep.target_slow_s_per_mile],
            "pace_s_per_mile": rep.pace_s_per_mile, "verdict": rep.verdict}


def _miles_text(meters: float) -> str:
    return f"{meters / METERS_PER_MILE:.0f} mi"


def _labels(days: Sequence[str]) -> list[str]:
    """Dates as ``12 Mar``, or ``Mar 2021`` when they span more than a year."""
    from datetime import date

    parsed = [date.fromisoformat(d) for d in days]
    wide = bool(parsed) and (max(parsed) - min(parsed)).days > 366
    return [d.strftime("%b %Y" if wide else "%d %b").lstrip("0") for d in parsed]


#: Months apart beyond which two points are joined by a dashed line: nothing in between.
_GAP_DAYS = 62


def _over_time(title: str, rows: Sequence[dict[str, Any]], key: str,
               fmt: Callable[[float], str], lower_is_better: bool = False) -> str:
    """A value by date, the x axis to scale (a two-year wait is a long stretch)."""
    from datetime import date

    if not rows:
        return ""
    days = [date.fromisoformat(r["day"]) for r in rows]
    return charts.over(title, [(float(d.toordinal()), r[key]) for d, r in zip(days, rows,
                                                                             strict=True)],
                       fmt, charts.date_ticks(min(days), max(days)),
                       lower_is_better=lower_is_better, gap=_GAP_DAYS,
                       labels=_labels([r["day"] for r in rows]))


def _charts(view: dict[str, Any]) -> dict[str, str]:
    weeks = [charts.Bar(f"W{w['index']}", w["planned_m"], w["done_m"]) for w in view["weeks"]]
    reps = [charts.RangeRow(f"{s['day'][5:]} rep {r['number']}", r["target_s_per_mile"][0],
                            r["target_s_per_mile"][1], r["pace_s_per_mile"],
                            r["verdict"] == "on target")
            for s in view["speed_sessions"] for r in s["reps"]]
    return {
        "fitness": _fitness_chart(view["fitness"]),
        "weeks": charts.bars("Weekly distance: planned and done", weeks, _miles_text)
        if weeks else "",
        "best_mile": _over_time("Best mile over time", view["best_mile"], "mile_s",
                                format_clock, lower_is_better=True),
        "age_grade": _over_time("Age grade over time", view["age_grade"], "percent",
                                lambda v: f"{v:.0f}%"),
        "speed": charts.ranges("Speed-session reps against their targets (pace per mile)",
                               reps, format_clock) if reps else "",
    }


def _fitness_chart(rows: list[dict[str, Any]]) -> str:
    from datetime import date

    from miler.web import fitness_chart

    weeks = [fitness_chart.Estimate(date.fromisoformat(r["day"]), r["mile_s"],
                                    *(r["interval_80"] or (None, None))) for r in rows]
    ran = [fitness_chart.Result(date.fromisoformat(m["day"]), _KINDS.get(m["kind"], m["kind"]),
                                m["mile_s"]) for r in rows for m in r["ran"]]
    return fitness_chart.fitness("Mile estimate week by week, its 80 % interval, and the "
                                 "miles run", weeks, ran, format_clock)


_KINDS = {"test_mile": "test mile", "time_trial": "time trial", "race": "race"}


@router.get("/athletes/{athlete}/progress", response_class=HTMLResponse,
            include_in_schema=False)
def progress_page(request: Request, athlete: AthleteName, web: Web) -> Response:
    from miler.services.coaching import page_version

    def render() -> Response:
        view = _view(web, athlete)
        return page(request, "progress.html", {**view, "charts": _charts(view)})

    stamp = page_version(web.store, athlete)
    if stamp is None:  # nobody onboarded yet: nothing to keep
        return render()
    return cached_page(request, web.pages, ("progress", athlete, stamp.version), render)


@router.get("/api/athletes/{athlete}/progress", response_model=ProgressPage,
            summary="Weekly distance, best mile, age grade and speed sessions over time")
def progress_api(athlete: AthleteName, web: Web) -> dict[str, Any]:
    return _view(web, athlete)
