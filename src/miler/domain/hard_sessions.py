"""Which hard session goes in which slot of the mile block.

Two slots a week in build and sharpen weeks (a test mile or time trial takes one), two lighter
ones in the taper, one sharpener in race week before the race. Build weeks favour aerobic power
and strength (fartlek, repeats, threshold, the 12 x 1 min, hills, VO2max), sharpen weeks the
race itself (goal pace, fast 200s, the seed's goal-pace tempo once the runner is fitter). Two
true threshold sessions and every one of seed 000's speed sessions are placed, whatever the
block length: a missing one takes the place of a session that is not required or appears more
often than needed, in the phase it belongs to when possible (the taper takes only a light one).
"""

from __future__ import annotations

from collections import Counter
from typing import Final

from miler.domain.workouts import Phase

__all__ = ["REQUIRED", "hard_keys"]

_BUILD: Final = ("fartlek", "repeats_400", "threshold", "ladder", "repeats_800", "hills",
                  "vo2max", "threshold")
_SHARPEN: Final = ("race_pace", "goal_tempo", "repeats_200", "threshold", "repeats_800",
                   "vo2max", "race_pace", "repeats_200", "goal_tempo")
_TAPER: Final = ("race_pace", "repeats_200")
#: What every block holds, placed in this order: seed 000's sessions, two true threshold
#: sessions (seed 001 lists threshold and tempo runs; the taper may take one), and both 200 m
#: and 400 m repeats when there is room (the seed offers either; the 200s give way first).
REQUIRED: Final = ("fartlek", "repeats_400", "ladder", "repeats_800", "goal_tempo", "threshold",
                   "threshold", "repeats_200")
_LATE: Final = frozenset({"repeats_200", "goal_tempo"})
_TAPER_OK: Final = frozenset({"threshold", "repeats_200"})  # light enough for the taper
# Read through its class an enum member costs about a function call (EnumType.__getattr__'s
# slow path in Python 3.11): the loops below use these.
_BUILD_P, _SHARPEN_P, _TAPER_P, _RACE = Phase.BUILD, Phase.SHARPEN, Phase.TAPER, Phase.RACE
_SLOTTED: Final = frozenset({Phase.BUILD, Phase.SHARPEN, Phase.TAPER})  # weeks with slots


def hard_keys(phases: tuple[Phase, ...], untested: bool, per_week: int = 2
              ) -> dict[int, list[str]]:
    """Catalogue keys for each block week (1-based), in date order within the week;
    ``per_week`` hard days a week (1 for a three-day runner whose days allow no two)."""
    tt_week = len(phases) // 2
    fixed = {(tt_week, 0): "time_trial"}
    if untested:
        fixed[(1, 0)] = "test_mile"
    slots: list[tuple[int, int, Phase]] = [
        (w, s, p) for w, p in enumerate(phases, start=1)
        if p in _SLOTTED for s in range(per_week)
        if (w, s) not in fixed]
    orders = {Phase.BUILD: iter(_BUILD * 4), Phase.SHARPEN: iter(_SHARPEN * 4),
              Phase.TAPER: iter(_TAPER * 4)}
    keys = [next(orders[p]) for _, _, p in slots]
    _ensure_required(keys, [p for _, _, p in slots], [w for w, _, _ in slots])
    chosen = {(w, s): k for (w, s, _), k in zip(slots, keys, strict=True)} | fixed
    out: dict[int, list[str]] = {}
    for week, phase in enumerate(phases, start=1):
        if phase is _RACE:
            out[week] = ["race_pace", "race"]
        else:
            out[week] = [chosen[(week, s)] for s in range(per_week)]
    return out


def _ensure_required(keys: list[str], phases: list[Phase], weeks: list[int]) -> None:
    """Put each required session in, replacing one that is not needed, in its own phase first."""
    need: Counter[str] = Counter()
    counts = Counter(keys)  # kept up to date as keys are replaced
    for key in REQUIRED:
        need[key] += 1
        if counts[key] >= need[key]:
            continue
        home = _SHARPEN_P if key in _LATE else _BUILD_P
        spare = [i for i, k in enumerate(keys) if counts[k] > need[k]
                 and (phases[i] is not _TAPER_P or key in _TAPER_OK)]
        if spare:
            same_week = {weeks[i] for i, k in enumerate(keys) if k == key}
            spare.sort(key=lambda i: (weeks[i] not in same_week, phases[i] is home,
                                      phases[i] is not _TAPER_P, i))
            counts[keys[spare[-1]]] -= 1
            counts[key] += 1
            keys[spare[-1]] = key
