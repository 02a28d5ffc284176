"""miler: an open, offline coach for the one-mile run.

The public Python API. The CLI and the web app use only what is exported here.
"""

from typing import TYPE_CHECKING, Any

from miler._version import __version__
from miler.domain.pace import PACE_UNITS, Pace, PaceTable, pace_table
from miler.domain.units import METERS_PER_MILE, TRACK_LAP_M, Distance, Duration
from miler.errors import (
    ActivityFileError,
    ConflictingInputError,
    CorruptFileError,
    ExportError,
    InvalidInputError,
    MilerError,
    NotFoundError,
    StorageError,
)

if TYPE_CHECKING:
    from miler.domain.race import RacePlan, Strategy, Venue, plan_race

# Imported on first use: defining their frozen dataclasses costs about 10 ms (measured on
# the 2-core bench machine) that `miler --version` and the other commands should not pay.
_LAZY = dict.fromkeys(("RacePlan", "Strategy", "Venue", "plan_race"), "miler.domain.race")


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'miler' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


__all__ = [
    "METERS_PER_MILE",
    "PACE_UNITS",
    "TRACK_LAP_M",
    "ActivityFileError",
    "ConflictingInputError",
    "CorruptFileError",
    "Distance",
    "Duration",
    "ExportError",
    "InvalidInputError",
    "MilerError",
    "NotFoundError",
    "Pace",
    "PaceTable",
    "RacePlan",
    "StorageError",
    "Strategy",
    "Venue",
    "__version__",
    "pace_table",
    "plan_race",
]
