"""Who is here: the home page, coach mode's first-run setup, log in and out, and a coach's
athletes (listing them, adding one with their own account)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from miler.adapters.passwords import check_password_rules, hash_password, verify_password
from miler.domain.units import format_clock
from miler.errors import NotFoundError
from miler.services import accounts
from miler.web.cache import cached_page
from miler.web.context import LoginRequired, Mode, Now, Viewer, Web, WebState, viewer
from miler.web.render import page, redirect
from miler.web.schemas import AthletesPage, LoginIn, NewAthleteIn, SessionInfo
from miler.web.security import csrf_token

router = APIRouter(tags=["accounts"])

Text = Annotated[str, Form(max_length=1024)]
_WRONG = "that username and password do not match an account"


def _who(request: Request, web: WebState) -> Viewer | None:
    try:
        return viewer(request, web)
    except LoginRequired:
        return None


def _home(web: WebState, who: Viewer | None) -> str:
    if web.mode is Mode.LOCAL:
        return f"/athletes/{web.local_athlete}/plan"
    if who is None:
        return "/login" if accounts.account_count(web.store) else "/setup"
    return "/athletes" if who.is_coach else f"/athletes/{who.athlete}/plan"


@router.get("/", include_in_schema=False)
def home(request: Request, web: Web) -> Response:
    return redirect(_home(web, _who(request, web)))


@router.get("/api/session", response_model=SessionInfo,
            summary="Who is logged in, and the CSRF token to send with every POST")
def session_api(request: Request, web: Web) -> dict[str, Any]:
    who = _who(request, web)
    return {"mode": str(web.mode), "csrf_token": csrf_token(request.session),
            "user": who.username if who else None, "role": who.role if who else None,
            "athlete": who.athlete if who else None,
            "home": _home(web, who).replace("/athletes", "/api/athletes", 1)}


_USERNAME_MAX = 40  # longer than any name an account may have: only to bound the key


def _coach_mode(web: WebState) -> None:
    if web.mode is not Mode.COACH:
        raise NotFoundError("accounts exist only in coach mode (miler serve --coach)")


def log_in_session(request: Request, web: WebState, user_id: int) -> None:
    """A new session on login (no fixation, a new CSRF token), kept on the server."""
    from datetime import UTC

    request.session.clear()
    request.session["sid"] = accounts.log_in(web.store, user_id, datetime.now(UTC))
    csrf_token(request.session)


def _log_out(request: Request, web: WebState) -> None:
    accounts.log_out(web.store, request.session.get("sid"))
    request.session.clear()


def _check_login(request: Request, web: WebState, username: str, password: str) -> int | None:
    """The user's id when the password is right; backoff and a hash at a time (throttle)."""
    from time import time  # the epoch's seconds: every server process counts alike

    name = username.strip().lower()[:_USERNAME_MAX]
    address = request.client.host if request.client else "unknown"
    web.throttle.check(web.store, address, name, time())
    user = accounts.find_user(web.store, name)
    with web.throttle.hashing():
        ok = verify_password(user.password_hash if user else None, password)
    if not (ok and user):
        web.throttle.failed(web.store, address, name, time())
        return None
    web.throttle.succeeded(web.store, name)
    return user.id


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_page(request: Request, web: Web) -> Response:
    _coach_mode(web)
    if not accounts.account_count(web.store):
        return redirect("/setup")
    return page(request, "login.html", {"error": None, "setup": False})


@router.post("/login", include_in_schema=False)
def login_post(request: Request, web: Web, username: Text, password: Text) -> Response:
    _coach_mode(web)
    user_id = _check_login(request, web, username, password)
    if user_id is None:
        return page(request, "login.html", {"error": _WRONG, "setup": False}, 401)
    log_in_session(request, web, user_id)
    return redirect("/")


@router.post("/api/login", response_model=SessionInfo, summary="Log in (coach mode)",
             responses={401: {"description": "Wrong username or password"}})
def login_api(request: Request, body: LoginIn, web: Web) -> Any:
    _coach_mode(web)
    user_id = _check_login(request, web, body.username, body.password)
    if user_id is None:
        return JSONResponse({"error": {"type": "login", "message": _WRONG}}, status_code=401)
    log_in_session(request, web, user_id)
    return session_api(request, web)


@router.post("/logout", include_in_schema=False)
def logout_post(request: Request, web: Web) -> Response:
    _log_out(request, web)
    return redirect("/")


@router.post("/api/logout", status_code=204,
             summary="Log out: this session ends on the server, so no copy of its cookie works")
