"""What every request can ask for: the app's state, the clock, who is asking, and which
athlete they may see. Tests swap any of these with ``app.dependency_overrides``.

Authorization lives in :func:`athlete_name` and nowhere else: an athlete not yours is
"not found" (404), never "forbidden", so names cannot be probed.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any, Final, TypeVar

from fastapi import Depends, Path, Request
from starlette.concurrency import run_in_threadpool

from miler.adapters.worker import BoundedWorker
from miler.config import Settings
from miler.domain.names import ID_PATTERN
from miler.errors import NotFoundError
from miler.services import accounts
from miler.web.cache import PageCache
from miler.web.jobs import ImportJobs
from miler.web.throttle import LoginThrottle

if TYPE_CHECKING:
    from miler.services.ports import Storage

__all__ = [
    "NAME_PATTERN",
    "SLOW_THREADS",
    "AthleteName",
    "LoginRequired",
    "Mode",
    "Now",
    "Viewer",
    "Web",
    "WebState",
    "athlete_name",
    "clock",
    "off_the_pages",
    "viewer",
    "web_state",
]

#: Threads for the slow routes: two uploads or downloads at once each, beyond the pages'.
SLOW_THREADS: Final = 4
T = TypeVar("T")

#: Athlete and user names: they appear in URLs and as the athlete's key in the database.
NAME_PATTERN: Final = ID_PATTERN  # domain/names.py: the one rule


class Mode(StrEnum):
    LOCAL = "local"  # one runner on this machine, no login
    COACH = "coach"  # accounts: coaches and their athletes


class LoginRequired(Exception):
    """Nobody is logged in (coach mode): pages go to the login form, the API answers 401."""


@dataclass(frozen=True, slots=True)
class WebState:
    settings: Settings
    mode: Mode
    store: Storage
    local_athlete: str  # local mode's one runner
    templates: Any  # Jinja2Templates
    throttle: LoginThrottle = field(default_factory=LoginThrottle)  # logins (web/throttle.py)
    # uploads are read here, never in the server's own process (adapters/worker.py)
    worker: BoundedWorker = field(default_factory=BoundedWorker)
    jobs: ImportJobs | None = None  # bulk imports in the background (web/jobs.py)
    pages: PageCache = field(default_factory=PageCache)  # rendered pages (web/cache.py)
    # the routes that can take seconds (uploads waiting on the worker, PDFs, zips) run here,
    # so the few threads that serve pages are never all held by them (web/app.py PAGE_THREADS)
    slow: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(
        SLOW_THREADS, thread_name_prefix="miler-slow"))

    @property
    def imports(self) -> ImportJobs:
        """The bulk imports, their scratch folders in the data directory."""
        if self.jobs is None:
            object.__setattr__(self, "jobs", ImportJobs(self.settings.data_dir / "imports"))
        assert self.jobs is not None
        return self.jobs


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is asking: the local runner, or a logged-in coach or athlete."""

    role: str  # runner (local mode), coach, athlete
    username: str | None = None
    user_id: int | None = None
    athlete: str | None = None  # the athlete this viewer is, if any

    @property
    def is_coach(self) -> bool:
        return self.role == "coach"


async def off_the_pages(web: WebState, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` on the slow routes' own threads (``WebState.slow``)."""
    import asyncio

    return await asyncio.get_running_loop().run_in_executor(web.slow,
                                                            partial(fn, *args, **kwargs))


# The two dependencies every page has are async: a plain function would be run in the
# thread pool, one hand-over per request each (under load they queue behind each other).
async def web_state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


Web = Annotated[WebState, Depends(web_state)]


async def clock() -> datetime:
    """Now, in UTC (tests fix it)."""
    return datetime.now(UTC)


Now = Annotated[datetime, Depends(clock)]


async def viewer_dependency(request: Request, web: Web) -> Viewer:
    """:func:`viewer` as a dependency, on the event loop: a plain function would take a
    thread for every request, and local mode has nothing to read."""
    if web.mode is Mode.LOCAL:
        return viewer(request, web)
    return await run_in_threadpool(viewer, request, web)


def viewer(request: Request, web: WebState) -> Viewer:
    """Who is asking; kept on ``request.state`` for the page layout."""
    who, _ = _viewer(request, web)
    request.state.viewer = who
    return who


def _viewer(request: Request, web: WebState, athlete: str | None = None) -> tuple[Viewer, bool]:
    """Who is asking, and whether they look after ``athlete`` (a coach's link; False
    without one): in coach mode one read of the database for both."""
    if web.mode is Mode.LOCAL:
        return Viewer("runner", athlete=web.local_athlete), False
    token = request.session.get("sid")
    if token is None:
        raise LoginRequired
    now = datetime.now(UTC)
    if athlete is None:
        user, coaches = accounts.session_user(web.store, token, now), False
    else:
        user, coaches = accounts.session_user_seeing(web.store, token, now, athlete)
    if user is None:  # logged out, expired, password changed, or the user deleted
        request.session.clear()
        raise LoginRequired
    return Viewer(str(user.role), user.username, user.id, user.athlete), coaches


Who = Annotated[Viewer, Depends(viewer_dependency)]


async def athlete_name(athlete: Annotated[str, Path(pattern=NAME_PATTERN, max_length=40,
                                                    description="The athlete's name in URLs.")],
                       request: Request, web: Web) -> str:
    """The athlete in the URL, if the viewer may see them; otherwise NotFoundError. Who is
    asking is found here too (with the coach's link, in one read), and kept on
    ``request.state`` as :func:`viewer` keeps it."""
    if web.mode is Mode.LOCAL:
        who, coaches = viewer(request, web), False
    else:
        who, coaches = await run_in_threadpool(_viewer_of, request, web, athlete)
    if athlete == who.athlete:
        return athlete
    if who.is_coach and who.user_id is not None and coaches:
        return athlete
    raise NotFoundError(f"no athlete named {athlete!r}")


def _viewer_of(request: Request, web: WebState, athlete: str) -> tuple[Viewer, bool]:
    who, coaches = _viewer(request, web, athlete)
    request.state.viewer = who
    return who, coaches


AthleteName = Annotated[str, Depends(athlete_name)]
