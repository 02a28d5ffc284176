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

# Activities: imported on first use, because they load numpy and `import miler` must not.
_LAZY = {
    "Activity": "miler.domain.activity",
    "Analysis": "miler.services.analysis",
    "BestEffort": "miler.domain.efforts",
    "HistorySummary": "miler.services.history",
    "Lap": "miler.domain.activity",
    "analyze_file": "miler.services.analysis",
    "best_efforts": "miler.domain.efforts",
    "read_activity": "miler.adapters.files",
    "recognise_mile_test": "miler.domain.efforts",
    "scan_history": "miler.services.history",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'miler' has no attribute {name!r}")


__all__ = [
    "METERS_PER_MILE",
    "PACE_UNITS",
    "TRACK_LAP_M",
    "Activity",
    "ActivityFileError",
    "Analysis",
    "BestEffort",
    "ConflictingInputError",
    "CorruptFileError",
    "Distance",
    "Duration",
    "HistorySummary",
    "InvalidInputError",
    "Lap",
    "MilerError",
    "NotFoundError",
    "Pace",
    "PaceTable",
    "StorageError",
    "__version__",
    "analyze_file",
    "best_efforts",
    "pace_table",
    "read_activity",
    "recognise_mile_test",
    "scan_history",
]
