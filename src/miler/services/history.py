"""``import``: a runner's whole history of watch files, read on every core and summarised.

Gather: ``adapters.files.walk`` finds the files (folders, the .zip bulk exports) and reads
them on every core. Decide: each file is measured in a worker, which sends back only a
small summary, never the samples;
the history is then totted up by the pure core (weekly volume, best miles). Nothing is
stored yet: keeping the runs is the storage layer's job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final

from miler.domain.baseline import RECENT_WEEKS, Baseline, HistoryRun, baseline, recent_fastest
from miler.domain.fitness_runs import RunEfforts
from miler.domain.sports import RUN_SPORTS
from miler.errors import ActivityFileError

if TYPE_CHECKING:  # numpy (domain.activity) loads with the reading: a summary's reader,
    # the stored import's process among them, needs none
    from miler.adapters.files.strava_csv import StravaActivity
    from miler.domain.activity import WeekVolume
    from miler.domain.fitness import Estimate

__all__ = ["HistorySummary", "RunSummary", "scan_history"]

#: Two files of one run (a FIT and its TCX export) start this close together.
_SAME_RUN_S: Final = 120.0
#: Why a file without a start time is skipped, by the import and by its dry run alike: a
#: run is stored on its day, and a watch whose clock was never set (FIT's "system time",
#: seconds since it was switched on) or a GPX without times gives none. Measuring such a
#: file would be wasted: nothing of it is kept or counted.
NO_DAY: Final = "has no start time, so no day to put it on"


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What the history needs from one activity file (no samples)."""

    name: str
    sport: str
    start_time: datetime | None
    day: date | None  # the runner's own calendar day (UTC's when the file gives no offset)
    distance_m: float
    moving_s: float | None
    best_efforts_s: dict[str, float]
    mile_test_s: float | None
    warnings: tuple[str, ...] = ()
    efforts: RunEfforts | None = None  # the hard stretches, for the fitness estimate
    title: str = ""  # the activity's own name (Strava's activities.csv), if known
    manual: bool = False  # entered by hand: no file, only a catalogue row

    @property
    def is_run(self) -> bool:
        """A run, or a multisport race with a running leg (a run without distance counts:
        a watch with no GPS and no footpod still timed it)."""
        return self.sport == "running" or (self.sport == "multisport" and self.distance_m > 0)

    @property
    def best_mile_s(self) -> float | None:
        return self.best_efforts_s.get("mile")


@dataclass(frozen=True, slots=True)
class HistorySummary:
    """A scanned history: what was read, what was skipped and why, and what it shows."""

    today: date
    files: int
    runs: tuple[RunSummary, ...]
    others: int
    duplicates: int
    skipped: tuple[tuple[str, str], ...]
    ignored: int
    weeks: tuple[WeekVolume, ...] = field(default=())
    manual_others: int = 0  # activities entered by hand that are not runs

    @property
    def manual(self) -> int:
        """Activities entered by hand (runs and others): in the catalogue, with no file."""
        return sum(r.manual for r in self.runs) + self.manual_others

    @property
    def best_mile(self) -> RunSummary | None:
        timed = [r for r in self.runs if r.best_mile_s is not None]
        return min(timed, key=lambda r: r.best_mile_s or 0.0) if timed else None

    def best_mile_by_month(self) -> list[tuple[str, RunSummary]]:
        """The run holding the fastest mile of each month ('YYYY-MM'), oldest first."""
        best: dict[str, RunSummary] = {}
        for run in self.runs:
            if run.best_mile_s is None or run.day is None:
                continue
            month = run.day.strftime("%Y-%m")
            if month not in best or run.best_mile_s < (best[month].best_mile_s or 0.0):
                best[month] = run
        return sorted(best.items())

    def recent_best_mile_s(self, weeks: int = 12) -> float | None:
        """The fastest mile run in the last ``weeks`` weeks (a planner's current fitness)."""
        return recent_fastest(((r.day, r.best_mile_s) for r in self.runs), self.today, weeks)

    def recent_test_mile_s(self, weeks: int = 12) -> float | None:
        """The fastest recognised test mile or time trial of the last ``weeks`` weeks."""
        return recent_fastest(((r.day, r.mile_test_s) for r in self.runs), self.today, weeks)

    def baseline(self) -> Baseline:
        """Weekly miles and current mile for a plan, as the pure core chooses them."""
        return baseline([HistoryRun(r.day, r.best_mile_s, r.mile_test_s) for r in self.runs],
                        [w.miles for w in self.weeks], self.today)

    def fitness(self, today: date | None = None, weeks: int = RECENT_WEEKS) -> Estimate:
        """The mile on ``today`` (default: the summary's) estimated from the hard running of
        the ``weeks`` before it (``domain.fitness``); NotEnoughDataError says why not."""
        from miler.domain.fitness import estimate_mile
        from miler.errors import NotEnoughDataError

        if not self.runs:
            raise NotEnoughDataError(
                f"none of the {self.files} activity files is a run" if self.files
                else "no activity files (FIT, GPX, TCX) found")
        return estimate_mile([r.efforts for r in self.runs if r.efforts is not None],
                             today or self.today, weeks)

    def weekly_miles_average(self, weeks: int = 4) -> float:
        """Mean running miles a week over the last ``weeks`` weeks of ``self.weeks``."""
        last = self.weeks[-weeks:]
        return sum(w.miles for w in last) / len(last) if last else 0.0


