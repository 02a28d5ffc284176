"""``miler serve``: the web app on this machine (one runner) or for a squad (``--coach``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from miler.cli.store import DbOption
from miler.errors import InvalidInputError


def serve(
    host: Annotated[str, typer.Option(
        "--host", metavar="HOST",
        help="Address to listen on. Anything but this machine needs --coach.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", min=1, max=65535,
                                      help="Port, 1 to 65535.")] = 8000,
    coach: Annotated[bool, typer.Option(
        "--coach", help="Coach mode: accounts with passwords; a coach sees their athletes, "
        "an athlete only their own.")] = False,
    db: DbOption = None,
    athlete: Annotated[str, typer.Option(
        "--athlete", metavar="NAME", help="Local mode: the runner's name or id.")
    ] = "me",
    certfile: Annotated[Path | None, typer.Option(
        "--ssl-certfile", metavar="FILE", help="Serve HTTPS with this certificate (PEM).",
        show_default=False)] = None,
    keyfile: Annotated[Path | None, typer.Option(
        "--ssl-keyfile", metavar="FILE", help="The certificate's private key (PEM).",
        show_default=False)] = None,
    allowed_host: Annotated[list[str] | None, typer.Option(
        "--allowed-host", metavar="NAME", help="Coach mode: a host name the app answers to "
        "(repeat for more); 127.0.0.1, localhost and ::1 always.", show_default=False)] = None,
    workers: Annotated[int, typer.Option(
        "--workers", min=1, max=MAX_WORKERS, metavar="N", help="Server processes answering "
        "together (logins, forms and uploads hold across them).")] = 1,
) -> None:
    """Start the web app: onboarding, the plan calendar, race day, uploads, progress."""
    from miler.web.security import is_loopback  # no FastAPI until the checks pass

    local = is_loopback(host)
    if not coach and not local:
        raise InvalidInputError("--host", "must be this machine (127.0.0.1, localhost or ::1) "
                                "unless --coach: local mode has no login", host)
    if (certfile is None) != (keyfile is None):
        raise InvalidInputError("--ssl-keyfile", "goes with --ssl-certfile (give both)",
                                str(keyfile or certfile))
    if allowed_host and not coach:
        raise InvalidInputError("--allowed-host", "needs --coach: local mode answers to this "
                                "machine only", allowed_host[0])
    from miler.domain.names import athlete_id

    athlete = athlete_id(athlete, "--athlete")  # "Sam" as added is the runner "sam"
    names = (*(allowed_host or ()), *((host,) if coach and host not in ("0.0.0.0", "::") else ()))
    _run(host, port, coach, db, athlete, certfile, keyfile, secure=coach and not local,
         allowed=names, workers=workers)


#: ``--workers``: more processes than a coach's machine has cores only wait on each other.
MAX_WORKERS = 16


def _run(host: str, port: int, coach: bool, db: str | None, athlete: str,
         certfile: Path | None, keyfile: Path | None, secure: bool,
         allowed: tuple[str, ...] = (), workers: int = 1) -> None:
    import uvicorn

    from miler.config import settings
    from miler.web import Mode, create_app

    mode = Mode.COACH if coach else Mode.LOCAL
    # made here, once: the database migrated and the cookie secret written before any
    # worker starts, so no two processes race to make either
    app: Any = create_app(settings(db), mode, secure_cookies=secure, athlete=athlete,
                          allowed_hosts=allowed)
    if workers > 1:
        app = _workers_app(settings(db), mode, secure, athlete, allowed, workers)
    scheme = "https" if certfile else "http"
    shown = f"[{host}]" if ":" in host else host
    what = "coach mode: accounts" if coach else "local mode: one runner, no login"
    typer.echo(f"miler: serving {scheme}://{shown}:{port}/ ({what}); Ctrl+C stops", err=True)
    if secure and not certfile:
        typer.echo("miler: session cookies are HTTPS-only here: serve behind HTTPS (a reverse "
                   "proxy) or pass --ssl-certfile and --ssl-keyfile", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", workers=workers,
                factory=workers > 1, ssl_certfile=str(certfile) if certfile else None,
                ssl_keyfile=str(keyfile) if keyfile else None)


def _workers_app(config: Any, mode: Any, secure: bool, athlete: str,
                 allowed: tuple[str, ...], workers: int) -> str:
    """What uvicorn imports in each worker (``web.app.worker_app``), with this command's
    arguments in the environment the workers inherit."""
    import json
    import os

    from miler.web.app import SERVE_ENV

    os.environ[SERVE_ENV] = json.dumps({
        "database_url": config.database_url, "data_dir": str(config.data_dir),
        "mode": str(mode), "secure": secure, "athlete": athlete, "allowed": list(allowed),
        "workers": workers})
    return "miler.web.app:worker_app"
