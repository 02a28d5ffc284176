"""Which hard session goes in which slot of the mile block.

Two slots a week in build and sharpen weeks (a test mile or time trial takes one), two lighter
ones in the taper, one sharpener in race week before the race. Build weeks favour aerobic power
and strength (fartlek, repeats, the 12 x 1 min, hills, VO2max), sharpen weeks the race itself
(goal pace, fast 200s, the seed's goal-pace tempo once the runner is fitter). Every one of seed
000's speed sessions is placed, whatever the block length: a missing one takes the place of a
session that is not required or appears twice, in the phase it belongs to when possible.
"""

from __future__ import annotations

from collections import Counter
from typing import Final

from miler.domain.workouts import Phase

__all__ = ["REQUIRED", "hard_keys"]

_BUILD: Final = ("fartlek", "repeats_400", "ladder", "repeats_800", "hills", "vo2max")
_SHARPEN: Final = ("race_pace", "goal_tempo", "repeats_200", "repeats_800", "vo2max",
                   "race_pace", "repeats_200", "goal_tempo")
_TAPER: Final = ("race_pace", "repeats_200")
#: Seed 000's sessions, both 200 m and 400 m repeats (the seed offers either; miler uses both).
REQUIRED: Final = ("fartlek", "repeats_400", "ladder", "repeats_800", "repeats_200",
                   "goal_tempo")
_LATE: Final = frozenset({"repeats_200", "goal_tempo"})


def hard_keys(phases: tuple[Phase, ...], untested: bool) -> dict[int, list[str]]:
    """Catalogue keys for each block week (1-based), in date order within the week."""
    tt_week = len(phases) // 2
    fixed = {(tt_week, 0): "time_trial"}
    if untested:
        fixed[(1, 0)] = "test_mile"
    free = [(w, s, p) for w, p in enumerate(phases, start=1)
            if p in (Phase.BUILD, Phase.SHARPEN) for s in (0, 1) if (w, s) not in fixed]
    build = [k for k, _ in zip(_cycle(_BUILD), [f for f in free if f[2] is Phase.BUILD],
                               strict=False)]
    sharpen = [k for k, _ in zip(_cycle(_SHARPEN), [f for f in free if f[2] is Phase.SHARPEN],
                                 strict=False)]
    _ensure_required(build, sharpen)
    chosen = dict(zip([(w, s) for w, s, _ in free], build + sharpen, strict=True)) | fixed
    out: dict[int, list[str]] = {}
    for week, phase in enumerate(phases, start=1):
        if phase is Phase.TAPER:
            out[week] = list(_TAPER)
        elif phase is Phase.RACE:
            out[week] = ["race_pace", "race"]
        else:
            out[week] = [chosen[(week, 0)], chosen[(week, 1)]]
    return out


def _cycle(order: tuple[str, ...]) -> list[str]:
    return list(order) * 4  # far more than any block's slots


def _ensure_required(build: list[str], sharpen: list[str]) -> None:
    for key in REQUIRED:
        if key in build or key in sharpen:
            continue
        home, other = (sharpen, build) if key in _LATE else (build, sharpen)
        for slots in (home, other):
            counts = Counter(build + sharpen)
            spare = [i for i, k in enumerate(slots) if k not in REQUIRED or counts[k] > 1]
            if spare:
                slots[spare[-1]] = key
                break
