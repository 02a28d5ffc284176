"""``miler backup`` and ``miler restore``: the whole database to a portable file and back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from miler.cli.store import DbOption, open_store

FileArg = Annotated[Path, typer.Argument(
    metavar="FILE", help="A .json document or a .db/.sqlite SQLite copy.", show_default=False)]


def backup(file: FileArg, db: DbOption = None) -> None:
    """Copy every athlete, plan, session, activity, result and web account to FILE."""
    from miler.cli.render.backup import counts_view
    from miler.services.backup import backup as run

    counts_view(f"Backed up to {file}", run(open_store(db), file))


def restore(
    file: FileArg,
    replace: Annotated[bool, typer.Option(
        "--replace", help="Overwrite a database that already holds athletes.")] = False,
    db: DbOption = None,
) -> None:
    """Restore a backup made by `miler backup`: all of it, or nothing."""
    from miler.cli.render.backup import counts_view
    from miler.config import settings
    from miler.services.backup import restore as run

    counts_view(f"Restored from {file}", run(open_store(db), file, replace=replace,
                                             data_dir=settings(db).data_dir))
