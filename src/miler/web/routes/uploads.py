"""Uploads of watch files, what each shows (best efforts, splits) and the session it ran."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, HTMLResponse, Response

from miler.domain.units import METERS_PER_MILE, format_clock
from miler.services.training import activities, activity
from miler.web.activities import (
    MAX_BULK_BYTES,
    MAX_FILE_BYTES,
    MAX_FILES,
    Upload,
    display_name,
    import_uploads,
    kept_file,
)
from miler.web.activity_charts import activity_charts
from miler.web.context import AthleteName, Now, Web, off_the_pages
from miler.web.present import session_view, sessions_by_id
from miler.web.render import page
from miler.web.schemas import ActivityPage, UploadsDone, UploadsPage

router = APIRouter(tags=["uploads"])

ActivityId = Annotated[int, PathParam(ge=1, le=2**31 - 1)]
Files = Annotated[list[UploadFile], File(description="FIT, GPX or TCX files (gzip allowed).")]


def _row(athlete: str, activity: Any, matched: Mapping[int, str]) -> dict[str, Any]:
    return {"id": activity.id, "day": activity.day.isoformat(), "sport": activity.sport,
            "distance_m": activity.distance_m, "elapsed_s": activity.elapsed_s,
            "best_mile_s": activity.best_mile_s, "matched_session": matched.get(activity.id),
            "url": f"/athletes/{athlete}/activities/{activity.id}"}


def _list(web: Web, athlete: str) -> dict[str, Any]:
    found, matched = activities(web.store, athlete)
    return {"athlete": athlete, "activities": [_row(athlete, a, matched)
                                               for a in reversed(found)],
            "max_file_mb": MAX_FILE_BYTES >> 20, "max_files": MAX_FILES,
            "max_bulk": f"{MAX_BULK_BYTES >> 30} GB"}


async def _read(files: list[UploadFile]) -> list[Upload]:
    """The files' bytes, each read to one byte past the limit (enough to refuse it)."""
    return [Upload(display_name(f.filename), await f.read(MAX_FILE_BYTES + 1))
            for f in files if f.filename or f.size]


def _import(web: Web, athlete: str, uploads: list[Upload], now: Any) -> dict[str, Any]:
    outcomes, replanned = import_uploads(web.store, athlete, uploads,
                                         data_dir=web.settings.data_dir, now=now,
                                         isolate=web.worker.run)
    return {"athlete": athlete, "replanned": replanned, "results": [{
        "name": o.name, "ok": o.ok, "message": o.message, "activity_id": o.activity_id,
        "matched_session": o.matched_session, "summary": o.summary} for o in outcomes]}


@router.get("/athletes/{athlete}/uploads", response_class=HTMLResponse, include_in_schema=False)
def uploads_page(request: Request, athlete: AthleteName, web: Web) -> Response:
    return page(request, "uploads.html", {**_list(web, athlete), "results": None,
                                          "replanned": None})


@router.get("/api/athletes/{athlete}/uploads", response_model=UploadsPage,
            summary="Imported activities, newest first, and the upload limits")
def uploads_api(athlete: AthleteName, web: Web) -> dict[str, Any]:
    return _list(web, athlete)


@router.post("/athletes/{athlete}/uploads", response_class=HTMLResponse,
             include_in_schema=False)
async def uploads_post(request: Request, athlete: AthleteName, web: Web, now: Now,
                       files: Files) -> Response:
    done = await off_the_pages(web, _import, web, athlete, await _read(files), now)
    listing = await run_in_threadpool(_list, web, athlete)
    return page(request, "uploads.html", {**listing, **done})


@router.post("/api/athletes/{athlete}/uploads", response_model=UploadsDone,
             summary="Upload FIT, GPX or TCX files: each is read, kept and matched")
async def uploads_post_api(athlete: AthleteName, web: Web, now: Now,
                           files: Files) -> dict[str, Any]:
    return await off_the_pages(web, _import, web, athlete, await _read(files), now)


