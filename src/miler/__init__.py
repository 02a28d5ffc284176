"""miler: an open, offline coach for the one-mile run.

The public Python API, for scripts and notebooks that use miler as a library: the pure
core's values and functions (units, paces, equivalence, age grading, assessment, the planner,
race day, activities and best efforts), reading an activity file, and the two read-only use
cases that need no database (``analyze_file``, ``scan_history``). Everything in ``__all__``
is stable; ``tests/test_architecture.py`` holds the list. The CLI and the web app are shells
over ``miler.services`` (docs/architecture.md), not over this module.

Every name but ``__version__`` loads on first use (``_LAZY``), so ``import miler`` loads
nothing of the core and every command's start stays fast (issue 22).
"""

from __future__ import annotations

from miler._version import __version__

TYPE_CHECKING = False  # typing is a few ms of every start: mypy reads the branch below

__all__ = [
    "METERS_PER_MILE",
    "PACE_UNITS",
    "TRACK_LAP_M",
    "Activity",
    "ActivityFileError",
    "AgeGrade",
    "AgeTable",
    "Analysis",
    "Assessment",
    "Athlete",
    "BestEffort",
    "ConflictingInputError",
    "CorruptFileError",
    "Distance",
    "Duration",
    "ExportError",
    "HistorySummary",
    "InvalidInputError",
    "Lap",
    "MilerError",
    "NotFoundError",
    "Pace",
    "PaceRange",
    "PaceTable",
    "Phase",
    "Plan",
    "Prediction",
    "RacePlan",
    "Result",
    "Session",
    "Sex",
    "StorageError",
    "Strategy",
    "TrainingPaces",
    "Venue",
    "Verdict",
    "Week",
    "Weekday",
    "__version__",
    "age_grade",
    "age_table",
    "analyze_file",
    "assess",
    "best_efforts",
    "cameron_time",
    "daniels_score",
    "daniels_time",
    "fit_riegel_exponent",
    "generate_plan",
    "pace_table",
    "plan_race",
    "predict",
    "read_activity",
    "recognise_mile_test",
    "riegel_time",
    "scan_history",
    "training_paces",
]

_LAZY: dict[str, str] = {
    "ActivityFileError": "miler.errors",
    "ConflictingInputError": "miler.errors",
    "CorruptFileError": "miler.errors",
    "ExportError": "miler.errors",
    "InvalidInputError": "miler.errors",
    "MilerError": "miler.errors",
    "NotFoundError": "miler.errors",
    "StorageError": "miler.errors",
    "METERS_PER_MILE": "miler.domain.units",
    "TRACK_LAP_M": "miler.domain.units",
    "Distance": "miler.domain.units",
    "Duration": "miler.domain.units",
    "Venue": "miler.domain.units",
    "PACE_UNITS": "miler.domain.pace",
    "Pace": "miler.domain.pace",
    "PaceTable": "miler.domain.pace",
    "pace_table": "miler.domain.pace",
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
    "RacePlan": "miler.domain.race",
    "Strategy": "miler.domain.race",
    "plan_race": "miler.domain.race",
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

if TYPE_CHECKING:
    from typing import Any

    from miler.adapters.files import read_activity
    from miler.data import age_table
    from miler.domain.activity import Activity, Lap
    from miler.domain.age_grading import AgeGrade, AgeTable, Sex, age_grade
    from miler.domain.assessment import Assessment, Verdict, assess
    from miler.domain.athlete import Athlete, Weekday
    from miler.domain.efforts import BestEffort, best_efforts, recognise_mile_test
    from miler.domain.equivalence import (
        cameron_time,
        daniels_score,
        daniels_time,
        fit_riegel_exponent,
        riegel_time,
    )
    from miler.domain.pace import PACE_UNITS, Pace, PaceTable, pace_table
    from miler.domain.planner import generate_plan
    from miler.domain.prediction import Prediction, Result, predict
    from miler.domain.race import RacePlan, Strategy, plan_race
    from miler.domain.units import METERS_PER_MILE, TRACK_LAP_M, Distance, Duration, Venue
    from miler.domain.workouts import Phase, Plan, Session, Week
    from miler.domain.zones import PaceRange, TrainingPaces, training_paces
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
    from miler.services.analysis import Analysis, analyze_file
    from miler.services.history import HistorySummary, scan_history


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'miler' has no attribute {name!r}")
