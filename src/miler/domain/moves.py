"""Moving a planned session to another day: what the plan's rules allow.

Pure: sessions are read through :class:`DaySession` (anything with these attributes, such as
a stored session), and a refused move raises ``InvalidInputError`` naming ``--to``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from miler.domain.workouts import is_hard
from miler.errors import InvalidInputError

__all__ = ["DaySession", "check_move"]


class DaySession(Protocol):
    """A session on a day of the plan, with its state."""

    @property
    def session_id(self) -> str: ...
    @property
    def day(self) -> date: ...
    @property
    def kind(self) -> str: ...
    @property
    def intensity(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def status(self) -> str: ...


def check_move(sessions: Sequence[DaySession], moving: DaySession, to: date, *,
               first: date, race: date) -> None:
    """Refuse a move outside the plan, of the race, or that puts two hard days in a row
    (skipped sessions do not count: they are not run)."""
    if not first <= to <= race:
        raise InvalidInputError("--to", f"must be inside the plan, {first} to {race}",
                                to.isoformat())
    if moving.kind == "race":
        raise InvalidInputError("ID", "is the race: change the race date with a new plan",
                                moving.session_id)
    if is_hard(moving.kind, moving.intensity):
        _check_no_hard_neighbour(sessions, moving, to)


def _check_no_hard_neighbour(sessions: Sequence[DaySession], moving: DaySession,
                             to: date) -> None:
    for other in sessions:
        if other.session_id == moving.session_id or other.status == "skipped":
            continue
        if is_hard(other.kind, other.intensity) and abs((other.day - to).days) <= 1:
            raise InvalidInputError(
                "--to", f"must not make two hard days in a row: {other.title} is on "
                f"{other.day.isoformat()}", to.isoformat())
