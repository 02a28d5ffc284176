"""``create_app``: the FastAPI application behind ``miler serve``.

Local mode serves one runner on this machine with no login; coach mode has accounts.
Either way every POST carries the session's CSRF token, request bodies are capped, and
pages may load only the app's own CSS and JavaScript (no CDN: it all ships in the package).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Final

from fastapi import Depends, FastAPI, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from miler._version import __version__
from miler.config import Settings
from miler.services.accounts import SESSION_DAYS
from miler.web.activities import MAX_BULK_BYTES, size_text
from miler.web.context import NAME_PATTERN, Mode, WebState
from miler.web.errors import CsrfError, TooLargeError
from miler.web.security import CSRF_FIELD, CSRF_HEADER, csrf_ok

__all__ = ["MAX_BODY_BYTES", "SERVE_ENV", "create_app", "worker_app"]

#: ``miler serve --workers N``: how each worker process builds its app (JSON, from the CLI).
SERVE_ENV: Final = "MILER_SERVE_APP"

#: A whole request: up to MAX_FILES uploads of average size, with room for the form.
MAX_BODY_BYTES: Final = 64 * 1024 * 1024
#: A bulk upload (services.uploads.MAX_BULK_BYTES of files, with room for the form), to the
#: one path that takes it: it is streamed to disk, never held in memory.
BULK_BODY_BYTES: Final = MAX_BULK_BYTES + 1024 * 1024
_BULK_PATH: Final = re.compile(r"^/athletes/[^/]+/imports$")
_SAFE_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS"})
_HEADERS: Final = {
    # inline styles only for the printable plan's own <style>; scripts only from /static
    "content-security-policy": "default-src 'self'; img-src 'self' data:; "
                               "style-src 'self' 'unsafe-inline'; script-src 'self'; "
                               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                               "form-action 'self'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}


class _Guard:
    """Caps the request body and adds the security headers to every response."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.default = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        seen = 0
        limit = BULK_BODY_BYTES if _BULK_PATH.match(scope["path"]) else self.default
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        too_large = f"request must be at most {size_text(limit)}"

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:  # a body sent without its length: cut it off here
                raise TooLargeError(too_large)
            return message

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(
                    (k.encode(), v.encode()) for k, v in _HEADERS.items()
                    if k.encode() not in names)]
            await send(message)

        if declared.isdigit() and int(declared) > limit:
            from miler.web.errors import answer

            response = answer(Request(scope, receive), 413, "too_large", too_large)
            await response(scope, receive, with_headers)
            return
        await self.app(scope, limited, with_headers)


#: Names this machine answers to: every request must be addressed to one of them (or to a
#: configured host in coach mode), so a DNS-rebinding page on another site gets nothing.
LOOPBACK_NAMES: Final = frozenset({"127.0.0.1", "localhost", "::1"})


def host_name(authority: str) -> str:
    """The host of a ``Host`` header or an origin's netloc, without its port, lower case."""
    text = authority.strip().lower()
    if text.startswith("["):  # [::1]:8000
        return text[1:text.find("]")] if "]" in text else text
    return text.rsplit(":", 1)[0] if text.count(":") == 1 else text


