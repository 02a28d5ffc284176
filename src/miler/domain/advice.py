"""Today's advice: what the last week's missed sessions mean for the runner.

Pure: sessions come in as :class:`~miler.domain.moves.DaySession` values.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Final

from miler.domain.moves import DaySession
from miler.domain.workouts import is_hard

__all__ = ["advice", "missed_hard"]

#: Sessions that are not runs: missing one does not put the goal at risk.
_NOT_RUNS: Final = frozenset({"rest", "strength", "mobility", "drills", "cross"})
#: This many missed runs in the week looked at is most of a week's running.
_MOST_OF_A_WEEK: Final = 5


def missed_hard(sessions: Sequence[DaySession], day: date) -> tuple[DaySession, ...]:
    """Hard sessions before ``day`` still planned (neither done nor skipped)."""
    return tuple(s for s in sessions if s.day < day and s.status == "planned"
                 and is_hard(s.kind, s.intensity))


def advice(sessions: Sequence[DaySession], day: date) -> str:
    """One sentence for the runner about the sessions of the last week."""
    runs_missed = [s for s in sessions if s.day < day and s.status == "planned"
                   and s.kind not in _NOT_RUNS]
    if len(runs_missed) >= _MOST_OF_A_WEEK:
        return ("Most of a week's running was missed: the goal date is at risk. Start again "
                "gently, or save a new plan with a later race date.")
    missed = missed_hard(sessions, day)
    if missed:
        return (f"{len(missed)} hard session(s) missed this week: do not cram them in; move the "
                "most important one to a free day with `miler session move`, never next to "
                "another hard day.")
    return "On track." if sessions else ""
