"""Rendered pages kept while the athlete's data stands: the plan, session, progress and race
pages are built once per data version (``services.coaching.page_version``), and a coach's
athlete list once per squad version (``services.accounts.squad_version``: who is in the
squad, each one's data version and week), and then served from memory, with an ``ETag`` a
browser can send back for a ``304 Not Modified``.

The key of a page is what it shows: the page and its arguments, the athlete's data version
(renewed by every write to their profile, plans, sessions, runs and results, in whichever
server process it happens), the day it is for the athlete, and who is looking (the layout
names them). The one part of a page that is the viewer's own browser session, the CSRF
token of its forms, is rendered as a placeholder and put in on the way out, so one rendered
page serves every request for it.

Bounded: at most ``MAX_PAGES`` pages and ``MAX_BYTES`` of them per server process; the least
recently used go first. A page is made once however many ask for it at the same moment (50
connections opening a page just changed): the first renders it, the others wait for it.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Final

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from miler.web.security import csrf_token

__all__ = ["CSRF_PLACEHOLDER", "MAX_BYTES", "MAX_PAGES", "PageCache", "cached_page"]

MAX_PAGES: Final = 512  # a squad of 200 athletes' plan and progress pages, and then some
MAX_BYTES: Final = 64 * 1024 * 1024
#: Rendered where the viewer's CSRF token goes; never a token itself (tokens are URL-safe
#: base64, this has a character they never do).
CSRF_PLACEHOLDER: Final = "\u2063csrf\u2063"
_PLACEHOLDER_BYTES: Final = CSRF_PLACEHOLDER.encode()


class PageCache:
    """Least recently used rendered pages, by key; safe across the server's threads."""

    def __init__(self, max_pages: int = MAX_PAGES, max_bytes: int = MAX_BYTES) -> None:
        self._pages: OrderedDict[Hashable, tuple[bytes, str]] = OrderedDict()
        self._bytes = 0
        self._max_pages, self._max_bytes = max_pages, max_bytes
        self._lock = threading.Lock()
        self._making: dict[Hashable, tuple[threading.Lock, int]] = {}  # key: (lock, users)

    def get(self, key: Hashable) -> tuple[bytes, str] | None:
        """The page's body and its digest, or None."""
        with self._lock:
            found = self._pages.get(key)
            if found is not None:
                self._pages.move_to_end(key)
            return found

    def put(self, key: Hashable, body: bytes) -> tuple[bytes, str]:
        entry = (body, hashlib.blake2b(body, digest_size=12).hexdigest())
        with self._lock:
            old = self._pages.pop(key, None)  # gone even when the new page is too large
            self._bytes -= len(old[0]) if old else 0
            if len(body) > self._max_bytes:
                return entry
            self._pages[key] = entry
            self._bytes += len(body)
            while len(self._pages) > self._max_pages or self._bytes > self._max_bytes:
                _, (gone, _) = self._pages.popitem(last=False)
                self._bytes -= len(gone)
        return entry

    def __len__(self) -> int:
        return len(self._pages)

    @contextmanager
    def making(self, key: Hashable) -> Iterator[None]:
        """Held by one thread at a time per ``key``: the one rendering that page."""
        with self._lock:
            lock, users = self._making.get(key, (threading.Lock(), 0))
            self._making[key] = (lock, users + 1)
        try:
            with lock:
                yield
        finally:
            with self._lock:
                users = self._making[key][1] - 1
                if users:
                    self._making[key] = (lock, users)
                else:
                    del self._making[key]


def cached_page(request: Request, cache: PageCache, key: Hashable,
                render: Callable[[], Response]) -> Response:
    """The page under ``key``, rendered by ``render()`` (with :data:`CSRF_PLACEHOLDER` for
    the token) on a miss. Anything but a 200 page (a redirect, an error) is not kept."""
    who = getattr(request.state, "viewer", None)
    full_key = (key, who)
    entry = cache.get(full_key)
    if entry is None:
        with cache.making(full_key):
            entry = cache.get(full_key)  # made while this request waited its turn
            if entry is None:
                request.state.csrf_placeholder = CSRF_PLACEHOLDER
                try:
                    response = render()
                finally:
                    request.state.csrf_placeholder = None
                if response.status_code != 200 or not isinstance(response, HTMLResponse):
                    return response
                entry = cache.put(full_key, bytes(response.body))
    body, digest = entry
    token = csrf_token(request.session)
    etag = f'W/"{digest}-{hashlib.blake2b(token.encode(), digest_size=6).hexdigest()}"'
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return HTMLResponse(body.replace(_PLACEHOLDER_BYTES, token.encode()), headers=headers)