def _activity(web: Web, athlete: str, activity_id: int) -> tuple[dict[str, Any], Any]:
    view = activity(web.store, athlete, activity_id)
    found, plan, states = view.activity, view.plan, sessions_by_id(view.sessions)
    session = next((sid for sid, s in states.items() if s["activity_id"] == activity_id), None)
    matched = session_view(plan.plan, states, session) if plan and session else None
    doc = found.doc
    return {"athlete": athlete, "id": found.id, "day": found.day.isoformat(),
            "file_url": (f"/athletes/{athlete}/activities/{found.id}/file"
                         if found.path else None),
            "matched": matched, "efforts": _efforts(doc),
            "splits": _splits(doc.get("splits_mile", [])),
            "laps": _splits(doc.get("laps", []), numbered=False), "activity": doc,
            "note": states[session]["note"] if session else None,
            "reps": _reps(doc.get("rep_scores") or []), "track": _track(doc.get("track")),
            "profile": activity_charts(doc)}, found


def _reps(scores: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The reps scored at import against the planned session's, as table cells."""
    def clock(seconds: float | None, places: int = 0) -> str:
        return "—" if seconds is None else format_clock(seconds, places)

    def target(fast: float, slow: float) -> str:
        return clock(fast, 1) if fast == slow else f"{clock(fast, 1)}–{clock(slow, 1)}"

    return [{"number": r["number"],
             "distance": f"{r['distance_m']:.0f} m" if r.get("set_s") is None
             else f"{r['set_s']:.0f} s",
             "target": target(*r["target_s"]),
             "time": clock(r.get("time_s"), 1),
             "error": "—" if r.get("error_s_per_400m") is None
             else f"{r['error_s_per_400m']:+.1f}",
             "recovery": clock(r.get("recovery_s")),
             "planned_recovery": clock(r.get("planned_recovery_s")),
             "verdict": r["verdict"]} for r in scores]


def _track(track: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The laps as run on a 400 m track, and raw against corrected distance."""
    if not track:
        return None
    return {"lane": track["lane"], "distance": f"{track['distance_m']:.0f} m",
            "gps_distance": f"{track['gps_distance_m']:.0f} m",
            "laps": [{"number": lap["index"], "distance": f"{lap['distance_m']:.0f} m",
                      "time": format_clock(lap["split_s"], 1),
                      "pace": _pace(lap["split_s"], lap["distance_m"])}
                     for lap in track["laps"]]}


def _pace(seconds: float, meters: float) -> str:
    return format_clock(seconds * METERS_PER_MILE / meters) + "/mi" if meters > 0 else ""


def _efforts(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    from miler.domain.efforts import STANDARD_DISTANCES

    names = {"400m": "400 m", "800m": "800 m", "1km": "1 km", "mile": "Mile",
             "2mile": "2 miles", "5km": "5 km"}
    efforts = doc.get("best_efforts", {})
    return [{"key": key, "name": names[key], "time": format_clock(efforts[key]["elapsed_s"], 1),
             "pace": _pace(efforts[key]["elapsed_s"], meters), "best": key == "mile"}
            for key, meters in STANDARD_DISTANCES.items() if key in efforts]


def _splits(rows: list[Mapping[str, Any]], numbered: bool = True) -> list[dict[str, Any]]:
    return [{"number": r.get("number", i) if numbered else i,
             "distance": f"{r['distance_m'] / METERS_PER_MILE:.2f} mi",
             "time": format_clock(r["elapsed_s"], 1), "pace": _pace(r["elapsed_s"],
                                                                     r["distance_m"])}
            for i, r in enumerate(rows, start=1) if r.get("elapsed_s") is not None]


@router.get("/athletes/{athlete}/activities/{activity_id}", response_class=HTMLResponse,
            include_in_schema=False)
def activity_page(request: Request, athlete: AthleteName, activity_id: ActivityId,
                  web: Web) -> Response:
    return page(request, "activity.html", _activity(web, athlete, activity_id)[0])


@router.get("/api/athletes/{athlete}/activities/{activity_id}", response_model=ActivityPage,
            summary="One activity: best efforts, mile splits, laps, the session it ran")
def activity_api(athlete: AthleteName, activity_id: ActivityId, web: Web) -> dict[str, Any]:
    return _activity(web, athlete, activity_id)[0]


@router.get("/athletes/{athlete}/activities/{activity_id}/file", tags=["downloads"],
            response_class=FileResponse, summary="The uploaded file, as it was sent",
            responses={200: {"content": {"application/octet-stream": {}}}})
def activity_file(athlete: AthleteName, activity_id: ActivityId, web: Web) -> Response:
    path = kept_file(web.store, athlete, activity_id, web.settings.data_dir)
    return FileResponse(path, media_type="application/octet-stream",
                        filename=f"activity-{activity_id}{''.join(path.suffixes)}")
