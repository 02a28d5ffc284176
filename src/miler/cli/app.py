"""The Typer application: commands are registered here, one module per noun.

No ``from __future__ import annotations``: Typer evaluates the root option's annotation at
every start (see cli/plan.py). Options declared as plain data (``cli.options.Option``) become
``typer.Option``s here, as each command is registered."""

import functools
import inspect
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, Final, get_type_hints

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
from miler.cli.options import Option

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


def _typer_annotation(annotation: Any) -> Any:
    """``Annotated[T, Option(...)]`` as ``Annotated[T, typer.Option(...)]``; else unchanged."""
    metadata = getattr(annotation, "__metadata__", ())
    if not any(isinstance(item, Option) for item in metadata):
        return annotation
    items = (item.to_typer() if isinstance(item, Option) else item for item in metadata)
    return Annotated[(annotation.__origin__, *items)]


# Types an option's annotation may name as a string, so that its module need not import them
# for a run that never sees one (cli/plan.py's paths: pathlib was 5 % of `miler plan --json`).
_UNIMPORTED: Final = {"Path": Path}


def typed(func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` as Typer reads it: each ``Option`` of its signature a ``typer.Option`` (the
    function itself when it has none, so applying it twice changes nothing)."""
    hints = get_type_hints(func, localns=_UNIMPORTED, include_extras=True)
    if not any(isinstance(item, Option)
               for hint in hints.values() for item in getattr(hint, "__metadata__", ())):
        return func
    signature = inspect.signature(func)
    params = [p.replace(annotation=_typer_annotation(hints.get(p.name, p.annotation)))
              for p in signature.parameters.values()]

    @functools.wraps(func)
    def command(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    command.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params}
    return command


def _typed_group(group: typer.Typer) -> typer.Typer:
    """A sub-application whose commands Typer will read: their ``Option``s made Typer's."""
    for info in group.registered_commands:
        if info.callback is not None:
            info.callback = typed(info.callback)
    return group


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
            root.add_typer(_typed_group(command), name=name)
        elif context is None:
            root.command(name=name)(typed(command))
        else:
            root.command(name=name, context_settings=context)(typed(command))
    return root


_NAMES: Final = frozenset(name for name, _, _ in _COMMANDS)


@functools.cache
def _whole() -> typer.Typer:
    return _typer()


def __getattr__(name: str) -> typer.Typer:
    """``app``, the application with every command, is built on first use (a run that names
    one command never needs it)."""
    if name == "app":
        return _whole()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def app_for(args: Sequence[str]) -> typer.Typer:
    """The application a run of ``miler ARGS`` needs: Typer works out every parameter of
    every registered command before it runs one (about half of `miler plan --json`'s start),
    so a run that names a command gets an application holding only that command. Bare
    `miler`, root options (--help, --version, completion) and unknown words get them all."""
    if not args or args[0] not in _NAMES or "_MILER_COMPLETE" in os.environ:
        return _whole()
    return _typer(args[0])
