"""``miler progress`` from the kept row, and ``miler today`` through a read-only store, in a
process that loads no SQLAlchemy, Typer or Rich (issue 22: the whole of each command took
0.9-1 s on SQLite, its service a few ms).

The words are read as Typer reads them (``cli.fast.read_words``; ``WORDS`` is the command's
own options, checked against Typer's parse by ``tests/cli/test_kept.py``). When the database
is a SQLite file or a plain PostgreSQL URL (``locations.postgres_args``), and its progress
kept for the athlete stands (``services.kept_progress``), the output is rendered here, the
same to the byte as the full path renders it (``cli/render/progress.py`` for both). On
PostgreSQL psycopg's import alone takes ~250 ms, so that answer takes about a quarter of a
second, not the ~40 ms of a SQLite file's. Anything else gives None: ``-h``/``--help``, any
other word, another URL, no file yet, an older schema, an unknown or ambiguous athlete,
nothing kept or a stale row, any error; Typer then runs the command as ever, working out
and keeping the progress, with its own errors and exit codes.

``miler today [--date DATE] [--athlete NAME] [--db URL|FILE] [--json]`` (:func:`today`)
reads its words alike (``TODAY_WORDS``), its ``--date`` with ``params.iso_date`` itself, and
runs ``services.coaching.today`` on a read-only store of the same database
(``services.kept_today``); ``cli/render/coach.py`` renders it for both paths. It declines
alike: help, other words, a bad ``--date``, no file, another schema, an unknown or
ambiguous athlete, no plan, any read error.
"""

from __future__ import annotations

import os

from miler.cli.fast import FLAG, TEXT, read_words
from miler.locations import fast_database

__all__ = ["DEFAULTS", "TODAY_DEFAULTS", "TODAY_WORDS", "WORDS", "progress", "today"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is a few ms of a fast start; mypy reads this branch
    from collections.abc import Sequence
    from datetime import date
    from typing import Any, Final

#: ``miler progress``'s option words: (its parameter, how its word is read).
WORDS: Final = {"--athlete": ("athlete", TEXT), "--db": ("db", TEXT),
                "--json": ("as_json", FLAG)}
#: Each parameter's default, as ``cli.coach.progress`` declares it.
DEFAULTS: Final[dict[str, Any]] = {"athlete": None, "db": None, "as_json": False}
#: ``miler today``'s option words, and its parameters' defaults (``cli.coach.today``'s).
TODAY_WORDS: Final = {"--date": ("day", TEXT), **WORDS}
TODAY_DEFAULTS: Final[dict[str, Any]] = {"day": None, **DEFAULTS}


def progress(words: Sequence[str]) -> str | None:
    """What ``miler progress WORDS`` prints, from the kept row; None leaves it to Typer."""
    given = read_words(WORDS, DEFAULTS, words)
    database = None if given is None else fast_database(given["db"], os.environ)
    if given is None or database is None:
        return None
    from miler.services.kept_progress import kept_progress

    doc = kept_progress(database, given["athlete"])
    if doc is None:
        return None
    from miler.cli.render.progress import progress_output

    try:
        return progress_output(doc, given["as_json"])
    except (LookupError, TypeError, ValueError):  # a kept document of another shape
        return None


def today(words: Sequence[str]) -> str | None:
    """What ``miler today WORDS`` prints, read through a read-only store; None leaves it to
    Typer."""
    given = read_words(TODAY_WORDS, TODAY_DEFAULTS, words)
    if given is None:
        return None
    day, database = _day(given["day"]), fast_database(given["db"], os.environ)
    if day is None or database is None:
        return None
    from miler.services.kept_today import kept_today

    found = kept_today(database, given["athlete"], day)
    if found is None:
        return None
    from miler.cli.render.coach import today_output

    return today_output(found, given["as_json"])


def _day(text: str | None) -> date | None:
    """``--date`` as ``cli.coach.today`` reads it (today without one); None when it is not
    a day that command takes (it reports why)."""
    from datetime import date

    from miler.cli.params import iso_date
    from miler.errors import InvalidInputError

    try:
        return iso_date(text, "--date") if text else date.today()
    except InvalidInputError:
        return None
