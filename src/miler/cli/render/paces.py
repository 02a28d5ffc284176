"""``miler paces`` output."""

from __future__ import annotations

from typing import Any

from miler.cli.render import console
from miler.domain.pace import PACE_UNITS, PaceTable
from miler.domain.units import METERS_PER_MILE, TRACK_LAP_M, format_clock

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


def pace_table_view(table: PaceTable) -> None:
    from rich import box
    from rich.table import Table

    goal = format_clock(table.goal.s_per_mile, 2)
    grid = Table(box=box.SIMPLE_HEAD, title=f"Goal mile {goal}", title_justify="left")
    grid.add_column("per")
    grid.add_column("time", justify="right")
    for unit in PACE_UNITS:
        grid.add_row(_UNIT_NAMES[unit], format_clock(table.seconds_per(unit), 2))
    out = console()
    out.print(grid)
    extra = METERS_PER_MILE - 4 * TRACK_LAP_M
    lap = format_clock(table.naive_lap_s, 0)
    out.print(f"1600 m at this pace: {format_clock(table.time_1600m_s, 2)}")
    out.print(
        f"A mile is 4 laps + {extra:.3f} m. Four laps at {lap} (the mile time / 4, rounded) "
        f"plus the last {extra:.3f} m take {format_clock(table.naive_mile_s, 2)}: "
        f"{table.naive_shortfall_s:+.2f} s against the goal. "
        f"Run {format_clock(table.seconds_per('400m'), 2)} per lap instead."
    )
    out.print("Times rounded half up to hundredths.")
