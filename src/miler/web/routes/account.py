"""A logged-in user's account (coach mode): change your password, a coach setting an
athlete's password, and a coach adding another coach. Every password change ends all of
that user's sessions; when it is your own, this browser gets a new one."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from miler.adapters.passwords import check_password_rules, hash_password, verify_password
from miler.errors import InvalidInputError, NotFoundError
from miler.services import accounts
from miler.services.ports import StoredUser
from miler.web.context import Mode, Now, Viewer, Web, WebState, viewer
from miler.web.render import page, redirect
from miler.web.routes.accounts import log_in_session, username_of
from miler.web.schemas import NewCoachIn, PasswordChangeIn, PasswordSetIn, SessionInfo

router = APIRouter(tags=["accounts"])

Text = Annotated[str, Form(max_length=1024)]


def _me(request: Request, web: WebState) -> tuple[Viewer, StoredUser]:
    if web.mode is not Mode.COACH:
        raise NotFoundError("accounts exist only in coach mode (miler serve --coach)")
    who = viewer(request, web)
    user = accounts.user(web.store, who.user_id) if who.user_id is not None else None
    if user is None:
        raise NotFoundError("no such account")
    return who, user


def _hashed(web: WebState, password: str, username: str) -> str:
    check_password_rules(password, username)
    with web.throttle.hashing():
        return hash_password(password)


def _change_own(request: Request, web: WebState, current: str, new: str) -> None:
    """Your own password: the current one first (a borrowed session is not enough)."""
    _, me = _me(request, web)
    with web.throttle.hashing():
        ok = verify_password(me.password_hash, current)
    if not ok:
        raise InvalidInputError("current_password", "must be your password now", "not it")
    accounts.change_password(web.store, me.username, _hashed(web, new, me.username), by=me)
    log_in_session(request, web, me.id)  # every other session has ended


def _set_athletes(request: Request, web: WebState, athlete: str, new: str) -> None:
    who, me = _me(request, web)
    if not who.is_coach:
        raise NotFoundError(f"no user named {athlete!r}")
    name = username_of(athlete)
    if name == me.username:  # your own goes through the current password
        raise NotFoundError(f"no athlete account named {athlete!r}")
    accounts.change_password(web.store, name, _hashed(web, new, name), by=me)


def _add_coach(request: Request, web: WebState, body: NewCoachIn, now: datetime) -> str:
    who, me = _me(request, web)
    if not who.is_coach:
        raise NotFoundError("only a coach adds coaches")
    name = username_of(body.username)
    return accounts.add_coach(web.store, name, _hashed(web, body.password, name), now,
                              by=me, share_with=me.username if body.share else None
                              ).username


def _context(request: Request, web: WebState, done: str | None,
             now: datetime) -> dict[str, Any]:
    who, _ = _me(request, web)
    rows = accounts.squad(web.store, coach_id=who.user_id, athlete=None,
                          now=now) if who.is_coach else []
    return {"done": done, "athletes": [(r.name, r.display_name) for r in rows]}


_DONE = {"password": "Your password is changed: every other browser is logged out.",
         "athlete": "The athlete's password is changed: they log in again with it.",
         "coach": "The coach is added: they can log in now."}


@router.get("/account", response_class=HTMLResponse, include_in_schema=False)
def account_page(request: Request, web: Web, now: Now, done: str | None = None) -> Response:
    return page(request, "account.html", _context(request, web, _DONE.get(done or ""), now))


@router.post("/account/password", include_in_schema=False)
def password_post(request: Request, web: Web, current_password: Text,
                  new_password: Text) -> Response:
    _change_own(request, web, current_password, new_password)
    return redirect("/account?done=password")


@router.post("/account/athlete-password", include_in_schema=False)
def athlete_password_post(request: Request, web: Web, athlete: Text,
                          new_password: Text) -> Response:
    _set_athletes(request, web, athlete, new_password)
    return redirect("/account?done=athlete")


@router.post("/account/coaches", include_in_schema=False)
def coach_post(request: Request, web: Web, now: Now, username: Text, password: Text,
               share: Annotated[str, Form(max_length=10)] = "") -> Response:
    body = NewCoachIn.model_construct(username=username, password=password, share=bool(share))
    _add_coach(request, web, body, now)
    return redirect("/account?done=coach")


@router.post("/api/account/password", response_model=SessionInfo,
             summary="Change your password; every other session of yours ends")
def password_api(request: Request, body: PasswordChangeIn, web: Web) -> Any:
    from miler.web.routes.accounts import session_api

    _change_own(request, web, body.current_password, body.new_password)
    return session_api(request, web)


@router.post("/api/athletes/{athlete}/password", status_code=204,
             summary="A coach sets the password of an athlete they look after")
def athlete_password_api(request: Request, athlete: str, body: PasswordSetIn,
                         web: Web) -> Response:
    _set_athletes(request, web, athlete, body.new_password)
    return Response(status_code=204)


@router.post("/api/coaches", status_code=201, summary="A coach adds another coach")
def coach_api(request: Request, body: NewCoachIn, web: Web, now: Now) -> dict[str, str]:
    return {"username": _add_coach(request, web, body, now)}
