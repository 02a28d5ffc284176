"""``miler import`` output: a progress bar while reading, then the history's report."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from miler.cli.render import console
from miler.domain.units import METERS_PER_MILE, format_clock
from miler.services.history import HistorySummary


@contextmanager
def progress_bar() -> Iterator[Callable[[int, int], None]]:
    """A Rich progress bar on stderr (shown only on a terminal); yields advance(done, total)."""
    from rich.progress import Progress

    out = console(stderr=True)
    with Progress(console=out, transient=True, disable=not out.is_terminal) as bar:
        task = bar.add_task("reading", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def history_view(summary: HistorySummary, why_not_stored: str) -> None:
    """What a history holds, read but not stored; ``why_not_stored`` ends the report."""
    out = console()
    out.print(f"Read {_count(summary.files, 'activity file', 'activity files')}: "
              f"{_count(len(summary.runs), 'run', 'runs')}, "
              f"{_count(summary.others, 'other activity', 'other activities')}, "
              f"{_count(summary.duplicates, 'duplicate', 'duplicates')}, "
              f"{len(summary.skipped)} skipped"
              + (f", {_count(summary.ignored, 'other file', 'other files')} ignored"
                 if summary.ignored else ""))
    for name, reason in summary.skipped:
        out.print(f"  skipped {name}: {reason}")
    best = summary.best_mile
    if best is not None and best.best_mile_s is not None:
        day = best.day.isoformat() if best.day else "undated"
        out.print(f"Best mile ever: {format_clock(best.best_mile_s, 1)} ({day}, {best.name})")
    months = summary.best_mile_by_month()
    if months:
        out.print("Best mile by month:")
        for month, run in months:
            out.print(f"  {month}  {format_clock(run.best_mile_s or 0.0, 1)}")
    out.print(f"Weekly running distance, 12 weeks to {summary.today.isoformat()}:")
    for week in summary.weeks:
        out.print(f"  {week.week_start.isoformat()}  {week.miles:5.1f} mi  "
                  f"({week.distance_m / 1000:.1f} km, {_count(week.runs, 'run', 'runs')})")
    out.print(f"Nothing was stored: {why_not_stored}.")


def stored_view(name: str, report: Any, new_plan: Any) -> None:
    """What an import stored for ``name``, which sessions it completed, and any re-plan."""
    out = console()
    out.print(f"Stored {len(report.stored)} activities for {name}, {report.duplicates} already "
              f"known, {len(report.skipped)} skipped.")
    for file, reason in report.skipped:
        out.print(f"  skipped {file}: {reason}")
    for run in report.stored:
        done = f"completes {run.session_id}" if run.session_id else "no planned run that day"
        mile = f", best mile {format_clock(run.best_mile_s, 1)}" if run.best_mile_s else ""
        out.print(f"  {run.day} {run.distance_m / METERS_PER_MILE:.2f} mi{mile}: {done}")
    if new_plan is not None:
        out.print(f"Re-planned (plan v{new_plan.version}): {new_plan.reason}.")

