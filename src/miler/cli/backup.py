"""``miler backup`` and ``miler restore``: the whole database to a portable file and back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from miler.cli.options import JsonOption
from miler.cli.store import DbOption, open_store

FileArg = Annotated[Path, typer.Argument(
    metavar="FILE", help="A .json document or a .db/.sqlite SQLite copy.", show_default=False)]


def backup(file: FileArg, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Copy every athlete, plan, session, activity, result and web account to FILE."""
    from miler.services.backup import backup as run

    _counts("backup", file, run(open_store(db), file), as_json)


def _counts(action: str, file: Path, counts: dict[str, int], as_json: bool) -> None:
    from miler.cli.render import json_out
    from miler.cli.render.backup import counts_doc, counts_view

    if as_json:
        json_out(counts_doc(action, str(file), counts))
    else:
        counts_view(f"{'Backed up to' if action == 'backup' else 'Restored from'} {file}",
                    counts)


def restore(
    file: FileArg,
    replace: Annotated[bool, typer.Option(
        "--replace", help="Overwrite a database that already holds athletes.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Restore a backup made by `miler backup`: all of it, or nothing."""
    from miler.config import settings
    from miler.services.backup import restore as run

    _counts("restore", file, run(open_store(db), file, replace=replace,
                                 data_dir=settings(db).data_dir), as_json)