def scan_history(paths: Iterable[str | Path], today: date | None = None, *,
                 workers: int | None = None,
                 progress: Callable[[int, int], None] | None = None) -> HistorySummary:
    """Read every activity under ``paths`` and summarise it.

    ``today`` ends the 12 weeks of weekly volume; by default the day of the newest run, so
    an old history still shows its last 12 weeks (a planner passes the real today, so that
    "recent" means recent). ``progress(done, total)`` is called as
    files finish.
    """
    from miler.adapters.files.walk import catalogue, read_all, walk
    from miler.domain.activity import weekly_volume
    from miler.services.readers import WORKER_IMPORTS

    with walk(paths) as gathered:
        results = list(read_all(gathered.items, _summarise, workers=workers,
                                progress=progress, preload=WORKER_IMPORTS[__name__]))
        rows = catalogue(gathered)
    items, skipped, ignored = gathered.items, gathered.skipped + rows.skipped, gathered.ignored
    found = [with_catalogue(r, rows.row_of(r.name)) for r in results
             if isinstance(r, RunSummary)]
    found += [manual_summary(row) for row in rows.manual]
    skipped += [r for r in results if isinstance(r, tuple)]
    runs, duplicates = _unique(sorted((r for r in found if r.is_run), key=_when))
    if today is None:
        dated = [r.day for r in runs if r.day is not None]
        today = max(dated) if dated else date(1970, 1, 1)
    volume = weekly_volume(((r.day, r.distance_m) for r in runs if r.day is not None), today,
                           weeks=12)
    manual_others = sum(r.manual and not r.is_run for r in found)
    return HistorySummary(today, len(items), tuple(runs),
                          len(found) - len(runs) - duplicates, duplicates,
                          tuple(sorted(skipped)), ignored, volume, manual_others)


def with_catalogue(run: RunSummary, row: StravaActivity | None) -> RunSummary:
    """A file's summary with its catalogue row's name and type: the runner's word for what it
    was beats a guess from the file (a GPX naming no sport is guessed from its pace)."""
    if row is None:
        return run
    from dataclasses import replace

    from miler.adapters.files.xml import GUESSED_SPORT

    warnings = tuple(w for w in run.warnings if not w.startswith(GUESSED_SPORT))
    if row.sport not in RUN_SPORTS:  # a hike's fast mile is no running mile
        return replace(run, sport=row.sport, title=row.name, warnings=warnings,
                       best_efforts_s={}, mile_test_s=None, efforts=None)
    return replace(run, sport=row.sport, title=row.name, warnings=warnings)


def manual_summary(row: StravaActivity) -> RunSummary:
    """An activity entered by hand: what its catalogue row says, on its UTC day."""
    return RunSummary(f"activities.csv: {row.activity_id or row.name}", row.sport,
                      row.start_time, row.start_time.date(), row.distance_m,
                      row.moving_s or row.elapsed_s, {}, None, title=row.name, manual=True)


def _when(run: RunSummary) -> datetime:
    return run.start_time or datetime.min.replace(tzinfo=UTC)  # undated runs first


def _unique(runs: list[RunSummary]) -> tuple[list[RunSummary], int]:
    """Drop a second file of the same run (same start within two minutes, same distance)."""
    kept: list[RunSummary] = []
    for run in runs:
        prev = kept[-1] if kept else None
        if (prev is not None and prev.start_time and run.start_time
                and abs((run.start_time - prev.start_time).total_seconds()) < _SAME_RUN_S
                and abs(run.distance_m - prev.distance_m) <= 0.05 * max(prev.distance_m, 1.0)):
            continue
        kept.append(run)
    return kept, len(runs) - len(kept)


def _summarise(name: str, data: bytes) -> RunSummary | tuple[str, str]:
    """One file to a summary, or (name, reason) when it cannot be read. Runs in a worker."""
    from miler.adapters.files import read_activity_bytes
    from miler.domain.efforts import EffortSearch, recognise_mile_test
    from miler.domain.fitness_efforts import run_efforts

    try:
        activity = read_activity_bytes(data, name)
    except ActivityFileError as exc:
        return name, exc.reason
    if activity.start_time is None:  # as the import skips it (``training._read``)
        return name, NO_DAY
    search = EffortSearch.of(activity)  # searched once for both sets of distances
    efforts = search.best() if search is not None else {}  # no splits: no use for them here
    test = recognise_mile_test(activity, efforts)
    day = activity.local_date
    hard = run_efforts(activity, day, result=test is not None,
                       search=search) if day is not None else None
    return RunSummary(name, activity.sport, activity.start_time, day,
                      activity.headline_distance_m, activity.moving_s,
                      {k: e.elapsed_s for k, e in efforts.items()},
                      test.time_s if test else None, activity.warnings, hard)
