"""The mile in metres, rounding half up and clock times: the few figures every view shows.

Kept apart from ``domain.units`` (which re-exports them) with no import beyond ``math``:
``miler progress`` renders a kept progress with them in a process that never loads the
rest of the core (``cli/kept.py``, issue 22).
"""

from __future__ import annotations

import math

from miler.errors import InvalidInputError

__all__ = ["METERS_PER_MILE", "format_clock", "round_half_up"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is a few ms of a fast start; mypy reads this branch
    from typing import Final

# Exact by the international yard and pound agreement (1959): 1 yd = 0.9144 m, 1 mi = 1760 yd.
METERS_PER_MILE: Final = 1609.344

_EPS: Final = 1e-9


def round_half_up(value: float, decimals: int) -> float:
    """Round to ``decimals`` places, halves away from zero (not banker's rounding)."""
    scale = 10**decimals
    scaled = abs(value) * scale
    rounded = math.floor(scaled + 0.5 + _EPS * max(1.0, scaled)) / scale
    return math.copysign(rounded, value)


def format_clock(seconds: float, decimals: int = 0) -> str:
    """``H:MM:SS``, ``M:SS`` or ``SS`` with ``decimals`` places, rounded half up.

    Under a minute the bare seconds are shown (``52.20``); with ``decimals=0`` at least
    ``M:SS`` is shown (``0:52``), as runners write a whole-second split.
    """
    if not math.isfinite(seconds):
        raise InvalidInputError("time", "must be a finite number of seconds", seconds)
    sign = "-" if seconds < 0 else ""
    total = round_half_up(abs(seconds), decimals)
    scale = 10**decimals
    units = round(total * scale)
    whole, frac = divmod(units, scale)
    hours, rem = divmod(whole, 3600)
    minutes, secs = divmod(rem, 60)
    tail = f".{frac:0{decimals}d}" if decimals else ""
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}{tail}"
    if minutes or decimals == 0:
        return f"{sign}{minutes}:{secs:02d}{tail}"
    return f"{sign}{secs:02d}{tail}" if secs >= 10 else f"{sign}{secs}{tail}"
