"""A plan where the runner lives: a calendar file, watch workouts, the printable plan and the
pace band. Each export is content (an :class:`Export`: a file name, a media type, bytes);
the CLI writes it to a file and the web app wraps it in a response.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime, time
from typing import TYPE_CHECKING, Final

from miler.errors import InvalidInputError

if TYPE_CHECKING:
    from miler.domain.plan_view import PlanView
    from miler.domain.race import RacePlan
    from miler.services.ports import Storage

__all__ = ["DOWNLOADS", "Export", "calendar", "document", "download", "pace_band", "race_of",
           "workouts", "workouts_zip"]


@dataclass(frozen=True, slots=True)
class Export:
    name: str  # a file name, no folder
    media_type: str
    data: bytes


def calendar(plan: PlanView, *, now: datetime, start: time | None = None,
             tz: str | None = None, name: str = "plan.ics") -> Export:
    """The plan as an iCalendar file: all-day events, or at ``start`` in ``tz``."""
    from miler.adapters.exports.ics import plan_calendar

    return Export(name, "text/calendar", plan_calendar(plan, stamp=now, start=start, tz=tz))


def workouts(plan: PlanView, *, now: datetime) -> list[Export]:
    """One FIT workout per run and strength session."""
    from miler.adapters.exports.fit_workout import (
        WORKOUT_KINDS,
        session_workout,
        workout_file_name,
    )

    return [Export(workout_file_name(s), "application/vnd.ant.fit", session_workout(s, now))
            for s in plan.sessions if s.kind in WORKOUT_KINDS]


def workouts_zip(plan: PlanView, *, now: datetime,
                 name: str = "workouts.zip") -> Export:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for workout in workouts(plan, now=now):
            archive.writestr(workout.name, workout.data)
    return Export(name, "application/zip", out.getvalue())


def race_of(plan: PlanView) -> RacePlan:
    """The race-day plan of a plan: track, the seed's lap shape."""
    from miler.domain.race import plan_race

    return plan_race(float(plan.goal.mile_s))


def document(plan: PlanView, name: str) -> Export:
    """The printable plan, HTML or PDF by the name's suffix, race day and band at the end."""
    from miler.adapters.exports.document import plan_html, plan_pdf
    from miler.adapters.exports.pace_band import band_svg

    race = race_of(plan)
    suffix = name.lower().rsplit(".", 1)[-1]
    if suffix in {"html", "htm"}:
        return Export(name, "text/html", plan_html(plan, race.to_doc(), band_svg(race)).encode())
    if suffix == "pdf":
        return Export(name, "application/pdf", plan_pdf(plan, race.to_doc(), race))
    raise InvalidInputError("FILE", "must end in .html or .pdf", name)


def pace_band(race: RacePlan, name: str) -> Export:
    """The pace band as ``.svg``, ``.html`` or ``.pdf`` by the name's suffix."""
    from miler.adapters.exports.pace_band import band_format
    from miler.adapters.exports.pace_band import pace_band as band

    fmt = band_format(name)
    media = {".svg": "image/svg+xml", ".html": "text/html", ".pdf": "application/pdf"}[fmt]
    return Export(name, media, band(race, fmt))


#: What the web app offers for the current plan: file -> what it is.
DOWNLOADS: Final = ("plan.ics", "workouts.zip", "plan.pdf", "plan.html")


def download(store: Storage, athlete: str, what: str, *, now: datetime) -> Export:
    """One of :data:`DOWNLOADS` for the athlete's current plan, named for the athlete."""
    from miler.errors import NotFoundError
    from miler.services.coaching import plan_state

    state = plan_state(store, athlete)
    if state is None:
        raise NotFoundError(f"{athlete} has no plan yet: start with onboarding "
                            f"(/athletes/{athlete}/onboarding)")
    plan = state.plan.plan
    if what == "plan.ics":
        return calendar(plan, now=now, name=f"miler-{athlete}.ics")
    if what == "workouts.zip":
        return workouts_zip(plan, now=now, name=f"miler-{athlete}-workouts.zip")
    if what in {"plan.pdf", "plan.html"}:
        return document(plan, f"miler-{athlete}.{what.rsplit('.', 1)[1]}")
    raise NotFoundError(f"no download {what!r}")
