"""Share a week's easy distance among its easy runs, the long run and any second runs.

What is left of a week's distance once its fixed sessions (hard sessions, shake-outs) are known
goes to its running slots, in whole steps (quarter miles or half kilometres, so no rounding
drift), by weight: the long run about two easy runs, a second run of the day ("double") about
half of one. Then the limits a miler's coach keeps (DESIGN.md "Sound coaching"):

* the long run about 20-30 % of the week and at most about 90-110 minutes: here at most 30 % and
  100 minutes in base and build weeks, 27 % and 90 minutes in sharpen weeks, 25 % and
  75 minutes in the taper (shorter as the race nears);
* no easy run over 90 minutes (45 in race week), and none longer than the long run;
* a second easy run (at most 40 minutes) on easy days from 55 miles a week, and on hard days
  too from 70: a day then holds two sessions, so no single run has to be long.

Distance the limits leave nowhere to go is dropped: the week comes out a little short rather
than with a run a coach would cross out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import Final, NamedTuple

from miler.domain.schedule import split_steps
from miler.domain.units import METERS_PER_MILE
from miler.domain.workouts import Phase

__all__ = ["DOUBLES_FROM_MILES", "EASY_MINUTES", "Slot", "distances", "long_limits",
           "long_share"]

_WEIGHT: Final = {"long": 2.0, "easy": 1.0, "double": 0.5}
#: The long run's share of the week and its minutes, by phase (module docstring).
_LONG: Final = {Phase.BASE: (0.30, 100.0), Phase.BUILD: (0.30, 100.0),
                Phase.SHARPEN: (0.27, 90.0), Phase.TAPER: (0.25, 75.0),
                Phase.RACE: (0.25, 60.0)}
EASY_MINUTES: Final = 90.0
_RACE_WEEK_EASY_MINUTES: Final = 45.0  # the race week's runs keep the legs moving, no more
_DOUBLE_MINUTES: Final = 40.0
DOUBLES_FROM_MILES: Final = 55.0
_MIN_RUN_M: Final = METERS_PER_MILE  # block and race weeks: no run under a mile
_BASE, _RACE = Phase.BASE, Phase.RACE  # read through the class, a member costs a call



class Slot(NamedTuple):
    """An easy, long or second run whose distance is set once the week's fixed sessions are
    known. ``pace_s_per_mile`` (the middle of its pace range) turns minutes into distance.
    A named tuple: a plan makes a few dozen, and a tuple is the cheapest record to make."""

    date: date
    long: bool
    pace_s_per_mile: float
    double: bool = False

    @property
    def role(self) -> str:
        return "long" if self.long else "double" if self.double else "easy"

    def meters_in(self, minutes: float) -> float:
        return minutes * 60.0 * METERS_PER_MILE / self.pace_s_per_mile


def long_share(share: float, run_days: int) -> float:
    """The long run's largest share on ``run_days`` running days: the phase's, or a tenth more
    than an even split when that is larger (three days: 43 %, four: 35 %)."""
    return share if run_days >= 5 else max(share, 1.0 / max(run_days, 1) + 0.1)


def long_limits(phase: Phase) -> tuple[float, float]:
    """The long run's largest share of the week and its most minutes in ``phase``."""
    return _LONG[phase]


def distances(slots: Sequence[Slot], left_m: float, fixed_m: float, step: float,
              phase: Phase, long_max_m: float = math.inf, run_days: int = 7) -> list[float]:
    """Metres for each slot: whole steps adding up to ``left_m`` at most, within the limits.

    ``long_max_m``: no long run over this (sharpen and taper weeks: the build's longest).
    ``run_days``: days with running this week; on three or four the long run may take more
    of the week (``long_share``), since no other run can be longer than it.
    Base weeks round up, so they never fall short of the 15 miles the block needs.
    """
    if not slots:
        return []
    total = math.ceil(left_m / step - 1e-9) if phase is _BASE else round(left_m / step)
    floor = 1 if phase is _BASE else max(round(_MIN_RUN_M / step), 1)
    roles = [s.role for s in slots]
    parts = [max(p, floor) for p in split_steps(total, [_WEIGHT[r] for r in roles])]
    share, long_minutes = _LONG[phase]
    share = long_share(share, run_days)
    easy = _RACE_WEEK_EASY_MINUTES if phase is _RACE else EASY_MINUTES
    minutes = {"long": long_minutes, "easy": easy, "double": _DOUBLE_MINUTES}
    caps = [max(math.floor(min(s.meters_in(minutes[role]),
                               long_max_m if s.long else math.inf) / step), floor)
            for s, role in zip(slots, roles, strict=True)]
    _balance(parts, slots, caps, floor, fixed_m / step, share)
    return [p * step for p in parts]


def _balance(parts: list[int], slots: Sequence[Slot], caps: list[int], floor: int,
             fixed: float, share: float) -> None:
    """Bring every run within its limits, moving steps to runs with room or dropping them.

    Each pass takes a step off a run that is over a limit; the long run's limit only falls as
    the week shrinks and a step only moves to a run under all its limits, so it ends.
    A run's limit: the long run's, its cap and its share of the week; any other's, its cap
    and the long run.
    """
    top = next((i for i, s in enumerate(slots) if s.long), None)
    others = [i for i, s in enumerate(slots) if not s.long]
    while True:
        over = None
        if top is not None and parts[top] > max(
                min(caps[top], math.floor(share * (fixed + sum(parts)))), floor):
            over = top
        if over is None:
            over = next((i for i in others if parts[i] > max(
                caps[i] if top is None else min(caps[i], parts[top]), floor)), None)
            if over is None:
                return
        parts[over] -= 1
        room = [j for j in others if j != over and parts[j] + 1 <= (
            caps[j] if top is None else min(caps[j], parts[top]))]
        if room:
            parts[min(room, key=lambda j: (parts[j], j))] += 1