def logout_api(request: Request, web: Web) -> Response:
    _log_out(request, web)
    return Response(status_code=204)


def _setup(web: WebState, username: str, password: str, now: datetime) -> int:
    """The first account: a coach. Refused once any account exists."""
    _coach_mode(web)
    name = username_of(username)
    if accounts.account_count(web.store):  # before the slow hash; the service checks again
        raise NotFoundError("setup is done: log in instead")
    check_password_rules(password, name)
    with web.throttle.hashing():
        hashed = hash_password(password)
    return accounts.first_coach(web.store, name, hashed, now)


def username_of(text: str) -> str:
    from miler.domain.names import username

    return username(text)


@router.get("/setup", response_class=HTMLResponse, include_in_schema=False)
def setup_page(request: Request, web: Web) -> Response:
    _coach_mode(web)
    if accounts.account_count(web.store):
        return redirect("/login")
    return page(request, "login.html", {"error": None, "setup": True})


@router.post("/setup", include_in_schema=False)
def setup_post(request: Request, web: Web, now: Now, username: Text, password: Text) -> Response:
    log_in_session(request, web, _setup(web, username, password, now))
    return redirect("/")


@router.post("/api/setup", response_model=SessionInfo,
             summary="Coach mode's first run: make the first coach account")
def setup_api(request: Request, body: LoginIn, web: Web, now: Now) -> dict[str, Any]:
    log_in_session(request, web, _setup(web, body.username, body.password, now))
    return session_api(request, web)


def _summary(row: accounts.SquadRow) -> dict[str, Any]:
    has_plan = row.goal_mile_s is not None
    return {"name": row.name, "display_name": row.display_name,
            "goal": format_clock(row.goal_mile_s) if row.goal_mile_s is not None else None,
            "this_week": (f"{row.done_this_week} of {row.sessions_this_week} sessions done"
                          if has_plan else "no plan yet"),
            "plan_url": f"/athletes/{row.name}/plan"}


def _athletes(web: WebState, who: Viewer, now: datetime) -> dict[str, Any]:
    rows = accounts.squad(web.store, coach_id=who.user_id if who.is_coach else None,
                          athlete=who.athlete, now=now)
    return {"athletes": [_summary(r) for r in rows]}


@router.get("/athletes", response_class=HTMLResponse, include_in_schema=False)
def athletes_page(request: Request, web: Web, now: Now) -> Response:
    who = viewer(request, web)
    stamp = accounts.squad_version(web.store, coach_id=who.user_id if who.is_coach else None,
                                   athlete=who.athlete, now=now)
    return cached_page(request, web.pages, ("athletes", stamp),
                       lambda: page(request, "athletes.html", _athletes(web, who, now)))


@router.get("/api/athletes", response_model=AthletesPage,
            summary="The athletes you see: a coach's squad, or yourself")
def athletes_api(request: Request, web: Web, now: Now) -> dict[str, Any]:
    return _athletes(web, viewer(request, web), now)


def _add_athlete(request: Request, web: WebState, body: NewAthleteIn, now: datetime) -> str:
    """A coach adds an athlete: their record, their account, and the coach's link."""
    who = viewer(request, web)
    if not who.is_coach or who.user_id is None:
        raise NotFoundError("only a coach adds athletes")
    name = username_of(body.username)
    check_password_rules(body.password, name)
    with web.throttle.hashing():
        hashed = hash_password(body.password)
    return accounts.add_athlete_account(web.store, who.user_id, name, hashed, body.name, now)


@router.get("/athletes/new", response_class=HTMLResponse, include_in_schema=False)
def new_athlete_page(request: Request, web: Web) -> Response:
    if not viewer(request, web).is_coach:
        raise NotFoundError("only a coach adds athletes")
    return page(request, "new_athlete.html", {})


@router.post("/athletes/new", include_in_schema=False)
def new_athlete_post(request: Request, web: Web, now: Now, username: Text, password: Text,
                     name: Annotated[str, Form(max_length=100)] = "") -> Response:
    body = NewAthleteIn.model_construct(username=username, password=password,
                                        name=name.strip() or None)
    return redirect(f"/athletes/{_add_athlete(request, web, body, now)}/onboarding")


@router.post("/api/athletes", response_model=AthletesPage, status_code=201,
             summary="A coach adds an athlete, with the athlete's own login")
def new_athlete_api(request: Request, body: NewAthleteIn, web: Web, now: Now) -> dict[str, Any]:
    _add_athlete(request, web, body, now)
    return _athletes(web, viewer(request, web), now)
