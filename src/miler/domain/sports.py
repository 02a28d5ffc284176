"""Which stored activities count as runs, by their sport (FIT's names, lower case).

A run, and a multisport file (its running part: ``domain/activity.py``); a hike's or a
ride's fast mile is no running mile. Light on purpose (``typing`` only): the services that
read stored activities' columns import it without loading the activity module's numpy.
"""

from __future__ import annotations

from typing import Final

__all__ = ["RUN_SPORTS"]

#: The sports whose activities count as runs.
RUN_SPORTS: Final = frozenset({"running", "multisport"})
