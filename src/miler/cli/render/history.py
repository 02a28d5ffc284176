"""``miler import`` output: a progress bar while reading, then the history's report."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from miler.cli.render import console
from miler.domain.units import format_clock
from miler.services.history import HistorySummary


@contextmanager
def progress_bar() -> Iterator[Callable[[int, int], None]]:
    """A Rich progress bar on stderr (shown only on a terminal); yields advance(done, total).
    It is redrawn as files finish, not by a thread of its own: a process with one thread
    starts its import workers by fork, in milliseconds (``adapters.files.walk``). Off a
    terminal (a script, a cron job) it does nothing, and Rich's progress module (about
    40 ms to import) is not loaded."""
    out = console(stderr=True)
    if not out.is_terminal:
        yield _quiet
        return
    from rich.progress import Progress

    with Progress(console=out, transient=True, auto_refresh=False) as bar:
        task = bar.add_task("reading", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, refresh=True)

        yield advance


def _quiet(done: int, total: int) -> None:
    """No progress shown."""


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def history_view(summary: HistorySummary, why_not_stored: str) -> None:
    """What a history holds, read but not stored; ``why_not_stored`` ends the report."""
    out = console()
    manual = (f" and {_count(summary.manual, 'manual activity', 'manual activities')}"
              if summary.manual else "")
    out.print(f"Read {_count(summary.files, 'activity file', 'activity files')}{manual}: "
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
        out.print(f"Best mile ever: {format_clock(best.best_mile_s, 1)} ({day}, "
                  f"{best.title or best.name})")
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
    """What an import stored for ``name``, which sessions it completed, and any re-plan
    (the words are ``services.import_text``'s: the web app shows the same)."""
    from dataclasses import replace

    from miler.services.import_text import report_lines

    lines = report_lines(replace(report, athlete=name, replanned=new_plan))
    if lines:  # one call: a call a line was 0.7 s of CPU for 2000 files, against 0.37 s
        console().print("\n".join(lines), markup=False)


def summary_doc(summary: HistorySummary, why_not_stored: str) -> dict[str, Any]:
    """``miler import --json`` when nothing was stored: what the history holds."""
    best = summary.best_mile
    return {
        "schema": "miler.import/1", "stored": False, "athlete": None,
        "why_not_stored": why_not_stored, "files": summary.files, "runs": len(summary.runs),
        "others": summary.others, "duplicates": summary.duplicates,
        "ignored": summary.ignored, "skipped": _skipped(summary.skipped),
        "manual": summary.manual,
        "best_mile": None if best is None or best.best_mile_s is None else {
            "time_s": best.best_mile_s, "date": _day(best.day), "file": best.name},
        "best_mile_by_month": [{"month": month, "time_s": run.best_mile_s}
                               for month, run in summary.best_mile_by_month()],
        "weeks_to": summary.today.isoformat(),
        "weeks": [{"week_start": w.week_start.isoformat(), "distance_m": w.distance_m,
                   "runs": w.runs} for w in summary.weeks],
    }


def stored_doc(name: str, report: Any, new_plan: Any) -> dict[str, Any]:
    """``miler import --json`` after storing: each run kept, and any re-plan."""
    return {
        "schema": "miler.import/1", "stored": True, "athlete": name,
        "activities": [_run_doc(run) for run in report.stored],
        "duplicates": report.duplicates, "skipped": _skipped(report.skipped),
        "replanned": None if new_plan is None else {"version": new_plan.version,
                                                    "reason": new_plan.reason},
    }


def _run_doc(run: Any) -> dict[str, Any]:
    return {"activity_id": run.activity_id, "file": run.name, "date": _day(run.day),
            "sport": run.sport, "distance_m": run.distance_m, "best_mile_s": run.best_mile_s,
            "session_id": run.session_id, "result": run.result, "name": run.title or None,
            "manual": run.manual}


def _skipped(rows: Any) -> list[dict[str, str]]:
    return [{"file": file, "reason": reason} for file, reason in rows]


def _day(day: Any) -> str | None:
    return None if day is None else day.isoformat()
