"""``miler import``: read a whole history of watch files and say what it shows."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from miler.cli.options import JsonOption
from miler.cli.store import DbOption

if TYPE_CHECKING:
    from miler.services.history import HistorySummary


def import_history(
    paths: Annotated[list[Path], typer.Argument(
        metavar="PATH...", help="Activity files, folders (searched recursively) or the .zip "
        "export from Strava or Garmin Connect.", show_default=False)],
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Read and report only: best miles, weekly distance; store nothing.")
    ] = False,
    athlete: Annotated[str | None, typer.Option(
        "--athlete", metavar="NAME", help="Whose history (default: the only athlete).",
        show_default=False)] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Store every run in PATHs, matched to the plan; --dry-run only reports what is there."""
    from miler.errors import InvalidInputError
    from miler.services.readers import start_readers

    for path in paths:
        if not path.exists():
            raise InvalidInputError("PATH", "must be an existing file or folder", str(path))
    start_readers(paths, stored=not dry_run)  # they load while this process loads the rest
    from miler.cli.render.history import progress_bar

    if dry_run:
        from miler.services.history import scan_history

        with progress_bar() as advance:
            _summary(scan_history(paths, progress=advance), "--dry-run only reads", as_json)
        return
    from miler.services.readers import stored_files
    from miler.services.training import FilesAhead

    # the workers read from now on, while this process loads the database layer (about
    # half a second) and finds the athlete; the files a SQLite file holds already, they skip
    with FilesAhead(paths, known=stored_files(db, athlete)) as ahead:
        from datetime import UTC, datetime

        from miler.cli.store import open_store
        from miler.services.training import import_history

        with progress_bar() as advance:
            found = import_history(open_store(db), athlete, paths, now=datetime.now(UTC),
                                   progress=advance, ahead=ahead)
    from miler.cli.render import json_out
    from miler.cli.render.history import stored_doc, stored_view
    from miler.services.history import HistorySummary

    if isinstance(found, HistorySummary):
        _summary(found, "there is no athlete to keep them for; add one with `miler athlete "
                 "add NAME --weekly-miles N`, then import again", as_json)
    elif as_json:
        json_out(stored_doc(found.athlete, found, found.replanned))
    else:
        stored_view(found.athlete, found, found.replanned)


def _summary(found: HistorySummary, why_not_stored: str, as_json: bool) -> None:
    from miler.cli.render import json_out
    from miler.cli.render.history import history_view, summary_doc

    if as_json:
        json_out(summary_doc(found, why_not_stored))
    else:
        history_view(found, why_not_stored)
