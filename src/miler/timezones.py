"""Time zones, parsed in one place: the runner's zone turns UTC instants into their dates.

Strict :func:`time_zone` for what a user types (a clear error naming the field); lenient
:func:`runner_zone` for a stored preference (a stale name falls back to this machine's zone).
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from miler.errors import InvalidInputError

__all__ = ["local_day", "runner_zone", "time_zone", "today_in"]


def time_zone(name: str, field: str = "--tz") -> tzinfo:
    """An IANA zone such as ``Europe/London``; anything else is a clear error."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInputError(field, "must be an IANA time zone such as Europe/London",
                                name) from None


def runner_zone(name: object) -> tzinfo:
    """The runner's zone when ``name`` is a valid one, else this machine's."""
    if isinstance(name, str) and name:
        try:
            return time_zone(name)
        except InvalidInputError:
            pass  # a stale preference: fall back to the machine's zone
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None  # astimezone() always sets one
    return zone


def today_in(now: datetime, tz: object) -> date:
    """The runner's date at the instant ``now``."""
    return now.astimezone(runner_zone(tz)).date()


def local_day(start: datetime | None, tz: str | None) -> date | None:
    """The runner's local date of a UTC start time (its UTC date without a zone)."""
    if start is None:
        return None
    return start.astimezone(time_zone(tz, "tz")).date() if tz else start.date()
