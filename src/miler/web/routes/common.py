"""What several pages read: the athlete's current plan, their time zone, today."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from miler.errors import NotFoundError
from miler.services.coaching import PlanState, plan_state

__all__ = ["no_plan", "plan_or_404", "today"]


def no_plan(athlete: str) -> NotFoundError:
    return NotFoundError(f"{athlete} has no plan yet: start with onboarding "
                         f"(/athletes/{athlete}/onboarding)")


def plan_or_404(store: Any, athlete: str) -> PlanState:
    """The athlete's current plan and session states, or a 404 saying to onboard."""
    state = plan_state(store, athlete)
    if state is None:
        raise no_plan(athlete)
    return state


def today(now: datetime, profile: dict[str, Any] | None = None) -> date:
    from miler.timezones import today_in

    return today_in(now, (profile or {}).get("tz"))
