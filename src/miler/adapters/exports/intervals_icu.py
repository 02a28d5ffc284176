"""Watch workouts as intervals.icu plain text, which intervals.icu sends on to Garmin, COROS,
Suunto and Apple watches.

The syntax is the one intervals.icu publishes for its workout builder (forum.intervals.icu,
"Workout Builder Syntax Quick Guide"): a step per line, ``- [cue] [duration or distance]
[target] [press lap]``; ``m`` is minutes and ``mtr`` metres (``mi``, ``km`` as written); an
absolute pace range is ``6:00-6:30/mi Pace``; a repeat block is a header line ending in
``Nx`` (``Main Set 6x``) with a blank line before and after, and repeats do not nest. A
cue is plain words: a cue with digits in it would be read as a duration, so those are left
to the step's numbers. Each workout opens with its date and name on a line of its own.
"""

from __future__ import annotations

import math
import re
from typing import Final

from miler.domain.units import METERS_PER_KM, METERS_PER_MILE
from miler.domain.watch import End, Outing, WatchRepeat, WatchStep, outing_name, watch_steps

__all__ = ["duration_text", "outing_text", "pace_text"]

_CUE: Final = re.compile(r"[A-Za-z][A-Za-z '-]*")


def duration_text(seconds: float) -> str:
    """``90s``, ``10m``, ``1m30s`` (``m`` is minutes)."""
    whole = round(seconds)
    minutes, secs = divmod(whole, 60)
    if not minutes:
        return f"{secs}s"
    return f"{minutes}m" if not secs else f"{minutes}m{secs}s"


def distance_text(meters: float, units: str) -> str:
    """Under a kilometre in metres (``400mtr``); longer in the runner's unit (``1.5mi``)."""
    if meters < 1000:
        return f"{round(meters)}mtr"
    scale, unit = (METERS_PER_KM, "km") if units == "km" else (METERS_PER_MILE, "mi")
    return f"{meters / scale:.2f}".rstrip("0").rstrip(".") + unit


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def pace_text(pace: tuple[float, float], units: str) -> str:
    """``(fast, slow)`` s/mile as ``6:00-6:30/mi Pace``, whole seconds rounded outwards so
    the range written holds the range planned."""
    scale = METERS_PER_KM / METERS_PER_MILE if units == "km" else 1.0
    fast, slow = (p * scale for p in pace)
    unit = "km" if units == "km" else "mi"
    return f"{_clock(math.floor(fast))}-{_clock(math.ceil(slow))}/{unit} Pace"


def _cue(name: str) -> str:
    """The step's name as a cue: its words up to the first digit or colon."""
    match = _CUE.match(name)
    return "" if match is None else match.group(0).strip(" '-")


def _line(step: WatchStep, units: str) -> str:
    parts = [_cue(step.name)]
    if step.end is End.TIME and step.amount:
        parts.append(duration_text(step.amount))
    elif step.end in (End.DISTANCE, End.LAP) and step.amount:
        parts.append(distance_text(step.amount, units))
    if step.pace is not None:
        parts.append(pace_text(step.pace, units))
    if step.end is End.LAP:
        parts.append("press lap")
    return "- " + " ".join(p for p in parts if p)


def outing_text(outing: Outing, units: str = "mi") -> str:
    """One run as an intervals.icu workout: its date and name, then its steps."""
    lines = [f"{outing.main.date.isoformat()} {outing_name(outing)}", ""]
    for item in watch_steps(outing):
        if isinstance(item, WatchRepeat) and item.times > 1:
            if lines[-1]:
                lines.append("")
            header = "Strides" if _cue(item.steps[0].name) in {"stride", "uphill sprint"} \
                else "Main Set"
            lines += [f"{header} {item.times}x", *(_line(s, units) for s in item.steps), ""]
        else:
            steps = item.steps if isinstance(item, WatchRepeat) else (item,)
            lines += [_line(s, units) for s in steps]
    return "\n".join(lines).rstrip() + "\n"
