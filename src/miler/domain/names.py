"""Athlete names: one rule for the command line, the web app and storage.

A runner has a *display name*, as typed ("Sam", "Ana María"), and an *id*, the slug the
database keys them by and URLs carry ("sam", "ana-maria"). ``miler athlete add Sam`` stores id
``sam``; ``--athlete Sam`` and ``--athlete sam`` then both find that runner, in every shell.
"""

from __future__ import annotations

import re
import unicodedata

from miler.errors import InvalidInputError

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is a few ms of a fast start (`miler progress`); mypy reads this
    from collections.abc import Sequence
    from typing import Final

__all__ = [
    "ID_PATTERN",
    "MAX_DISPLAY_CHARS",
    "MAX_ID_CHARS",
    "athlete_among",
    "athlete_id",
    "display_name",
    "ids_for",
    "is_id",
    "username",
]

#: Ids (and account usernames): what URLs carry and the database keys athletes by.
ID_PATTERN: Final = r"^[a-z0-9][a-z0-9_-]{0,39}$"
MAX_ID_CHARS: Final = 40
#: A display name's length: room for a full name, short enough for a table column.
MAX_DISPLAY_CHARS: Final = 60

_ID = re.compile(ID_PATTERN)
_NOT_ID = re.compile(r"[^a-z0-9_]+")


def is_id(text: str) -> bool:
    """Whether ``text`` is already an id (a slug)."""
    return _ID.fullmatch(text) is not None


def username(text: str, field: str = "username") -> str:
    """A login's username: ``text`` trimmed and lower-cased, which must already be an id (a
    username is typed, never made into a slug)."""
    name = text.strip().lower()
    if not is_id(name):
        raise InvalidInputError(field, "must be 1 to 40 of a-z, 0-9, - and _, starting "
                                "with a letter or digit", text[:MAX_ID_CHARS])
    return name


def display_name(text: str, field: str = "NAME") -> str:
    """``text`` as a display name: trimmed, and refused when empty, all whitespace, longer than
    :data:`MAX_DISPLAY_CHARS`, holding control characters or looking like a path."""
    name = text.strip()
    if not name:
        raise InvalidInputError(field, "must not be empty or only spaces", text)
    if len(name) > MAX_DISPLAY_CHARS:
        raise InvalidInputError(field, f"must be at most {MAX_DISPLAY_CHARS} characters",
                                name[:MAX_DISPLAY_CHARS] + "...")
    if any(unicodedata.category(c).startswith("C") for c in name):
        raise InvalidInputError(field, "must not contain control characters", name)
    if "/" in name or "\\" in name or name.startswith("."):
        raise InvalidInputError(field, "must be a name, not a path (no /, \\ or leading .)",
                                name)
    return name


def athlete_id(text: str, field: str = "NAME") -> str:
    """The id of the runner called ``text``: lower case, accents dropped, anything but a-z,
    0-9 and _ turned into single hyphens, at most :data:`MAX_ID_CHARS` characters.

    An id maps to itself, so shells may take the display name or the id. A name with no
    letter or digit a-z/0-9 left ("李", "---") is refused: it would have no id."""
    name = display_name(text, field)
    if is_id(name.lower()):  # "Sam" or "sam": already an id, but for the case
        return name.lower()
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_ID.sub("-", ascii_text.lower()).strip("-_")[:MAX_ID_CHARS].rstrip("-_")
    if not is_id(slug):
        raise InvalidInputError(field, "must have a letter or digit from a-z or 0-9 "
                                "(its id is made of those)", name)
    return slug


def athlete_among(names: Sequence[str], name: str | None, field: str = "--athlete") -> str:
    """Who ``name``, as a shell's ``--athlete`` was typed, is among the stored ``names``:
    None is the only athlete (refused unless there is exactly one); else its id, or a
    stored name that is the same runner but for the case ("Ada", stored as typed by an
    older miler, is "ada"). A name not stored comes back as its id: the caller's read says
    there is no such athlete."""
    if name:
        key = athlete_id(name, field)
        return next((n for n in names if n == key), None) or next(
            (n for n in names if n.lower() in (key, name.strip().lower())), key)
    if len(names) != 1:
        raise InvalidInputError(field, "is needed when there is not exactly one athlete",
                                ", ".join(names) or "none")
    return names[0]


def ids_for(names: Sequence[str]) -> dict[str, str]:
    """The id each of ``names`` that is not one gets (names stored before ids were slugs:
    "Ada" becomes "ada"): its :func:`athlete_id`, with "-2", "-3", ... when another athlete
    has it already, and "athlete-1", "athlete-2", ... for a name with no letter or digit
    a-z/0-9 to make one from. Names that are ids keep them; no two get the same id."""
    taken = {n for n in names if is_id(n)}
    out: dict[str, str] = {}
    for name in names:
        if is_id(name) or name in out:
            continue
        try:
            base, n = athlete_id(name), 1
        except InvalidInputError:  # nothing to make an id of ("李", "   ", a path)
            base, n = "athlete", 0
        key = base
        while key in taken or n == 0:
            n += 1
            tail = f"-{n}" if n > 1 or base == "athlete" else ""
            key = base[:MAX_ID_CHARS - len(tail)].rstrip("-_") + tail
        taken.add(key)
        out[name] = key
    return out
