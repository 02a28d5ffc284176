"""Passwords: the rules a new one must meet, and Argon2id hashes.

Hashes are Argon2id with argon2-cffi's defaults (RFC 9106's second recommended option).
The web app and the command line both set passwords through here; services and storage
only ever see the hash.
"""

from __future__ import annotations

import secrets
from functools import cache
from typing import Any, Final

from miler.errors import InvalidInputError

__all__ = ["MAX_PASSWORD", "MIN_PASSWORD", "check_password_rules", "hash_password",
           "verify_password"]

#: NIST SP 800-63B asks for at least 8; a coach's server on a network gets a little more.
MIN_PASSWORD: Final = 10
MAX_PASSWORD: Final = 1024  # hashing a megabyte of "password" is a denial of service


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


