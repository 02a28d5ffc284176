"""miler: an open, offline coach for the one-mile run.

The public Python API. The CLI and the web app use only what is exported here.
"""

from miler._version import __version__
from miler.domain.pace import PACE_UNITS, Pace, PaceTable, pace_table
from miler.domain.race import RacePlan, Strategy, Venue, plan_race
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
