"""The words of an import's report: what ``miler import`` prints and the web app's import
page shows, from one function, so the two always say the same."""

from __future__ import annotations

from miler.domain.units import METERS_PER_MILE, format_clock
from miler.services.training import ImportReport

__all__ = ["report_lines"]


def report_lines(report: ImportReport) -> list[str]:
    """What an import stored, which sessions it completed, and any re-plan."""
    lines = [f"Stored {len(report.stored)} activities for {report.athlete}, "
             f"{report.duplicates} already known, {len(report.skipped)} skipped."]
    lines += [f"  skipped {file}: {reason}" for file, reason in report.skipped]
    for run in report.stored:
        done = f"completes {run.session_id}" if run.session_id else "no planned run that day"
        mile = f", best mile {format_clock(run.best_mile_s, 1)}" if run.best_mile_s else ""
        what = f" {run.title}" + (" (manual)" if run.manual else "") if run.title else ""
        lines.append(f"  {run.day} {run.distance_m / METERS_PER_MILE:.2f} mi{mile}{what}: "
                     f"{done}")
    if report.replanned is not None:
        lines.append(f"Re-planned (plan v{report.replanned.version}): "
                     f"{report.replanned.reason}.")
    return lines
