"""The session secret, CSRF tokens and which addresses count as this machine.

The session cookie is signed with a random secret kept in the data directory and holds a
random session token the server keeps (``services.accounts``), so logout ends it; every form
and every API POST carries a per-session CSRF token. Passwords: ``adapters.passwords``.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path
from typing import Any, Final

__all__ = [
    "CSRF_FIELD",
    "CSRF_HEADER",
    "csrf_ok",
    "csrf_token",
    "is_loopback",
    "session_secret",
]

CSRF_FIELD: Final = "csrf_token"
CSRF_HEADER: Final = "x-csrf-token"
_SECRET_FILE: Final = "web-secret"


def session_secret(data_dir: Path) -> str:
    """The secret that signs session cookies: made once (mode 0600) in ``data_dir``."""
    path = data_dir / _SECRET_FILE
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as out:
        secret = secrets.token_urlsafe(48)
        out.write(secret)
    return secret


def csrf_token(session: dict[str, Any]) -> str:
    """The session's CSRF token, made on first use."""
    token = session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


def csrf_ok(session: dict[str, Any], sent: object) -> bool:
    token = session.get("csrf")
    return isinstance(token, str) and isinstance(sent, str) and \
        secrets.compare_digest(token.encode(), sent.encode())


def is_loopback(host: str) -> bool:
    """``localhost`` or a loopback address (127.0.0.0/8, ::1)."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
