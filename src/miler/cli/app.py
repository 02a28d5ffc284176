"""The Typer application: commands are registered here, one module per noun.

No ``from __future__ import annotations``: Typer evaluates the root option's annotation at
every start (see cli/plan.py)."""

import os
from collections.abc import Sequence
from typing import Annotated, Any, Final

import typer

from miler._version import __version__
from miler.cli import (
    account,
    agegrade,
    analyze,
    athlete,
    backup,
    coach,
    fitness,
    history,
    paces,
    plan,
    predict,
    schema,
)
from miler.cli import race as race_cmd
from miler.cli import serve as serve_cmd

# Commands that take times must see "-3:00" as a value (and reject it), not as an option.
VALUE_CONTEXT = {"ignore_unknown_options": True}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"miler {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool,
        typer.Option("--version", help="Show the version and exit.", callback=_version,
                     is_eager=True),
    ] = False,
) -> None:
    """An open, offline coach for the one-mile run."""


# Every command in the order `miler --help` lists them: (name, function or sub-app, options).
_COMMANDS: tuple[tuple[str, Any, dict[str, Any] | None], ...] = (
    ("paces", paces.paces, VALUE_CONTEXT),
    ("predict", predict.predict, VALUE_CONTEXT),
    ("agegrade", agegrade.agegrade, VALUE_CONTEXT),
    ("race", race_cmd.race, VALUE_CONTEXT),
    ("backup", backup.backup, None),
    ("restore", backup.restore, None),
    ("analyze", analyze.analyze, None),
    ("import", history.import_history, None),
    ("fitness", fitness.fitness, None),
    ("athlete", athlete.app, None),
    ("session", coach.session_app, None),
    ("today", coach.today, None),
    ("log", coach.log, VALUE_CONTEXT),
    ("progress", coach.progress, None),
    ("plan", plan.plan, VALUE_CONTEXT),
    ("serve", serve_cmd.serve, None),
    ("account", account.app, None),
    ("schema", schema.schema, None),
)


def _typer(only: str | None = None) -> typer.Typer:
    """The application with every command, or with the one command ``only``."""
    root = typer.Typer(
        name="miler",
        help="An open, offline coach for the one-mile run.",
        no_args_is_help=True,
        add_completion=True,
        context_settings={"help_option_names": ["-h", "--help"]},  # sub-commands inherit it
        pretty_exceptions_show_locals=False,
        rich_markup_mode=None,
    )
    root.callback()(_root)
    for name, command, context in _COMMANDS:
        if only is not None and name != only:
            continue
        if isinstance(command, typer.Typer):
            root.add_typer(command, name=name)
        elif context is None:
            root.command(name=name)(command)
        else:
            root.command(name=name, context_settings=context)(command)
    return root


app = _typer()
_NAMES: Final = frozenset(name for name, _, _ in _COMMANDS)


def app_for(args: Sequence[str]) -> typer.Typer:
    """The application a run of ``miler ARGS`` needs: Typer works out every parameter of
    every registered command before it runs one (about half of `miler plan --json`'s start),
    so a run that names a command gets an application holding only that command. Bare
    `miler`, root options (--help, --version, completion) and unknown words get them all."""
    if not args or args[0] not in _NAMES or "_MILER_COMPLETE" in os.environ:
        return app
    return _typer(args[0])
