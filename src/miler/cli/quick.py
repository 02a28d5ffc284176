"""Commands answered from their words alone, in a process that loads neither Typer nor Rich
(issue 22: ``miler paces 7:00`` started in about 10x a bare ``python -c pass``, nearly all of
it Typer, Click and Rich for a five-row table).

``miler paces GOAL [--json]`` is read here when its words are plain: one GOAL that does not
start with ``-`` and at most one ``--json``, in either order. Anything else (``-h``,
``--help``, ``--``, a second GOAL, any other option, a GOAL such as ``-3:00`` that Click
might read as an option) gives None and Typer runs the command as ever. A GOAL that is not
a mile time raises the very ``InvalidInputError`` the Typer command raises, reported by
``cli.main`` the same way (one line, exit 2). ``tests/cli/test_quick.py`` checks that both
paths print the same bytes, and that whenever these words are read here Typer reads them
alike.
"""

from __future__ import annotations

__all__ = ["paces", "paces_output", "paces_words"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is a few ms of a fast start; mypy reads this branch
    from collections.abc import Sequence

_JSON = "--json"


def paces(words: Sequence[str]) -> str | None:
    """What ``miler paces WORDS`` prints; None leaves the words to Typer."""
    given = paces_words(words)
    return None if given is None else paces_output(*given)


def paces_words(words: Sequence[str]) -> tuple[str, bool] | None:
    """(GOAL, ``--json`` given) when the words are plain, else None."""
    goal, as_json = None, False
    for word in words:
        if word == _JSON and not as_json:
            as_json = True
        elif word.startswith("-") or goal is not None:
            return None
        else:
            goal = word
    return None if goal is None else (goal, as_json)


def paces_output(goal: str, as_json: bool) -> str:
    """All ``miler paces`` prints for ``goal`` (a mile time, or a pace such as 4:21/km):
    the table and the lap trap, or with ``--json`` the ``miler.paces/1`` document."""
    from miler.cli.params import mile_time
    from miler.cli.render.paces import pace_table_doc, pace_table_text
    from miler.domain.pace import pace_table

    table = pace_table(mile_time(goal, "GOAL"))
    if as_json:
        from miler.cli.render import indented

        return indented(pace_table_doc(table)) + "\n"
    return pace_table_text(table)
