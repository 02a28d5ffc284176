"""Downloads of the current plan: calendar (ICS), watch workouts (FIT, zipped), PDF, HTML."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from miler.web.context import AthleteName, Now, Web
from miler.web.render import page
from miler.web.routes.common import plan_or_404
from miler.web.schemas import DownloadsPage

router = APIRouter(tags=["downloads"])

_FILES = (
    ("plan.ics", "text/calendar", "Every session as an all-day event, for any calendar app."),
    ("workouts.zip", "application/zip",
     "One FIT workout per run and strength session, to copy to a watch."),
    ("plan.pdf", "application/pdf", "The printable plan: A4, a week per page, race day last."),
    ("plan.html", "text/html", "The same printable plan as a web page, with the pace band."),
    ("race/band.svg", "image/svg+xml", "The 200 x 25 mm pace band for race day."),
)


def _plan_doc(web: Web, athlete: str) -> dict[str, Any]:
    with web.store.transaction() as repo:
        doc: dict[str, Any] = plan_or_404(repo, athlete).doc
    return doc


def _race(doc: dict[str, Any]) -> Any:
    from miler import plan_race

    return plan_race(float(doc["goal"]["mile_s"]))


def _file(data: bytes | str, media_type: str, name: str) -> Response:
    return Response(data, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _list(athlete: str) -> dict[str, Any]:
    return {"athlete": athlete, "downloads": [
        {"name": name, "url": f"/athletes/{athlete}/{name}", "media_type": kind, "about": about}
        for name, kind, about in _FILES]}


@router.get("/athletes/{athlete}/downloads", response_class=HTMLResponse,
            include_in_schema=False)
def downloads_page(request: Request, athlete: AthleteName, web: Web) -> Response:
    _plan_doc(web, athlete)  # no plan: say so here, not on each link
    return page(request, "downloads.html", _list(athlete))


@router.get("/api/athletes/{athlete}/downloads", response_model=DownloadsPage,
            summary="What can be downloaded for the current plan, and where")
def downloads_api(athlete: AthleteName, web: Web) -> dict[str, Any]:
    _plan_doc(web, athlete)
    return _list(athlete)


@router.get("/athletes/{athlete}/plan.ics", response_class=Response,
            responses={200: {"content": {"text/calendar": {}}}},
            summary="The plan as an iCalendar file")
def plan_ics(athlete: AthleteName, web: Web, now: Now) -> Response:
    from miler.adapters.exports.ics import plan_calendar

    data = plan_calendar(_plan_doc(web, athlete), stamp=now)
    return _file(data, "text/calendar", f"miler-{athlete}.ics")


@router.get("/athletes/{athlete}/workouts.zip", response_class=Response,
            responses={200: {"content": {"application/zip": {}}}},
            summary="The plan's FIT workouts, zipped")
def workouts_zip(athlete: AthleteName, web: Web, now: Now) -> Response:
    import io
    import zipfile

    from miler.adapters.exports.fit_workout import (
        WORKOUT_KINDS,
        session_workout,
        workout_file_name,
    )

    doc = _plan_doc(web, athlete)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for session in (s for w in doc["weeks"] for s in w["sessions"]):
            if session["kind"] in WORKOUT_KINDS:
                archive.writestr(workout_file_name(session), session_workout(session, now))
    return _file(out.getvalue(), "application/zip", f"miler-{athlete}-workouts.zip")


@router.get("/athletes/{athlete}/plan.pdf", response_class=Response,
            responses={200: {"content": {"application/pdf": {}}}},
            summary="The printable plan as an A4 PDF")
def plan_pdf(athlete: AthleteName, web: Web) -> Response:
    from miler.adapters.exports.document import plan_pdf as pdf

    doc = _plan_doc(web, athlete)
    return _file(pdf(doc, _race(doc).to_doc()), "application/pdf", f"miler-{athlete}.pdf")


@router.get("/athletes/{athlete}/plan.html", response_class=HTMLResponse,
            summary="The printable plan as one HTML page")
def plan_html(athlete: AthleteName, web: Web) -> Response:
    from miler.adapters.exports.document import plan_html as html
    from miler.adapters.exports.pace_band import band_svg

    doc = _plan_doc(web, athlete)
    race = _race(doc)
    return HTMLResponse(html(doc, race.to_doc(), band_svg(race)))
