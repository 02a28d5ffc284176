"""The real application's parse of one command's words, for the Typer-free paths' tests
(``cli/fast.py``, ``cli/kept.py``): what Typer would call the command with, and the runs
of words to compare it on."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from unittest.mock import patch

import typer.main
from hypothesis import strategies as st

from miler.cli import app as cli_app


class TyperSpy:
    """``name``'s command as a run of the application builds it, with ``command`` (the
    real function, for its parameters) replaced by a spy that keeps what it is called with."""

    def __init__(self, name: str, command: Callable[..., Any]) -> None:
        self.name = name
        self._seen: list[dict[str, Any]] = []

        @functools.wraps(command)
        def spy(**kwargs: Any) -> None:
            self._seen.append(kwargs)

        commands = tuple((n, spy if n == name else c, context)
                         for n, c, context in cli_app._COMMANDS)
        with patch.object(cli_app, "_COMMANDS", commands):
            self.group = typer.main.get_command(cli_app.app_for([name]))
        self.params = self.group.commands[name].params  # type: ignore[attr-defined]

    def kwargs(self, words: list[str]) -> dict[str, Any] | str:
        """What Typer calls the command with for ``miler NAME WORDS``, or the error it
        reports (any refusal is an answer to compare)."""
        self._seen.clear()
        try:
            self.group.main([self.name, *words], prog_name="miler", standalone_mode=False)
        except Exception as exc:
            return f"{type(exc).__name__}: {exc}"
        return self._seen[-1] if self._seen else "not called"


def command_words(options: list[tuple[str, bool]], values: st.SearchStrategy[str],
                  junk: list[str], most: int) -> st.SearchStrategy[list[str]]:
    """Mostly well-formed runs of up to ``most`` of ``options`` ((word, is a flag): each
    option with a value when it takes one), some not: a flag given a value, one stray word
    (``junk``, help, ``--``, an unknown option) put anywhere."""

    @st.composite
    def words(draw: st.DrawFn) -> list[str]:
        out: list[str] = []
        for flag, is_flag in draw(st.lists(st.sampled_from(options), max_size=most)):
            out.append(flag)
            if not is_flag or draw(st.integers(0, 9)) == 0:
                out.append(draw(values))
        stray = st.sampled_from(["-h", "--help", "--", "--nope", "x", *junk]) | values
        for _ in range(draw(st.integers(0, 1))):
            out.insert(draw(st.integers(0, len(out))), draw(stray))
        return out

    return words()
