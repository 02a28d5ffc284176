"""The Typer application: commands are registered here, one module per noun."""

from __future__ import annotations

from typing import Annotated

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

app = typer.Typer(
    name="miler",
    help="An open, offline coach for the one-mile run.",
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},  # sub-commands inherit it
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
app.command(name="race", context_settings=VALUE_CONTEXT)(race_cmd.race)
app.command(name="backup")(backup.backup)
app.command(name="restore")(backup.restore)
app.command(name="analyze")(analyze.analyze)
app.command(name="import")(history.import_history)
app.command(name="fitness")(fitness.fitness)
app.add_typer(athlete.app, name="athlete")
app.add_typer(coach.session_app, name="session")
app.command(name="today")(coach.today)
app.command(name="log", context_settings=VALUE_CONTEXT)(coach.log)
app.command(name="progress")(coach.progress)
app.command(name="plan", context_settings=VALUE_CONTEXT)(plan.plan)
app.command(name="serve")(serve_cmd.serve)
app.add_typer(account.app, name="account")
app.command(name="schema")(schema.schema)
