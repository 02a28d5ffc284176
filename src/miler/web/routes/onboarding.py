"""Onboarding: the runner's answers -> the assessment in words and a saved plan."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from miler.errors import InvalidInputError
from miler.services.onboarding import onboarding_state
from miler.web.context import AthleteName, Now, Web
from miler.web.planning import WEEKDAYS, Answers, mile_time, onboard
from miler.web.present import plan_view
from miler.web.render import page, redirect
from miler.web.routes.common import today
from miler.web.schemas import OnboardingIn, OnboardingPage, PlanMade

router = APIRouter(tags=["onboarding"])

Short = Annotated[str, Form(max_length=40)]


def _answers(web: Web, athlete: str) -> dict[str, Any]:
    state = onboarding_state(web.store, athlete)
    return {"athlete": athlete, "answers": state.profile, "has_plan": state.has_plan}


def _number(text: str, field: str, kind: Callable[[str], Any]) -> Any:
    if not text.strip():
        return None
    try:
        value = kind(text.strip())
    except ValueError:
        raise InvalidInputError(field, "must be a number", text) from None
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidInputError(field, "must be a finite number", text)
    return value


def _date(text: str, field: str) -> date | None:
    if not text.strip():
        return None
    from miler.domain.units import check_date

    try:
        day = date.fromisoformat(text.strip()) if len(text.strip()) <= 10 else None
    except ValueError:
        day = None
    if day is None:
        raise InvalidInputError(field, "must be a date like 2027-03-01", text[:20])
    return check_date(day, field, date.today())


@router.get("/athletes/{athlete}/onboarding", response_class=HTMLResponse,
            include_in_schema=False)
def onboarding_page(request: Request, athlete: AthleteName, web: Web) -> Response:
    return page(request, "onboarding.html", {**_answers(web, athlete), "weekdays": WEEKDAYS})


@router.get("/api/athletes/{athlete}/onboarding", response_model=OnboardingPage,
            summary="The answers onboarding starts from (the athlete's profile)")
def onboarding_api(athlete: AthleteName, web: Web) -> dict[str, Any]:
    return _answers(web, athlete)


@router.post("/athletes/{athlete}/onboarding", include_in_schema=False)
def onboarding_post(
    athlete: AthleteName, web: Web, now: Now, weekly_miles: Short,
    test_mile: Short = "", no_test_mile: Annotated[bool, Form()] = False, goal: Short = "",
    insist: Annotated[bool, Form()] = False,
    training_days: Annotated[list[str] | None, Form(max_length=7)] = None,
    long_run_day: Short = "", age: Short = "", sex: Short = "", units: Short = "mi",
    start: Short = "", race_date: Short = "", tz: Short = "",
    name: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    if sex not in ("", "female", "male"):
        raise InvalidInputError("sex", "must be female, male or left blank", sex)
    if units not in ("mi", "km"):
        raise InvalidInputError("units", "must be mi or km", units)
    miles = _number(weekly_miles, "weekly miles", float)
    if miles is None:
        raise InvalidInputError("weekly miles", "must be given (0 is fine)", weekly_miles)
    answers = Answers(
        weekly_miles=miles,
        test_mile_s=None if no_test_mile else mile_time(test_mile, "test mile"),
        goal_mile_s=mile_time(goal, "goal"), insist=insist,
        training_days=tuple(training_days or ()),
        long_run_day=long_run_day or None, age=_number(age, "age", int), sex=sex or None,
        units=units, start=_date(start, "start"), race_date=_date(race_date, "race date"),
        name=name.strip() or None, tz=tz.strip() or None)
    onboard(web.store, athlete, answers, today=today(now, {"tz": answers.tz}), now=now)
    return redirect(f"/athletes/{athlete}/plan")


@router.post("/api/athletes/{athlete}/onboarding", response_model=PlanMade,
             summary="Answer onboarding: the assessment in words and the new plan")
def onboarding_post_api(athlete: AthleteName, body: OnboardingIn, web: Web,
                        now: Now) -> dict[str, Any]:
    days = None if body.training_days is None else tuple(body.training_days)
    answers = Answers(**body.model_dump(exclude={"training_days"}), training_days=days)
    plan = onboard(web.store, athlete, answers, today=today(now, {"tz": answers.tz}), now=now)
    view = plan_view(plan.plan, {}, today(now, {"tz": answers.tz}))
    return {"athlete": athlete, "version": plan.version, "goal": view["goal"],
            "plan_url": f"/api/athletes/{athlete}/plan", "plan": plan.doc}
