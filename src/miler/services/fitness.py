"""``miler fitness``: the runner's mile today from the hard running in their history, with
an 80 % interval (``domain.fitness``).

Two sources: watch files (read on every core, like ``miler import --dry-run``; nothing is
stored) or a saved athlete's runs (one read-only transaction). A stored run keeps its hard
stretches in its activity document (``fitness``), so no samples are re-read; a recorded
race, time trial or test mile counts fully.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from miler.domain.baseline import RECENT_WEEKS
from miler.domain.fitness import Estimate, estimate_mile
from miler.domain.fitness_runs import Candidate, RunEfforts
from miler.domain.sports import RUN_SPORTS
from miler.errors import InvalidInputError, NotEnoughDataError
from miler.services.ports import Repository, Storage, StoredActivity, StoredResult

__all__ = ["athlete_fitness", "fitness_in", "fitness_of_files", "stored_runs"]


def fitness_of_files(paths: Iterable[str | Path], today: date, weeks: int = RECENT_WEEKS,
                     progress: Callable[[int, int], None] | None = None) -> Estimate:
    """The estimate on ``today`` from the runs in ``paths`` (files, folders, zips)."""
    from miler.services.history import scan_history

    _check_weeks(weeks)
    summary = scan_history(paths, today, progress=progress)
    if summary.files == 0:
        raise InvalidInputError("PATH", "must hold at least one activity file (FIT, GPX, TCX, "
                                "or a zip of them)", " ".join(str(p) for p in paths))
    try:
        return summary.fitness(today, weeks)
    except NotEnoughDataError as exc:
        newest = max((r.day for r in summary.runs if r.day is not None), default=None)
        if newest is not None and newest <= today - timedelta(weeks=weeks):
            raise NotEnoughDataError(f"{exc} (the newest run is from {newest.isoformat()}; "
                                     f"--today {newest.isoformat()} shows the estimate then)"
                                     ) from None
        raise


def athlete_fitness(store: Storage, name: str | None, today: date,
                    weeks: int = RECENT_WEEKS) -> Estimate:
    """The estimate on ``today`` from ``name``'s (None: the only athlete's) stored runs."""
    from miler.services.coaching import the_athlete_in

    _check_weeks(weeks)
    with store.transaction() as repo:
        return fitness_in(repo, the_athlete_in(repo, name), today, weeks)


def fitness_in(repo: Repository, name: str, today: date,
               weeks: int = RECENT_WEEKS) -> Estimate:
    """:func:`athlete_fitness` inside the caller's transaction (re-planning uses it)."""
    since = today - timedelta(weeks=weeks)
    runs = stored_runs(repo.activities(name, since=since), repo.results(name))
    if not runs:
        raise NotEnoughDataError(f"{name} has no runs stored in the {weeks} weeks to "
                                 f"{today.isoformat()}")
    return estimate_mile(runs, today, weeks)


def stored_runs(activities: Iterable[StoredActivity],
                results: Iterable[StoredResult]) -> list[RunEfforts]:
    """Stored runs as the estimate reads them. A run on the day of a recorded race, time
    trial or test mile counts fully; a run stored before its document kept its hard
    stretches offers its best efforts (how they were run unknown)."""
    result_days = {r.day for r in results}
    return [_run(a, a.day in result_days or a.kind in {"race", "time_trial"})
            for a in activities if a.sport in RUN_SPORTS]


def _run(activity: StoredActivity, result: bool) -> RunEfforts:
    doc = activity.doc
    fitness: Any = doc.get("fitness")
    if isinstance(fitness, dict) and isinstance(fitness.get("efforts"), list):
        speed = fitness.get("moving_speed_m_s")
        candidates = tuple(Candidate.from_doc(c) for c in fitness["efforts"]
                           if isinstance(c, dict))
    else:
        moving = activity.moving_s or activity.elapsed_s
        speed = activity.distance_m / moving if moving else None
        best = doc.get("best_efforts") or {}
        candidates = tuple(Candidate(float(e.get("distance_m") or _LOGGED.get(k, 0.0)),
                                     float(e["elapsed_s"]),
                                     float(e.get("start_offset_s") or 0.0))
                           for k, e in best.items()
                           if isinstance(e, dict) and e.get("elapsed_s")
                           and (e.get("distance_m") or k in _LOGGED))
        if not candidates and activity.elapsed_s and activity.distance_m > 0:  # logged by hand
            candidates = (Candidate(activity.distance_m, activity.elapsed_s, 0.0),)
    return RunEfforts(activity.day, str(doc.get("source") or f"activity {activity.id}"),
                      float(speed) if isinstance(speed, int | float) and speed > 0 else None,
                      candidates, result)


# A logged mile (``miler log``) keeps only its time under "mile".
_LOGGED = {"mile": 1609.344}


def _check_weeks(weeks: int) -> None:
    from miler.domain.fitness import MAX_WEEKS

    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidInputError("--weeks", f"must be a whole number from 1 to {MAX_WEEKS}",
                                weeks)
