"""The light arithmetic of progress as it is shown: a rep against its target, the block's
reps in one line, and the week each mile result falls in beside the weekly estimates.

Kept apart from ``domain.reps`` and ``services.progress`` (which use it) with no import
beyond ``domain.figures``: ``miler progress`` renders a kept progress with it in a process
that never loads the rest of the core (``cli/kept.py``, issue 22).
"""

from __future__ import annotations

from miler.domain.figures import METERS_PER_MILE

__all__ = ["pacing_error", "reps_line", "results_by_week", "verdict_of"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is a few ms of a fast start; mypy reads this branch
    from collections.abc import Iterable, Sequence
    from typing import Any, Final, TypeVar

    Day = TypeVar("Day", bound=Any)

#: Inside the target range give or take this many seconds per mile is on target (the
#: rounding of a watch's pace).
SLACK_S_PER_MILE: Final = 1.0


def pacing_error(pace_s_per_mile: float | None, fast_s_per_mile: float,
                 slow_s_per_mile: float) -> float | None:
    """Seconds per 400 m outside the target range (negative: too fast, positive: too slow;
    0 inside it, give or take ``SLACK_S_PER_MILE``); None for a rep not run."""
    pace = pace_s_per_mile
    if pace is None:
        return None
    if pace < fast_s_per_mile - SLACK_S_PER_MILE:
        gap = pace - fast_s_per_mile
    elif pace > slow_s_per_mile + SLACK_S_PER_MILE:
        gap = pace - slow_s_per_mile
    else:
        gap = 0.0
    return gap * 400.0 / METERS_PER_MILE


def verdict_of(error_s_per_400m: float | None) -> str:
    """"on target", "too fast", "too slow" or "not found" (no error: not run)."""
    if error_s_per_400m is None:
        return "not found"
    return "too fast" if error_s_per_400m < 0 else "too slow" if error_s_per_400m > 0 \
        else "on target"


def reps_line(planned: int, run: int, on_target: int, too_slow: int, too_fast: int,
              mean_error_s_per_400m: float | None) -> str:
    """The block's reps against their targets in one line, for the CLI and the web page."""
    out = (f"Reps against targets: {on_target} of {run} run on target, "
           f"{too_slow} too slow, {too_fast} too fast")
    if planned > run:
        out += f", {planned - run} not found"
    if mean_error_s_per_400m is not None:
        out += f"; off target by {mean_error_s_per_400m:+.1f} s per 400 m on average"
    return out


def results_by_week(weeks: Sequence[tuple[Day, bool]], results: Iterable[Any]
                    ) -> list[tuple[Day, int | None, tuple[Any, ...]]]:
    """The rows of the estimate week by week: each week (its day, whether it has an
    estimate) as ``(day, its index, the results run that week)``, where a result is a
    ``(day, ...)`` row run after the week before and on or before the week's day; weeks
    with neither an estimate nor a result are left out, and a result outside the weeks
    gets a row of its own (index None). By day; days compare as dates or ISO strings."""
    rows: list[tuple[Day, int | None, tuple[Any, ...]]] = []
    left = sorted(results)
    before = None
    for index, (day, known) in enumerate(weeks):
        ran = tuple(r for r in left if (before is None or before < r[0]) and r[0] <= day)
        left = [r for r in left if r not in ran]
        before = day
        if known or ran:
            rows.append((day, index, ran))
    rows += [(r[0], None, (r,)) for r in left]
    return sorted(rows, key=lambda row: row[0])
