"""miler: an open, offline coach for the one-mile run.

The public Python API. The CLI and the web app use only what is exported here. Names from
the larger modules load on first use (``_LAZY``), so ``import miler`` and ``miler --version``
stay fast.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from miler._version import __version__
from miler.domain.pace import PACE_UNITS, Pace, PaceTable, pace_table
from miler.domain.units import METERS_PER_MILE, TRACK_LAP_M, Distance, Duration, Venue
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
    "AgeGrade",
    "AgeTable",
    "Assessment",
    "Athlete",
    "ConflictingInputError",
    "CorruptFileError",
    "Distance",
    "Duration",
    "InvalidInputError",
    "MilerError",
    "NotFoundError",
    "Pace",
    "PaceRange",
    "PaceTable",
    "Phase",
    "Plan",
    "Prediction",
    "Result",
    "Session",
    "Sex",
    "StorageError",
    "TrainingPaces",
    "Venue",
    "Verdict",
    "Week",
    "Weekday",
    "__version__",
    "age_grade",
    "age_table",
    "assess",
    "cameron_time",
    "daniels_score",
    "daniels_time",
    "fit_riegel_exponent",
    "generate_plan",
    "pace_table",
    "predict",
    "riegel_time",
    "training_paces",
]

_LAZY: dict[str, str] = {
    "AgeGrade": "miler.domain.age_grading",
    "AgeTable": "miler.domain.age_grading",
    "Sex": "miler.domain.age_grading",
    "age_grade": "miler.domain.age_grading",
    "age_table": "miler.data",
    "cameron_time": "miler.domain.equivalence",
    "daniels_score": "miler.domain.equivalence",
    "daniels_time": "miler.domain.equivalence",
    "fit_riegel_exponent": "miler.domain.equivalence",
    "riegel_time": "miler.domain.equivalence",
    "Prediction": "miler.domain.prediction",
    "Result": "miler.domain.prediction",
    "predict": "miler.domain.prediction",
    "PaceRange": "miler.domain.zones",
    "TrainingPaces": "miler.domain.zones",
    "training_paces": "miler.domain.zones",
    # The plan (issue 4).
    "Assessment": "miler.domain.assessment",
    "Verdict": "miler.domain.assessment",
    "assess": "miler.domain.assessment",
    "Athlete": "miler.domain.athlete",
    "Weekday": "miler.domain.athlete",
    "generate_plan": "miler.domain.planner",
    "Phase": "miler.domain.workouts",
    "Plan": "miler.domain.workouts",
    "Session": "miler.domain.workouts",
    "Week": "miler.domain.workouts",
}

if TYPE_CHECKING:
    from miler.data import age_table
    from miler.domain.age_grading import AgeGrade, AgeTable, Sex, age_grade
    from miler.domain.assessment import Assessment, Verdict, assess
    from miler.domain.athlete import Athlete, Weekday
    from miler.domain.equivalence import (
        cameron_time,
        daniels_score,
        daniels_time,
        fit_riegel_exponent,
        riegel_time,
    )
    from miler.domain.planner import generate_plan
    from miler.domain.prediction import Prediction, Result, predict
    from miler.domain.workouts import Phase, Plan, Session, Week
    from miler.domain.zones import PaceRange, TrainingPaces, training_paces


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'miler' has no attribute {name!r}")
