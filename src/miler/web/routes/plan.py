"""The plan as a calendar, each session on its own page, and marking a session done."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, Response

from miler.services.coaching import page_version, plan_state
from miler.web.cache import cached_page
from miler.web.context import AthleteName, Now, Web
from miler.web.present import plan_view, session_view, sessions_by_id
from miler.web.render import page, redirect
from miler.web.routes.common import no_plan, plan_or_404, today
from miler.web.schemas import MoveIn, PlanPage, SessionPage, Status, StatusIn

router = APIRouter(tags=["plan"])

SessionId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,100}$",
                                 description="A session's stable id.")]


def _plan(web: Web, athlete: str, now: Any) -> dict[str, Any] | None:
    """The calendar view, or None when there is no plan yet."""
    state = plan_state(web.store, athlete)
    if state is None:
        return None
    view = plan_view(state.plan.plan, sessions_by_id(state.sessions), today(now, state.profile))
    return {"athlete": athlete, "version": state.plan.version, **view, "plan": state.plan.doc}


def _session(web: Web, athlete: str, session_id: str) -> dict[str, Any]:
    from miler.services.exports import intervals_icu_of

    state = plan_or_404(web.store, athlete)
    plan = state.plan.plan
    return {"athlete": athlete,
            **session_view(plan, sessions_by_id(state.sessions), session_id),
            "intervals_icu": intervals_icu_of(plan, session_id)}


@router.get("/athletes/{athlete}/plan", response_class=HTMLResponse, include_in_schema=False)
def plan_page(request: Request, athlete: AthleteName, web: Web, now: Now) -> Response:
    def render() -> Response:
        view = _plan(web, athlete, now)
        if view is None:
            return redirect(f"/athletes/{athlete}/onboarding")
        return page(request, "plan.html", view)

    stamp = page_version(web.store, athlete)
    if stamp is None:
        return render()
    key = ("plan", athlete, stamp.version, today(now, stamp.profile))
    return cached_page(request, web.pages, key, render)


@router.get("/api/athletes/{athlete}/plan", response_model=PlanPage,
            summary="The plan as a calendar: weeks x days, the goal in words, the paces")
def plan_api(athlete: AthleteName, web: Web, now: Now) -> dict[str, Any]:
    view = _plan(web, athlete, now)
    if view is None:
        raise no_plan(athlete)
    return view


@router.get("/athletes/{athlete}/sessions/{session_id}", response_class=HTMLResponse,
            include_in_schema=False)
def session_page(request: Request, athlete: AthleteName, session_id: SessionId,
                 web: Web) -> Response:
    stamp = page_version(web.store, athlete)
    key = ("session", athlete, session_id, stamp.version if stamp else None)
    return cached_page(request, web.pages, key,
                       lambda: page(request, "session.html", _session(web, athlete, session_id)))


@router.get("/api/athletes/{athlete}/sessions/{session_id}", response_model=SessionPage,
            summary="One session: steps with paces per mile, km and lap, why, status")
def session_api(athlete: AthleteName, session_id: SessionId, web: Web) -> dict[str, Any]:
    return _session(web, athlete, session_id)


def _mark(web: Web, athlete: str, session_id: str, status: str) -> None:
    from miler.services.coaching import set_session_status

    set_session_status(web.store, athlete, session_id, status)


def _move(web: Web, athlete: str, session_id: str, to: date) -> None:
    from miler.services.coaching import move_session

    move_session(web.store, athlete, session_id, to)


@router.post("/athletes/{athlete}/sessions/{session_id}/status", include_in_schema=False)
def session_mark(athlete: AthleteName, session_id: SessionId, web: Web,
                 status: Annotated[Status, Form()]) -> Response:
    _mark(web, athlete, session_id, status)
    return redirect(f"/athletes/{athlete}/sessions/{session_id}")


@router.post("/athletes/{athlete}/sessions/{session_id}/move", include_in_schema=False)
def session_move(athlete: AthleteName, session_id: SessionId, web: Web,
                 to: Annotated[date, Form()]) -> Response:
    _move(web, athlete, session_id, to)
    return redirect(f"/athletes/{athlete}/sessions/{session_id}")


@router.post("/api/athletes/{athlete}/sessions/{session_id}/move", response_model=SessionPage,
             summary="Move a session to another day (inside the plan, no hard days in a row)")
def session_move_api(athlete: AthleteName, session_id: SessionId, body: MoveIn,
                     web: Web) -> dict[str, Any]:
    _move(web, athlete, session_id, body.to)
    return _session(web, athlete, session_id)


@router.post("/api/athletes/{athlete}/sessions/{session_id}/status",
             response_model=SessionPage, summary="Mark a session done, skipped or planned")
def session_mark_api(athlete: AthleteName, session_id: SessionId, body: StatusIn,
                     web: Web) -> dict[str, Any]:
    _mark(web, athlete, session_id, body.status)
    return _session(web, athlete, session_id)
