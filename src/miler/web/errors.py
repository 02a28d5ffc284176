"""The one place web errors become HTTP: a MilerError is 422 (bad input or a bad file),
404 (not there, or not yours), 409 (inputs that conflict), 413 (too large) or 503 (the
database); HTML for pages, JSON (``{"error": {...}}``) under ``/api``.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from miler.errors import (
    ActivityFileError,
    ConflictingInputError,
    InvalidInputError,
    MilerError,
    NotFoundError,
    StorageError,
    WorkLimitError,
)
from miler.web.context import LoginRequired
from miler.web.throttle import TooManyAttemptsError

__all__ = ["CsrfError", "TooLargeError", "answer", "install", "status_of"]


class CsrfError(MilerError):
    """A form or API POST without this session's CSRF token."""


class TooLargeError(MilerError):
    """An upload over the size limit."""


_STATUS: tuple[tuple[type[MilerError], int, str], ...] = (
    (ConflictingInputError, 409, "conflicting_input"),
    (InvalidInputError, 422, "invalid_input"),
    (ActivityFileError, 422, "bad_activity_file"),
    (WorkLimitError, 422, "over_limit"),
    (NotFoundError, 404, "not_found"),
    (CsrfError, 403, "csrf"),
    (TooLargeError, 413, "too_large"),
    (StorageError, 503, "storage"),
    (TooManyAttemptsError, 429, "too_many_attempts"),
)


def status_of(exc: MilerError) -> tuple[int, str]:
    """The HTTP status and error type for ``exc`` (500 for a MilerError not listed)."""
    return next(((code, name) for kind, code, name in _STATUS if isinstance(exc, kind)),
                (500, "error"))


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def answer(request: Request, status: int, kind: str, message: str,
            extra: dict[str, Any] | None = None) -> Response:
    if _is_api(request):
        return JSONResponse({"error": {"type": kind, "message": message, **(extra or {})}},
                            status_code=status)
    from miler.web.render import error_page

    return error_page(request, status, message)


async def _miler_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, MilerError)
    status, kind = status_of(exc)
    extra = ({"field": exc.field, "rule": exc.rule} if isinstance(exc, InvalidInputError)
             else {})
    response = answer(request, status, kind, str(exc).splitlines()[0], extra)
    if isinstance(exc, TooManyAttemptsError):
        response.headers["retry-after"] = str(max(int(exc.retry_after_s + 0.999), 1))
    return response


async def _login_required(request: Request, exc: Exception) -> Response:
    if _is_api(request):
        return JSONResponse({"error": {"type": "login_required",
                                       "message": "log in first: POST /api/login"}},
                            status_code=401)
    return RedirectResponse("/login", status_code=303)


async def _validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = [f"{'.'.join(str(p) for p in e['loc'] if p != 'body')}: {e['msg']}"
                for e in exc.errors()]
    if _is_api(request):
        return JSONResponse({"error": {"type": "invalid_input", "message": "; ".join(problems),
                                       "detail": _plain(exc.errors())}}, status_code=422)
    return answer(request, 422, "invalid_input", "; ".join(problems))


def _plain(errors: Any) -> list[dict[str, Any]]:
    """Validation details without the raw input objects, which may not be JSON."""
    return [{"loc": [str(p) for p in e["loc"]], "msg": str(e["msg"]), "type": str(e["type"])}
            for e in errors]


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = {404: "no such page", 405: "method not allowed"}.get(exc.status_code,
                                                                   str(exc.detail))
    response = answer(request, exc.status_code, "http", message)
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


def install(app: FastAPI) -> None:
    app.add_exception_handler(MilerError, _miler_error)
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(HTTPException, _http)
