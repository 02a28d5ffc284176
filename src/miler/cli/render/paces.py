"""``miler paces`` output, text and ``--json``.

Light on purpose (issue 22): the plain-text table of ``cli/render/table.py``, no Rich, so
``cli/quick.py`` can print it in a process that loads neither Typer nor Rich, the same to
the byte as the Typer command prints it.
"""

from __future__ import annotations

from miler.cli.render.table import LEFT, RIGHT, table
from miler.domain.pace import PACE_UNITS
from miler.domain.units import METERS_PER_MILE, TRACK_LAP_M, format_clock

__all__ = ["pace_table_doc", "pace_table_text"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is a few ms of a fast start; mypy reads this branch
    from typing import Any

    from miler.domain.pace import PaceTable

_UNIT_NAMES = {"mi": "mile", "km": "km", "400m": "400 m lap", "200m": "200 m", "100m": "100 m"}


def pace_table_doc(table: PaceTable) -> dict[str, Any]:
    return {
        "schema": "miler.paces/1",
        "goal_s": table.goal.s_per_mile,
        "pace": {f"s_per_{unit}": table.seconds_per(unit) for unit in PACE_UNITS},
        "time_1600m_s": table.time_1600m_s,
        "naive_lap_s": table.naive_lap_s,
        "naive_mile_s": table.naive_mile_s,
    }


def pace_table_text(pace: PaceTable) -> str:
    """The goal's pace per mile, km, 400 m lap, 200 m and 100 m, then the lap trap: the
    lines ``miler paces`` prints."""
    goal = format_clock(pace.goal.s_per_mile, 2)
    lines = table(f"Goal mile {goal}", (("per", LEFT), ("time", RIGHT)),
                  ((_UNIT_NAMES[unit], format_clock(pace.seconds_per(unit), 2))
                   for unit in PACE_UNITS))
    extra = METERS_PER_MILE - 4 * TRACK_LAP_M
    lap = format_clock(pace.naive_lap_s, 0)
    lines += [
        "",
        f"1600 m at this pace: {format_clock(pace.time_1600m_s, 2)}",
        f"A mile is 4 laps + {extra:.3f} m. Four laps at {lap} (the mile time / 4, rounded) "
        f"plus the last {extra:.3f} m take {format_clock(pace.naive_mile_s, 2)}: "
        f"{pace.naive_shortfall_s:+.2f} s against the goal. "
        f"Run {format_clock(pace.seconds_per('400m'), 2)} per lap instead.",
        "Times rounded half up to hundredths.",
    ]
    return "\n".join(lines) + "\n"
