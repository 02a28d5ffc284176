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

__all__ = ["DOWNLOADS", "Export", "athlete_id", "calendar", "document", "download",
           "intervals_icu", "intervals_icu_file", "intervals_icu_of", "pace_band", "race_of",
           "workouts", "workouts_zip"]


@dataclass(frozen=True, slots=True)
class Export:
    name: str  # a file name, no folder
    media_type: str
    data: bytes


def calendar(plan: PlanView, *, now: datetime, start: time | None = None,
             tz: str | None = None, name: str = "plan.ics", athlete: str | None = None,
             version: int = 0) -> Export:
    """The plan as an iCalendar file: all-day events, or at ``start`` in ``tz``. UIDs carry
    the athlete; SEQUENCE is the saved plan's ``version`` (0: not saved)."""
    from miler.adapters.exports.ics import plan_calendar

    return Export(name, "text/calendar", plan_calendar(
        plan, stamp=now, start=start, tz=tz, athlete=athlete_id(plan, athlete),
        sequence=version))


def athlete_id(plan: PlanView, athlete: str | None = None) -> str:
    """Whose plan, for calendar UIDs and watch serials: the athlete's id (their name), or
    ``me`` for a plan made without one."""
    return athlete or plan.athlete_name or "me"


def workouts(plan: PlanView, *, now: datetime, athlete: str | None = None) -> list[Export]:
    """One FIT workout per run (its strides and drills folded in) and per strength
    session, named for its day; serials unique per athlete and plan."""
    from miler.adapters.exports.fit_workout import serial_number, workout_file, workout_file_name
    from miler.domain.watch import outings

    who, key = athlete_id(plan, athlete), f"{plan.start_date}/{plan.race_date}"
    out: list[Export] = []
    taken: set[str] = set()
    for outing in outings(plan.sessions):
        name = _unique(workout_file_name(outing), taken)
        serial = serial_number(who, key, outing.main.id)
        out.append(Export(name, "application/vnd.ant.fit", workout_file(outing, now, serial)))
    return out


def _unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name`` with ``-2``, ``-3``... before its suffix if already taken."""
    stem, dot, suffix = name.rpartition(".")
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}{dot}{suffix}"
    taken.add(candidate)
    return candidate


def workouts_zip(plan: PlanView, *, now: datetime, name: str = "workouts.zip",
                 athlete: str | None = None) -> Export:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for workout in workouts(plan, now=now, athlete=athlete):
            archive.writestr(workout.name, workout.data)
    return Export(name, "application/zip", out.getvalue())


def intervals_icu(plan: PlanView) -> list[Export]:
    """One intervals.icu plain-text workout per run (strides and drills folded in), in the
    runner's units, each opening with its date and name."""
    from miler.adapters.exports.fit_workout import workout_file_name
    from miler.adapters.exports.intervals_icu import outing_text
    from miler.domain.watch import outings

    out: list[Export] = []
    taken: set[str] = set()
    for outing in outings(plan.sessions):
        if outing.is_strength:
            continue
        name = _unique(workout_file_name(outing).removesuffix(".fit") + ".txt", taken)
        out.append(Export(name, "text/plain", outing_text(outing, plan.units).encode()))
    return out


def intervals_icu_file(plan: PlanView, name: str) -> Export:
    """Every intervals.icu workout in one text file, each from its date line, a blank line
    between."""
    texts = [e.data.decode() for e in intervals_icu(plan)]
    return Export(name, "text/plain", "\n".join(texts).encode())


def intervals_icu_of(plan: PlanView, session_id: str) -> str | None:
    """The intervals.icu text of the run ``session_id`` belongs to (None: not a run)."""
    from miler.adapters.exports.intervals_icu import outing_text
    from miler.domain.watch import outings

    for outing in outings(plan.sessions):
        if not outing.is_strength and session_id in {s.id for s in outing.sessions}:
            return outing_text(outing, plan.units)
    return None


def race_of(plan: PlanView) -> RacePlan:
    """The race-day plan of a plan: track, the seed's lap shape."""
    from miler.domain.race import plan_race

    return plan_race(float(plan.goal.mile_s))


def document(plan: PlanView, name: str, paper: str | None = None) -> Export:
    """The printable plan, HTML or PDF by the name's suffix, race day and band at the end;
    ``paper`` (letter or a4) for the PDF, else by the runner's units."""
    from miler.adapters.exports.document import plan_html
    from miler.adapters.exports.pace_band import band_svg
    from miler.adapters.exports.pdf_plan import paper_for, plan_pdf

    race = race_of(plan)
    paper = paper_for(plan, paper)
    suffix = name.lower().rsplit(".", 1)[-1]
    if suffix in {"html", "htm"}:
        return Export(name, "text/html", plan_html(plan, race.to_doc(), band_svg(race)).encode())
    if suffix == "pdf":
        return Export(name, "application/pdf", plan_pdf(plan, race.to_doc(), race, paper))
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
        return calendar(plan, now=now, name=f"miler-{athlete}.ics", athlete=athlete,
                        version=state.plan.version)
    if what == "workouts.zip":
        return workouts_zip(plan, now=now, name=f"miler-{athlete}-workouts.zip",
                            athlete=athlete)
    if what in {"plan.pdf", "plan.html"}:
        return document(plan, f"miler-{athlete}.{what.rsplit('.', 1)[1]}")
    raise NotFoundError(f"no download {what!r}")
