"""What several pages read: the athlete's current plan, their time zone, today."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any

from miler.errors import NotFoundError

__all__ = ["no_plan", "plan_or_404", "runner_tz", "stored_plan", "today"]


def stored_plan(repo: Any, athlete: str) -> Any:
    """The athlete's current plan (a ``StoredPlan``), or None: no athlete yet, or no plan."""
    try:
        return repo.current_plan(athlete)
    except NotFoundError:
        return None


def no_plan(athlete: str) -> NotFoundError:
    return NotFoundError(f"{athlete} has no plan yet: start with onboarding "
                         f"(/athletes/{athlete}/onboarding)")


def plan_or_404(repo: Any, athlete: str) -> Any:
    plan = stored_plan(repo, athlete)
    if plan is None:
        raise no_plan(athlete)
    return plan


def runner_tz(profile: dict[str, Any] | None) -> tzinfo:
    """The runner's time zone: their profile's ``tz`` when set, else this machine's."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = (profile or {}).get("tz")
    if isinstance(name, str):
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass  # a stale preference: fall back to the machine's zone
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None  # astimezone() always sets one
    return zone


def today(now: datetime, profile: dict[str, Any] | None = None) -> date:
    return now.astimezone(runner_tz(profile)).date()
