"""``miler account list|add-coach|password``: coach mode's logins, from the machine that
holds the database (its owner needs no password to manage them).

A password is asked for twice at the terminal, hidden, or read as one line from standard
input with ``--password-stdin`` (for scripts). Setting one ends every session of that user.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from miler.cli.options import JsonOption
from miler.cli.store import DbOption, open_store

app = typer.Typer(help="Coach mode's logins (miler serve --coach): list them, add a coach, "
                       "set a password.", no_args_is_help=True)

NameArg = Annotated[str, typer.Argument(metavar="USERNAME", help="The account's username.",
                                        show_default=False)]
StdinOption = Annotated[bool, typer.Option(
    "--password-stdin", help="Read the password from standard input (one line) instead of "
    "asking at the terminal.")]


def _password(from_stdin: bool, username: str) -> str:
    """The new password, checked against the rules, and its hash."""
    from miler.adapters.passwords import MAX_PASSWORD, check_password_rules, hash_password

    if from_stdin:
        password = sys.stdin.readline(MAX_PASSWORD + 2).rstrip("\r\n")
    else:
        password = typer.prompt(f"New password for {username}", hide_input=True,
                                confirmation_prompt=True)
    check_password_rules(password, username)
    return hash_password(password)


def _username(text: str) -> str:
    from miler.domain.names import username

    return username(text, "USERNAME")


@app.command(name="list")
def list_(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Every login: coaches first, with the athletes each looks after."""
    from miler.services.accounts import squad_of_users

    rows = squad_of_users(open_store(db))
    if as_json:
        from miler.cli.render import json_out

        json_out({"schema": "miler.accounts/1", "accounts": [
            {"username": r.username, "role": r.role, "athlete": r.athlete,
             "coached": list(r.coached)} for r in rows]})
        return
    if not rows:
        typer.echo("No accounts yet: miler serve --coach asks for the first coach, or use "
                   "miler account add-coach.")
        return
    width = max(len(r.username) for r in rows)
    for row in rows:
        extra = (", ".join(row.coached) or "no athletes") if row.role == "coach" else \
            f"athlete {row.athlete}"
        typer.echo(f"{row.username:<{width}}  {row.role:<7}  {extra}")


@app.command(name="add-coach")
def add_coach(
    username: NameArg,
    share_with: Annotated[str | None, typer.Option(
        "--share-with", metavar="COACH", help="The new coach also looks after this coach's "
        "athletes.", show_default=False)] = None,
    password_stdin: StdinOption = False,
    db: DbOption = None,
) -> None:
    """Add a coach login (also the first one, before anyone has used the web app)."""
    from datetime import UTC, datetime

    from miler.errors import InvalidInputError
    from miler.services.accounts import add_coach as run

    name = _username(username)
    store = open_store(db)
    try:
        made = run(store, name, _password(password_stdin, name), datetime.now(UTC), by=None,
                   share_with=share_with.strip().lower() if share_with else None)
    except InvalidInputError as error:
        if error.field != "share_with":
            raise
        raise InvalidInputError("--share-with", error.rule, error.value) from None
    typer.echo(f"Added coach {made.username}." + (
        f" They look after {share_with}'s athletes too." if share_with else ""))


@app.command()
def password(username: NameArg, password_stdin: StdinOption = False,
             db: DbOption = None) -> None:
    """Set a login's password; every browser logged in as them is logged out."""
    from miler.services.accounts import change_password

    name = _username(username)
    store = open_store(db)
    change_password(store, name, _password(password_stdin, name), by=None)
    typer.echo(f"Password set for {name}; their sessions have ended.")
