"""``analyze``: one activity file read and measured."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from miler.domain.activity import Activity, Split, km_splits, splits
from miler.domain.efforts import BestEffort, MileTest, best_efforts, recognise_mile_test

__all__ = ["Analysis", "activity_doc", "analyze", "analyze_file"]


@dataclass(frozen=True, slots=True)
class Analysis:
    """What one activity shows: the activity, its best efforts, splits and any test mile."""

    activity: Activity
    best_efforts: dict[str, BestEffort]
    mile_splits: tuple[Split, ...]
    km_splits: tuple[Split, ...]
    mile_test: MileTest | None

    @property
    def distance_m(self) -> float:
        """The schema's distance: the running part of a multisport file, else all of it."""
        return self.activity.headline_distance_m


def analyze(activity: Activity) -> Analysis:
    efforts = best_efforts(activity)
    running = activity.sport == "running"
    return Analysis(activity, efforts, splits(activity) if running else (),
                    km_splits(activity) if running else (),
                    recognise_mile_test(activity, efforts))


def analyze_file(path: str | Path, strict: bool = False) -> Analysis:
    from miler.adapters.files import read_activity

    return analyze(read_activity(path, strict=strict))


def _iso(analysis: Analysis) -> str | None:
    start = analysis.activity.start_time
    return start.strftime("%Y-%m-%dT%H:%M:%SZ") if start else None


def activity_doc(analysis: Analysis) -> dict[str, Any]:
    """The document of activity.schema.json (miler.activity/1), plus a few extra fields."""
    a = analysis.activity
    return {
        "schema": "miler.activity/1",
        "source": a.source,
        "sport": a.sport,
        "sub_sport": a.sub_sport,
        "device": a.device,
        "start_time": _iso(analysis),
        "utc_offset_s": a.utc_offset_s,
        "distance_m": round(analysis.distance_m, 3),
        "elapsed_s": a.elapsed_s,
        "moving_s": a.moving_s,
        "samples": a.samples,
        "laps": [{"distance_m": lap.distance_m, "elapsed_s": lap.elapsed_s,
                  "start_offset_s": lap.start_offset_s, "timer_s": lap.timer_s}
                 for lap in a.laps],
        "best_efforts": {name: {"distance_m": e.distance_m, "elapsed_s": e.elapsed_s,
                                "start_offset_s": e.start_offset_s,
                                "avg_heart_rate": e.avg_heart_rate}
                         for name, e in analysis.best_efforts.items()},
        "splits_mile": [_split_doc(s) for s in analysis.mile_splits],
        "splits_km": [_split_doc(s) for s in analysis.km_splits],
        "mile_test": None if analysis.mile_test is None else {
            "elapsed_s": analysis.mile_test.time_s,
            "start_offset_s": analysis.mile_test.start_offset_s,
            "reason": analysis.mile_test.reason},
        "warnings": list(a.warnings),
        "fitness": _fitness_doc(analysis),
    }


def _fitness_doc(analysis: Analysis) -> dict[str, Any]:
    """The hard stretches of the run, kept so a stored run can feed the fitness estimate
    (``domain.fitness``) without its samples. An extra field of miler.activity/1."""
    from datetime import date

    from miler.domain.fitness_efforts import run_efforts

    found = run_efforts(analysis.activity, analysis.activity.local_date or date(1980, 1, 6))
    return {"moving_speed_m_s": found.moving_speed_m_s,
            "efforts": [c.to_doc() for c in found.candidates]}


def _split_doc(split: Split) -> dict[str, float]:
    return {"number": split.number, "distance_m": split.distance_m,
            "elapsed_s": split.elapsed_s}
