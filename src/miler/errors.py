"""The one error tree of miler.

Every failure miler reports on purpose is a ``MilerError``; a shell translates it once
(CLI: exit 2 for bad input, 1 otherwise; web: 422/404/409)::

    MilerError
    ├── InvalidInputError (also ValueError)   bad input: names the field, the rule and the value
    │   └── ConflictingInputError             two inputs that cannot both hold (weeks vs race date)
    ├── NotFoundError (also LookupError)      an athlete, plan, session or file that is not there
    ├── ActivityFileError                     a watch file that cannot be read
    │   └── CorruptFileError                  its bytes are broken (offset when known)
    ├── WorkLimitError                        work ran past its memory or time limit (a worker)
    ├── StorageError                          the database refused or is out of date
    │   └── ConflictError                     another writer stored the same thing first
    ├── ExportError                           a file miler was asked to write and could not
    └── NotEnoughDataError                    too little in a history to estimate from (why)
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is a few ms of every start (`miler progress`, issue 22)
    from typing import Any

__all__ = [
    "ActivityFileError",
    "ConflictError",
    "ConflictingInputError",
    "CorruptFileError",
    "ExportError",
    "InvalidInputError",
    "MilerError",
    "NotEnoughDataError",
    "NotFoundError",
    "StorageError",
    "WorkLimitError",
]


class MilerError(Exception):
    """Root of every error miler raises on purpose."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as it is (fields and message), not re-made from ``args``: a worker process
        # (adapters/worker.py) hands its errors back to the server this way.
        return _rebuild, (type(self), self.args, dict(self.__dict__))


def _rebuild(cls: type[MilerError], args: tuple[Any, ...],
             fields: dict[str, Any]) -> MilerError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(fields)
    return error


class InvalidInputError(MilerError, ValueError):
    """Bad input. The message names the field, the rule and the value."""

    def __init__(self, field: str, rule: str, value: Any) -> None:
        self.field = field
        self.rule = rule
        self.value = value
        super().__init__(f"{field} {rule}, got {value!r}")


class ConflictingInputError(InvalidInputError):
    """Two inputs that cannot both hold."""


class NotFoundError(MilerError, LookupError):
    """Something asked for by name or id is not there."""

    @classmethod
    def athlete(cls, name: str) -> NotFoundError:
        """No athlete ``name`` in the database, as every store says it."""
        return cls(f"no athlete named {name!r}; add one with `miler athlete add`")


class ActivityFileError(MilerError):
    """A watch file (FIT, GPX, TCX) that cannot be read."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class CorruptFileError(ActivityFileError):
    """A watch file whose bytes are broken."""

    def __init__(self, path: str, reason: str, offset: int | None = None) -> None:
        self.offset = offset
        where = f" at byte {offset}" if offset is not None else ""
        super().__init__(path, f"{reason}{where}")


class WorkLimitError(MilerError):
    """Work done in a bounded worker process (``adapters.worker``) needed more memory or
    time than it may have: whatever input caused it is refused, the server carries on."""

    def __init__(self, what: str, reason: str) -> None:
        self.what = what
        self.reason = reason
        super().__init__(f"{what}: {reason}")


class StorageError(MilerError):
    """The database refused an operation or needs a migration."""


class ConflictError(StorageError):
    """A unique rule of the database refused a write because another transaction made the
    same row first (the same file imported twice at once, say). Nothing of the transaction
    was kept; running the use case again sees what the other one stored."""


class ExportError(MilerError):
    """A file miler was asked to write (a pace band, a calendar) could not be written."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class NotEnoughDataError(MilerError):
    """A history holds too little to estimate from (too little hard running, say); the
    message says what is missing."""
