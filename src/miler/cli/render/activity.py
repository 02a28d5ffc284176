"""``miler analyze`` output: the miler.activity/1 document and the readable summary."""

from __future__ import annotations

from miler.cli.render import console
from miler.domain.efforts import STANDARD_DISTANCES
from miler.domain.units import METERS_PER_MILE, format_clock
from miler.services.analysis import Analysis

_MAX_LAPS_SHOWN = 30  # more is an auto-lap every few hundred metres: the JSON has them all
_EFFORT_NAMES = {"400m": "400 m", "800m": "800 m", "1km": "1 km", "mile": "mile",
                 "2mile": "2 miles", "5km": "5 km"}


def _laps_view(analysis: Analysis) -> None:
    from rich import box
    from rich.table import Table

    grid = Table(box=box.SIMPLE_HEAD, title="Laps", title_justify="left")
    for column in ("lap", "distance", "time", "pace"):
        grid.add_column(column, justify="right")
    for number, lap in enumerate(analysis.activity.laps, 1):
        pace = _pace(lap.elapsed_s, lap.distance_m) if lap.distance_m > 0 else "-"
        grid.add_row(str(number), f"{lap.distance_m:.0f} m", format_clock(lap.elapsed_s, 1), pace)
    console().print(grid)


def _track_view(analysis: Analysis) -> None:
    from rich import box
    from rich.table import Table

    track = analysis.track
    if track is None:
        return
    out = console()
    out.print(f"On a 400 m track, lane {track.lane}: {track.track_distance_m:.0f} m corrected "
              f"against {track.gps_distance_m:.0f} m recorded "
              f"({track.track_distance_m - track.gps_distance_m:+.0f} m)")
    if len(track.laps) > _MAX_LAPS_SHOWN:
        return
    grid = Table(box=box.SIMPLE_HEAD, title="Track laps (as run)", title_justify="left")
    for column in ("lap", "from", "distance", "time", "pace"):
        grid.add_column(column, justify="right")
    for lap in track.laps:
        grid.add_row(str(lap.index), format_clock(lap.start_s), f"{lap.distance_m:.0f} m",
                     format_clock(lap.split_s, 1), _pace(lap.split_s, lap.distance_m))
    out.print(grid)


def _reps_view(analysis: Analysis) -> None:
    from rich import box
    from rich.table import Table

    from miler.domain.reps import OFF_TARGET_NOTE, off_target

    if analysis.session is None or not analysis.rep_scores:
        return
    grid = Table(box=box.SIMPLE_HEAD, title=f"Reps: {analysis.session.title}",
                 title_justify="left")
    for column in ("rep", "metres", "target", "time", "off/400m", "jog", "planned",
                   "verdict"):
        grid.add_column(column, justify="left" if column == "verdict" else "right")
    for score in analysis.rep_scores:
        fast, slow = score.target_s
        found = score.found
        error = score.error_s_per_400m
        grid.add_row(
            str(score.number), _set(score.planned.distance_m, score.planned.duration_s),
            format_clock(fast, 1) if fast == slow
            else f"{format_clock(fast, 1)}-{format_clock(slow, 1)}",
            format_clock(found.elapsed_s, 1) if found else "-",
            "-" if error is None else f"{error:+.1f}",
            _clock(found.recovery_s if found else None), _clock(score.planned.recovery_s),
            score.verdict)
    out = console()
    out.print(grid)
    if off_target(analysis.rep_scores):
        out.print(f"Session: {OFF_TARGET_NOTE} (every rep run was slower than its target)")


def _set(metres: float, seconds: float | None) -> str:
    """A rep's length as set: metres, or seconds for a rep set by time."""
    return f"{metres:.0f}" if seconds is None else f"{seconds:.0f} s"


def _clock(seconds: float | None) -> str:
    return "-" if seconds is None else format_clock(seconds)


def _pace(seconds: float, metres: float) -> str:
    return format_clock(seconds / metres * METERS_PER_MILE, 0) + "/mi"


def activity_view(analysis: Analysis) -> None:
    from rich import box
    from rich.table import Table

    a, out = analysis.activity, console()
    kind = a.sport + (f" ({a.sub_sport})" if a.sub_sport and a.sub_sport != "generic" else "")
    when = a.start_time.strftime("%Y-%m-%d %H:%M UTC") if a.start_time else "no date"
    out.print(f"{a.source}: {kind}, {when}" + (f", {a.device}" if a.device else ""))
    line = f"{analysis.distance_m / 1000:.2f} km ({analysis.distance_m / METERS_PER_MILE:.2f} mi)"
    if a.elapsed_s is not None:
        line += f" in {format_clock(a.elapsed_s)}"
    if a.moving_s is not None:
        line += f", moving {format_clock(a.moving_s)}"
    out.print(line + f"; {a.samples} samples, {len(a.laps)} laps")
    if analysis.best_efforts:
        grid = Table(box=box.SIMPLE_HEAD, title="Best efforts", title_justify="left")
        for column in ("distance", "time", "pace", "from", "avg HR"):
            grid.add_column(column, justify="left" if column == "distance" else "right")
        for name in STANDARD_DISTANCES:
            if name in analysis.best_efforts:
                e = analysis.best_efforts[name]
                hr = f"{e.avg_heart_rate:.0f}" if e.avg_heart_rate is not None else "-"
                grid.add_row(_EFFORT_NAMES[name], format_clock(e.elapsed_s, 1),
                             _pace(e.elapsed_s, e.distance_m), format_clock(e.start_offset_s),
                             hr)
        out.print(grid)
    if 1 < len(a.laps) <= _MAX_LAPS_SHOWN:
        _laps_view(analysis)
    _track_view(analysis)
    _reps_view(analysis)
    if analysis.mile_splits:
        out.print("Mile splits: " + "  ".join(
            format_clock(s.elapsed_s) + ("" if s.distance_m >= METERS_PER_MILE - 1
                                         else f" ({s.distance_m:.0f} m)")
            for s in analysis.mile_splits))
    if analysis.mile_test:
        test = analysis.mile_test
        out.print(f"Test mile: {format_clock(test.time_s, 1)} ({test.reason})")
    for warning in a.warnings:
        out.print(f"warning: {warning}")
