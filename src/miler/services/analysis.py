"""``analyze``: one activity file read and measured."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from miler.domain.activity import Activity, Split, km_splits, splits
from miler.domain.efforts import BestEffort, MileTest, best_efforts, recognise_mile_test

__all__ = ["Analysis", "analyze_file"]


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
        activity = self.activity
        return activity.running_distance_m if activity.sessions_of_other_sports \
            else activity.total_distance_m


def analyze(activity: Activity) -> Analysis:
    efforts = best_efforts(activity)
    running = activity.sport == "running"
    return Analysis(activity, efforts, splits(activity) if running else (),
                    km_splits(activity) if running else (),
                    recognise_mile_test(activity, efforts))


def analyze_file(path: str | Path, strict: bool = False) -> Analysis:
    from miler.adapters.files import read_activity

    return analyze(read_activity(path, strict=strict))
