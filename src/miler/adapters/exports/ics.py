"""A plan on the runner's calendar: one event per session, RFC 5545, via ``icalendar``.

UIDs name the athlete (their id, or ``me`` for a plan made without one), the session's date
and kind, and a counter when a day holds two sessions of a kind (a double):
``me-2026-12-01-fartlek@miler``. So importing a re-generated plan of the same athlete updates
its events instead of duplicating them, and two athletes' plans in one coach's calendar never
collide. SEQUENCE is the saved plan's version (0 for a plan not saved), so a calendar takes
the newer version of an event. Events are all-day unless the runner gives a start time and a
time zone; then each carries a VTIMEZONE so every calendar agrees on the hour, and a day's
sessions follow one another from that time (strides start when the run ends).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from miler._version import __version__
from miler.adapters.exports.steps_text import session_lines
from miler.domain.plan_view import PlanView, SessionView
from miler.errors import InvalidInputError
from miler.timezones import time_zone

__all__ = ["DEFAULT_EVENT_MINUTES", "plan_calendar", "uids"]

PRODID = f"-//miler//miler {__version__}//EN"
DEFAULT_EVENT_MINUTES = 45  # strength, mobility and rest carry no duration of their own


def uids(plan: PlanView, athlete: str) -> list[str]:
    """Each session's UID, in plan order: athlete, date, kind, and ``-2``, ``-3``... for a
    second or third session of a kind on a day. The athlete's id is percent-encoded, so
    any name makes a valid, distinct UID."""
    from urllib.parse import quote

    who = quote(athlete, safe="")
    seen: dict[tuple[date, str], int] = {}
    out = []
    for session in plan.sessions:
        key = (session.date, str(session.kind))
        seen[key] = seen.get(key, 0) + 1
        count = f"-{seen[key]}" if seen[key] > 1 else ""
        out.append(f"{who}-{session.date.isoformat()}-{session.kind}{count}@miler")
    return out


def _minutes(session: SessionView) -> int:
    return round((session.planned_duration_s or DEFAULT_EVENT_MINUTES * 60) / 60)


def _event(session: SessionView, uid: str, sequence: int, stamp: datetime,
           begin: datetime | None) -> Any:
    from icalendar import Event

    event = Event()
    day = session.date
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", stamp)
    event.add("summary", session.title)
    event.add("description", "\n".join(session_lines(session)))
    event.add("categories", [str(session.kind)])
    if begin is None:
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # an all-day session does not block the day
    else:
        event.add("dtstart", begin)
        event.add("dtend", begin + timedelta(minutes=_minutes(session)))
    return event


def _starts(plan: PlanView, start: time | None, zone: Any) -> list[datetime | None]:
    """When each session begins: None for all-day; else a day's timed sessions one after
    another from ``start`` (rest days stay all-day)."""
    out: list[datetime | None] = []
    clock: dict[date, datetime] = {}
    for session in plan.sessions:
        if start is None or session.kind == "rest":
            out.append(None)
            continue
        begin = clock.get(session.date, datetime.combine(session.date, start, tzinfo=zone))
        out.append(begin)
        clock[session.date] = begin + timedelta(minutes=_minutes(session))
    return out


def plan_calendar(plan: PlanView, *, stamp: datetime, start: time | None = None,
                  tz: str | None = None, athlete: str = "me", sequence: int = 0) -> bytes:
    """The plan as an iCalendar file (METHOD:PUBLISH).

    ``stamp`` is the DTSTAMP (when the file was made: the shell passes the clock);
    ``athlete`` goes into the UIDs; ``sequence`` is the saved plan's version.
    """
    from icalendar import Calendar

    if (start is None) != (tz is None):
        raise InvalidInputError("--time", "needs --tz as well (and --tz needs --time)",
                                f"{start or ''} {tz or ''}".strip())
    zone = time_zone(tz) if tz else None
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _name(plan))
    for session, uid, begin in zip(plan.sessions, uids(plan, athlete), _starts(plan, start, zone),
                                   strict=True):
        calendar.add_component(_event(session, uid, sequence, stamp, begin))
    if zone is not None:
        # only the plan's own years: a zone's whole history makes a huge VTIMEZONE that
        # some readers get wrong
        first, last = plan.start_date, plan.race_date
        calendar.add_missing_timezones(first_date=first.replace(month=1, day=1),
                                       last_date=last.replace(year=last.year + 1, month=1, day=1))
    data: bytes = calendar.to_ical()
    return data


def _name(plan: PlanView) -> str:
    from miler.domain.units import format_clock

    who = plan.athlete_name
    goal = f"miler: {format_clock(plan.goal.mile_s)} mile, race {plan.race_date}"
    return f"{goal} ({who})" if who else goal
