"""The Typer application: commands are registered here, one module per noun."""

from __future__ import annotations

from typing import Annotated

import typer

from miler._version import __version__
from miler.cli import agegrade, paces, predict
from miler.cli import plan as plan_command

app = typer.Typer(
    name="miler",
    help="An open, offline coach for the one-mile run.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)

# Commands that take times must see "-3:00" as a value (and reject it), not as an option.
VALUE_CONTEXT = {"ignore_unknown_options": True}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"miler {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", help="Show the version and exit.", callback=_version,
                     is_eager=True),
    ] = False,
) -> None:
    """An open, offline coach for the one-mile run."""


app.command(name="paces", context_settings=VALUE_CONTEXT)(paces.paces)
app.command(name="predict", context_settings=VALUE_CONTEXT)(predict.predict)
app.command(name="agegrade", context_settings=VALUE_CONTEXT)(agegrade.agegrade)
app.command(name="plan", context_settings=VALUE_CONTEXT)(plan_command.plan)
