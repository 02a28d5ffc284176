"""miler's web app: ``create_app(settings, mode)``, served by ``miler serve``.

Server-rendered pages (Jinja2 templates, a little JavaScript, CSS shipped in ``static/``)
and a JSON twin of every page under ``/api``, described at ``/api/openapi.json``.
Importing this package loads FastAPI: only ``miler serve`` and the tests do.
"""

from miler.web.app import MAX_BODY_BYTES, create_app
from miler.web.context import Mode

__all__ = ["MAX_BODY_BYTES", "Mode", "create_app"]