class _HostGuard:
    """Refuses a request whose Host is not this machine's (or a configured) name, and a write
    whose Origin is another site's: the CSRF token cannot help once DNS is rebound."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from urllib.parse import urlsplit

        from starlette.responses import PlainTextResponse

        headers = dict(scope["headers"])
        host = headers.get(b"host", b"").decode("latin-1")
        problem = None
        if host_name(host) not in self.hosts:
            problem = (400, f"host must be one of {', '.join(sorted(self.hosts))}, got {host!r}")
        elif scope["method"] not in _SAFE_METHODS and b"origin" in headers:
            origin = headers[b"origin"].decode("latin-1")
            if host_name(urlsplit(origin).netloc) not in self.hosts:
                problem = (403, f"origin must be this site, got {origin!r}")
        if problem is None:
            await self.app(scope, receive, send)
            return
        await PlainTextResponse(problem[1], status_code=problem[0])(scope, receive, send)


#: Threads that run the (synchronous) pages at once. AnyIO's default of 40 lets 40 requests
#: share the interpreter's one lock at a time, so under a squad's load every page finishes
#: late; with two, the rest wait their turn in order (bench/README.md: at 50 connections the
#: plan page's p99 went 1.2-2.9 s with 40, 0.5-0.8 s with 8, 0.25-0.45 s with 1-2). Routes
#: that can take seconds have threads of their own (``WebState.slow``).
PAGE_THREADS: Final = 2


async def _require_csrf(request: Request) -> None:
    """Every POST must carry the session's token: a header for the API, a field in forms."""
    if request.method in _SAFE_METHODS:
        return
    sent: object = request.headers.get(CSRF_HEADER)
    kind = request.headers.get("content-type", "")
    if sent is None and kind.startswith(("application/x-www-form-urlencoded",
                                         "multipart/form-data")):
        sent = (await request.form()).get(CSRF_FIELD)
    if not csrf_ok(request.session, sent):
        raise CsrfError("this form is out of date or came from another site: reload the "
                        "page and try again (API: send the X-CSRF-Token header from "
                        "GET /api/session)")


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """At shutdown, the bounded worker's processes end with the server."""
    import anyio.to_thread

    anyio.to_thread.current_default_thread_limiter().total_tokens = PAGE_THREADS
    yield
    app.state.web.worker.close()
    app.state.web.slow.shutdown(wait=False, cancel_futures=True)


def create_app(settings: Settings, mode: Mode = Mode.LOCAL, *, secure_cookies: bool = False,
               athlete: str = "me", store: Any = None,
               allowed_hosts: tuple[str, ...] = (), workers: int = 1) -> FastAPI:
    """The app for ``settings`` (database, data directory) in ``mode``.

    ``secure_cookies`` marks the session cookie HTTPS-only (coach mode on a network);
    ``athlete`` is local mode's one runner; ``store`` an already open database;
    ``allowed_hosts`` the names it answers to besides 127.0.0.1, localhost and ::1;
    ``workers`` how many processes serve it (they share out the password hashes at once).
    """
    from fastapi.staticfiles import StaticFiles
    from starlette.middleware.sessions import SessionMiddleware

    from miler.services.ports import open_storage
    from miler.web import errors
    from miler.web.render import templates
    from miler.web.routes import (
        account,
        accounts,
        downloads,
        imports,
        onboarding,
        plan,
        progress,
        race,
        uploads,
    )
    from miler.web.security import session_secret
    from miler.web.throttle import LoginThrottle

    if not re.match(NAME_PATTERN, athlete):  # the shell passes an id: domain.names.athlete_id
        from miler.errors import InvalidInputError

        raise InvalidInputError("athlete", "must be an id: 1 to 40 of a-z, 0-9, - and _",
                                athlete)
    app = FastAPI(title="miler", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json", dependencies=[Depends(_require_csrf)],
                  lifespan=_lifespan,
                  description="The JSON twin of every page of miler's web app. POSTs need "
                              "the X-CSRF-Token header from GET /api/session.")
    app.state.web = WebState(settings, mode, store or open_storage(settings.database_url),
                             athlete, templates(),
                             throttle=LoginThrottle.for_workers(workers))
    for module in (accounts, account, onboarding, plan, race, uploads, imports, progress,
                   downloads):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"),
              name="static")
    errors.install(app)
    app.add_middleware(_Guard, limit=MAX_BODY_BYTES)  # inside the session: it may answer
    app.add_middleware(SessionMiddleware, secret_key=session_secret(settings.data_dir),
                       session_cookie="miler_session", same_site="lax",
                       https_only=secure_cookies, max_age=SESSION_DAYS * 24 * 3600)
    app.add_middleware(_HostGuard, hosts=LOOPBACK_NAMES | {host_name(h) for h in allowed_hosts})
    return app


def worker_app() -> FastAPI:
    """The app of one ``miler serve --workers N`` process (uvicorn's factory): the arguments
    the command was given come in :data:`SERVE_ENV`. Sessions are rows of the database and
    the cookie secret a file of the data directory, so a login, its CSRF token and an upload
    hold whichever process answers."""
    import json
    import os

    given = json.loads(os.environ[SERVE_ENV])
    return create_app(Settings(given["database_url"], Path(given["data_dir"])),
                      Mode(given["mode"]), secure_cookies=given["secure"],
                      athlete=given["athlete"], allowed_hosts=tuple(given["allowed"]),
                      workers=int(given.get("workers", 1)))
