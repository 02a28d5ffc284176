"""Bulk uploads: files and Strava or Garmin Connect export zips, what ``miler import``
takes. The upload is streamed to disk, then imported in the background (``web/jobs.py``);
the page polls the job's JSON twin for progress and ends with the CLI's own report."""

from __future__ import annotations

from typing import Annotated, Any, Final

from fastapi import APIRouter, File, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response

from miler.errors import InvalidInputError, NotFoundError
from miler.web.activities import (
    MAX_BULK_BYTES,
    MAX_BULK_FILES,
    display_name,
    import_export,
    size_text,
)
from miler.web.context import AthleteName, Now, Web, off_the_pages
from miler.web.errors import TooLargeError
from miler.web.jobs import ImportJob
from miler.web.render import page, redirect
from miler.web.schemas import ImportJobView

router = APIRouter(tags=["uploads"])

JobId = Annotated[str, PathParam(pattern=r"^[A-Za-z0-9_-]{16}$")]
Files = Annotated[list[UploadFile], File(description="Activity files (FIT, GPX, TCX, gzipped "
                                         "too), Strava's activities.csv, export .zip files.")]
_CHUNK: Final = 1024 * 1024


def _save(job: ImportJob, files: list[UploadFile]) -> None:
    """Each upload into a numbered folder of the job's own, under its own base name (so
    Strava's ``activities.csv`` keeps its name), within the bulk limits."""
    sent = [f for f in files if f.filename or f.size]
    if not sent:
        raise InvalidInputError("files", "must include at least one file", 0)
    if len(sent) > MAX_BULK_FILES:
        raise InvalidInputError("files", f"must be at most {MAX_BULK_FILES} at once", len(sent))
    total = 0
    for number, upload in enumerate(sent):
        folder = job.folder / str(number)
        folder.mkdir()
        with (folder / display_name(upload.filename)).open("wb") as out:
            while chunk := upload.file.read(_CHUNK):
                total += len(chunk)
                if total > MAX_BULK_BYTES:
                    raise TooLargeError(f"files must be at most {size_text(MAX_BULK_BYTES)} "
                                        "together")
                out.write(chunk)


def _work(web: Any, athlete: str, now: Any) -> Any:
    def work(folder: Any, progress: Any) -> tuple[list[str], list[dict[str, Any]]]:
        from miler.services.import_text import report_lines

        report = import_export(web.store, athlete, folder, now=now, isolate=web.worker.run,
                               progress=progress)
        stored = [{"name": r.name, "title": r.title, "day": r.day.isoformat(),
                   "sport": r.sport, "distance_m": r.distance_m, "best_mile_s": r.best_mile_s,
                   "manual": r.manual, "activity_id": r.activity_id,
                   "matched_session": r.session_id} for r in report.stored]
        return report_lines(report), stored

    return work


@router.post("/athletes/{athlete}/imports", response_class=HTMLResponse,
             include_in_schema=False)
async def imports_post(athlete: AthleteName, web: Web, now: Now, files: Files) -> Response:
    job = web.imports.new(athlete)
    try:
        await off_the_pages(web, _save, job, files)  # up to 2 GB to disk
    except BaseException:
        web.imports.drop(job)
        raise
    web.imports.start(job, _work(web, athlete, now))
    return redirect(f"/athletes/{athlete}/imports/{job.id}")


def _job(web: Any, athlete: str, job_id: str) -> dict[str, Any]:
    job = web.imports.get(athlete, job_id)
    if job is None:
        raise NotFoundError(f"no import {job_id!r} (imports are remembered until the server "
                            "restarts)")
    return {**job.view(), "poll": f"/api/athletes/{athlete}/imports/{job_id}"}


@router.get("/athletes/{athlete}/imports/{job_id}", response_class=HTMLResponse,
            include_in_schema=False)
def import_page(request: Request, athlete: AthleteName, job_id: JobId, web: Web) -> Response:
    return page(request, "import.html", {"athlete": athlete, "job": _job(web, athlete, job_id)})


@router.get("/api/athletes/{athlete}/imports/{job_id}", response_model=ImportJobView,
            summary="A bulk import: its progress, then what it stored (the CLI's report)")
def import_api(athlete: AthleteName, job_id: JobId, web: Web) -> dict[str, Any]:
    return _job(web, athlete, job_id)
