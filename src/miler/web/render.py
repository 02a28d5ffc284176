"""Pages: the Jinja2 environment, and the helpers every page and error goes through."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse

from miler.domain.units import METERS_PER_KM, METERS_PER_MILE, format_clock
from miler.web.security import CSRF_FIELD, csrf_token

__all__ = ["error_page", "mile_clock", "page", "redirect", "templates"]

_TITLES = {403: "Refused", 404: "Not found", 409: "Conflict", 413: "Too large",
           422: "Please check that", 503: "The database is not available"}


def _miles(meters: float | None, decimals: int = 1) -> str:
    return "" if meters is None else f"{meters / METERS_PER_MILE:.{decimals}f}"


def _km(meters: float | None, decimals: int = 1) -> str:
    return "" if meters is None else f"{meters / METERS_PER_KM:.{decimals}f}"


def mile_clock(seconds: float) -> str:
    """A goal time: ``7:00`` for whole seconds, else hundredths (``6:59.50``)."""
    return format_clock(seconds, 0 if seconds == round(seconds) else 2)


def templates() -> Any:
    """The page templates (package data), autoescaped, with miler's number filters."""
    from fastapi.templating import Jinja2Templates
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(loader=PackageLoader("miler.web", "templates"),
                      autoescape=select_autoescape(["html", "svg"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(clock=format_clock, miles=_miles, km=_km, mile=mile_clock)
    return Jinja2Templates(env=env)


def _base(request: Request) -> dict[str, Any]:
    web = request.app.state.web
    who = getattr(request.state, "viewer", None)
    return {"mode": str(web.mode), "viewer": who, "csrf_field": CSRF_FIELD,
            # web/cache.py renders a kept page with a placeholder, put right per request
            "csrf_token": getattr(request.state, "csrf_placeholder", None)
            or csrf_token(request.session), "athlete": None,
            "path": request.url.path}


def page(request: Request, template: str, context: dict[str, Any],
         status: int = 200) -> HTMLResponse:
    """Render ``template`` with ``context`` and what every page needs (viewer, CSRF)."""
    tpl = request.app.state.web.templates
    response: HTMLResponse = tpl.TemplateResponse(request, template,
                                                  {**_base(request), **context},
                                                  status_code=status)
    return response


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    title = _TITLES.get(status, "Something went wrong")
    return page(request, "error.html", {"title": title, "message": message, "status": status},
                status)


def redirect(url: str) -> RedirectResponse:
    """After a form POST: see the result with a GET (303)."""
    return RedirectResponse(url, status_code=303)
