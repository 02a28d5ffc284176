"""A plan on the runner's calendar: one event per session, RFC 5545, via ``icalendar``.

UIDs are the sessions' stable ids, so importing a re-generated plan updates its events
instead of duplicating them. Events are all-day unless the runner gives a start time and a
time zone; then each carries a VTIMEZONE so every calendar agrees on the hour.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from miler._version import __version__
from miler.adapters.exports.steps_text import session_lines
from miler.domain.plan_view import PlanView, SessionView
from miler.errors import InvalidInputError
from miler.timezones import time_zone

__all__ = ["DEFAULT_EVENT_MINUTES", "plan_calendar", "uid"]

PRODID = f"-//miler//miler {__version__}//EN"
DEFAULT_EVENT_MINUTES = 45  # strength, mobility and rest carry no duration of their own


def uid(session: SessionView) -> str:
    return f"{session.id}@miler"


def _event(session: SessionView, stamp: datetime, start: time | None, zone: Any) -> Any:
    from icalendar import Event

    event = Event()
    day = session.date
    event.add("uid", uid(session))
    event.add("dtstamp", stamp)
    event.add("summary", session.title)
    event.add("description", "\n".join(session_lines(session)))
    event.add("categories", [str(session.kind)])
    if start is None or session.kind == "rest":
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # an all-day session does not block the day
    else:
        begin = datetime.combine(day, start, tzinfo=zone)
        minutes = (session.planned_duration_s or DEFAULT_EVENT_MINUTES * 60) / 60
        event.add("dtstart", begin)
        event.add("dtend", begin + timedelta(minutes=round(minutes)))
    return event


def plan_calendar(plan: PlanView, *, stamp: datetime, start: time | None = None,
                  tz: str | None = None) -> bytes:
    """The plan as an iCalendar file.

    ``stamp`` is the DTSTAMP (when the file was made: the shell passes the clock).
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
    calendar.add("x-wr-calname", _name(plan))
    for session in plan.sessions:
        calendar.add_component(_event(session, stamp, start, zone))
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
