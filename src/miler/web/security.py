"""Passwords, the session secret, CSRF tokens and which addresses count as this machine.

Passwords are hashed with Argon2id (argon2-cffi's defaults, RFC 9106's second recommended
option); the session cookie is signed with a random secret kept in the data directory, so
logins survive a restart; every form and every API POST carries a per-session CSRF token.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from functools import cache
from pathlib import Path
from typing import Any, Final

from miler.errors import InvalidInputError

__all__ = [
    "CSRF_FIELD",
    "CSRF_HEADER",
    "MIN_PASSWORD",
    "check_password_rules",
    "csrf_ok",
    "csrf_token",
    "hash_password",
    "is_loopback",
    "session_secret",
    "verify_password",
]

CSRF_FIELD: Final = "csrf_token"
CSRF_HEADER: Final = "x-csrf-token"
#: NIST SP 800-63B asks for at least 8; a coach's server on a network gets a little more.
MIN_PASSWORD: Final = 10
MAX_PASSWORD: Final = 1024  # hashing a megabyte of "password" is a denial of service
_SECRET_FILE: Final = "web-secret"


@cache
def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


# The commonest passwords of breach lists (NCSC's top 100k leads with these), and words a
# runner would reach for, with digits taken off: "password12" is "password".
_COMMON: Final = frozenset({
    "password", "qwerty", "qwertyuiop", "letmein", "welcome", "admin", "iloveyou", "abc",
    "abcdefghij", "monkey", "dragon", "football", "baseball", "sunshine", "princess", "master",
    "miler", "running", "runner", "marathon", "trustno", "passw", "login", "secret", ""})


def check_password_rules(password: str, username: str | None = None) -> None:
    """Refuse a password too short or too long, all whitespace, with control characters,
    the user's own name, or common; the message never repeats the password."""
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InvalidInputError(
            "password", f"must be {MIN_PASSWORD} to {MAX_PASSWORD} characters",
            f"{len(password)} characters")
    if not password.strip() or any(ord(c) < 32 or ord(c) == 127 for c in password):
        raise InvalidInputError("password", "must not be blank or hold control characters",
                                f"{len(password)} characters")
    bare = password.strip().lower()
    if username and username.strip().lower() in bare:
        raise InvalidInputError("password", "must not contain the user name", "the user name")
    if bare.strip("0123456789!.?@#$ ") in _COMMON or len(set(bare)) < 4:
        raise InvalidInputError("password", "must not be a common or repetitive password",
                                "a common password")


def hash_password(password: str) -> str:
    check_password_rules(password)
    return str(_hasher().hash(password))


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; with no stored hash a dummy one is checked, so an
    unknown username takes as long as a wrong password."""
    from argon2.exceptions import InvalidHashError, VerificationError

    if len(password) > MAX_PASSWORD:
        return False
    try:
        return bool(_hasher().verify(stored_hash or _dummy_hash(), password)) and \
            stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    return str(_hasher().hash(secrets.token_urlsafe(16)))


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
