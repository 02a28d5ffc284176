"""Onboarding: the runner's answers -> the assessment in words and a saved plan."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from miler.domain.units import METERS_PER_MILE
from miler.errors import InvalidInputError, NotFoundError
from miler.web.context import AthleteName, Now, Web
from miler.web.planning import WEEKDAYS, PlanFunction, PlanRequest, make_plan, mile_time
from miler.web.present import plan_view
from miler.web.render import page, redirect
from miler.web.routes.common import stored_plan, today
from miler.web.schemas import OnboardingIn, OnboardingPage, PlanMade

router = APIRouter(tags=["onboarding"])


def planner() -> PlanFunction:
    """The planner the app uses (tests swap it for a fixed document)."""
    return make_plan


Planner = Annotated[PlanFunction, Depends(planner)]


def _answers(web: Web, athlete: str) -> dict[str, Any]:
    with web.store.transaction() as repo:
        has_plan = stored_plan(repo, athlete) is not None
        try:
            profile = repo.athlete(athlete).profile
        except NotFoundError:
            profile = {}
    return {"athlete": athlete, "answers": profile, "has_plan": has_plan}


def _number(text: str, field: str, kind: Callable[[str], Any]) -> Any:
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
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError(field, "must be a date like 2027-03-01", text) from None


def _save(web: Web, athlete: str, request: PlanRequest, doc: dict[str, Any],
          now: datetime) -> Any:
    """The athlete's profile, the plan as their next version, and a known test mile."""
    profile = request.inputs()
    with web.store.transaction() as repo:
        try:
            repo.update_athlete(athlete, profile=profile)
        except NotFoundError:
            repo.add_athlete(athlete, profile, now)
        plan = repo.save_plan(athlete, profile, doc, "onboarding", now)
        if request.test_mile_s is not None:
            repo.add_result(athlete, today(now, profile), "test_mile", METERS_PER_MILE,
                            request.test_mile_s)
    return plan


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
    athlete: AthleteName, web: Web, now: Now, make: Planner,
    weekly_miles: Annotated[str, Form(max_length=20)],
    test_mile: Annotated[str, Form(max_length=20)] = "",
    no_test_mile: Annotated[bool, Form()] = False,
    goal: Annotated[str, Form(max_length=20)] = "",
    training_days: Annotated[list[str] | None, Form(max_length=7)] = None,
    long_run_day: Annotated[str, Form(max_length=10)] = "",
    age: Annotated[str, Form(max_length=5)] = "",
    sex: Annotated[str, Form(max_length=10)] = "",
    units: Annotated[str, Form(max_length=5)] = "mi",
    start: Annotated[str, Form(max_length=20)] = "",
    race_date: Annotated[str, Form(max_length=20)] = "",
    name: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    if sex not in ("", "female", "male"):
        raise InvalidInputError("sex", "must be female, male or left blank", sex)
    if units not in ("mi", "km"):
        raise InvalidInputError("units", "must be mi or km", units)
    plan_request = PlanRequest(
        weekly_miles=_number(weekly_miles, "weekly miles", float),
        test_mile_s=None if no_test_mile else mile_time(test_mile, "test mile"),
        goal_mile_s=mile_time(goal, "goal"),
        training_days=tuple(training_days or ()), long_run_day=long_run_day or None,
        age=_number(age, "age", int) if age.strip() else None, sex=sex or None, units=units,
        start=_date(start, "start"), race_date=_date(race_date, "race date"),
        name=name.strip() or None)
    doc = make(plan_request, today(now))
    _save(web, athlete, plan_request, doc, now)
    return redirect(f"/athletes/{athlete}/plan")


@router.post("/api/athletes/{athlete}/onboarding", response_model=PlanMade,
             summary="Answer onboarding: the assessment in words and the new plan")
def onboarding_post_api(athlete: AthleteName, body: OnboardingIn, web: Web, now: Now,
                        make: Planner) -> dict[str, Any]:
    days = None if body.training_days is None else tuple(body.training_days)
    plan_request = PlanRequest(**body.model_dump(exclude={"training_days"}),
                               training_days=days)
    doc = make(plan_request, today(now))
    plan = _save(web, athlete, plan_request, doc, now)
    view = plan_view(doc, {}, today(now))
    return {"athlete": athlete, "version": plan.version, "goal": view["goal"],
            "plan_url": f"/api/athletes/{athlete}/plan", "plan": doc}
