"""Downloads of the current plan: calendar (ICS), watch workouts (FIT, zipped), PDF, HTML."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from miler.services.exports import Export, download
from miler.web.context import AthleteName, Now, Web, off_the_pages
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


def _has_plan(web: Web, athlete: str) -> None:
    """No plan: say so here, not on each link."""
    plan_or_404(web.store, athlete)


def _file(export: Export) -> Response:
    disposition = f'attachment; filename="{export.name}"'
    return Response(export.data, media_type=export.media_type,
                    headers={"Content-Disposition": disposition})


def _list(athlete: str) -> dict[str, Any]:
    return {"athlete": athlete, "downloads": [
        {"name": name, "url": f"/athletes/{athlete}/{name}", "media_type": kind, "about": about}
        for name, kind, about in _FILES]}


@router.get("/athletes/{athlete}/downloads", response_class=HTMLResponse,
            include_in_schema=False)
def downloads_page(request: Request, athlete: AthleteName, web: Web) -> Response:
    _has_plan(web, athlete)
    return page(request, "downloads.html", _list(athlete))


@router.get("/api/athletes/{athlete}/downloads", response_model=DownloadsPage,
            summary="What can be downloaded for the current plan, and where")
def downloads_api(athlete: AthleteName, web: Web) -> dict[str, Any]:
    _has_plan(web, athlete)
    return _list(athlete)


@router.get("/athletes/{athlete}/plan.ics", response_class=Response,
            responses={200: {"content": {"text/calendar": {}}}},
            summary="The plan as an iCalendar file")
async def plan_ics(athlete: AthleteName, web: Web, now: Now) -> Response:
    return _file(await off_the_pages(web, download, web.store, athlete, "plan.ics", now=now))


@router.get("/athletes/{athlete}/workouts.zip", response_class=Response,
            responses={200: {"content": {"application/zip": {}}}},
            summary="The plan's FIT workouts, zipped")
async def workouts_zip(athlete: AthleteName, web: Web, now: Now) -> Response:
    return _file(await off_the_pages(web, download, web.store, athlete, "workouts.zip", now=now))


@router.get("/athletes/{athlete}/plan.pdf", response_class=Response,
            responses={200: {"content": {"application/pdf": {}}}},
            summary="The printable plan as an A4 PDF")
async def plan_pdf(athlete: AthleteName, web: Web, now: Now) -> Response:
    return _file(await off_the_pages(web, download, web.store, athlete, "plan.pdf", now=now))


@router.get("/athletes/{athlete}/plan.html", response_class=HTMLResponse,
            summary="The printable plan as one HTML page")
async def plan_html(athlete: AthleteName, web: Web, now: Now) -> Response:
    return HTMLResponse((await off_the_pages(web, download, web.store, athlete, "plan.html",
                                             now=now)).data)
