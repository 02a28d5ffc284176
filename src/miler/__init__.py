"""miler: an open, offline coach for the one-mile run.

The public Python API. The CLI and the web app use only what is exported here.
"""

from miler._version import __version__
from miler.domain.pace import PACE_UNITS, Pace, PaceTable, pace_table
from miler.domain.units import METERS_PER_MILE, TRACK_LAP_M, Distance, Duration
from miler.errors import (
    ActivityFileError,
    ConflictingInputError,
    CorruptFileError,
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
    "InvalidInputError",
    "MilerError",
    "NotFoundError",
    "Pace",
    "PaceTable",
    "StorageError",
    "__version__",
    "pace_table",
]
