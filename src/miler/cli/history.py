"""``miler import``: read a whole history of watch files and say what it shows."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from miler.cli.store import DbOption


def import_history(
    paths: Annotated[list[Path], typer.Argument(
        metavar="PATH...", help="Activity files, folders (searched recursively) or the .zip "
        "export from Strava or Garmin Connect.", show_default=False)],
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Read and report only: best miles, weekly distance; store nothing.")
    ] = False,
    athlete: Annotated[str | None, typer.Option(
        "--athlete", help="Whose history (default: the only athlete).",
        show_default=False)] = None,
    db: DbOption = None,
) -> None:
    """Store every run in PATHs, matched to the plan; --dry-run only reports what is there."""
    from miler.cli.render.history import history_view, progress_bar
    from miler.errors import InvalidInputError

    for path in paths:
        if not path.exists():
            raise InvalidInputError("PATH", "must be an existing file or folder", str(path))
    if dry_run or not _someone_to_store_for(db, athlete):
        from miler.services.history import scan_history

        with progress_bar() as advance:
            summary = scan_history(paths, progress=advance)
        history_view(summary, stored=False)
        return
    from datetime import UTC, datetime

    from miler.cli.coach import _who
    from miler.cli.render.history import stored_view
    from miler.services.training import adapt, import_activities

    store, name = _who(db, athlete)
    with store.transaction() as repo:
        tz = repo.athlete(name).profile.get("tz")
    now = datetime.now(UTC)
    with progress_bar() as advance:
        report = import_activities(store, name, paths, now=now, tz=tz, progress=advance)
    stored_view(name, report, adapt(store, name, report.stored, now))


def _someone_to_store_for(db: str | None, athlete: str | None) -> bool:
    """False (a report only) when the database has no athlete yet and none was named: a
    first look at a history needs no setup."""
    from miler.cli.render.history import note
    from miler.cli.store import open_store

    if athlete:
        return True
    with open_store(db).transaction() as repo:
        if repo.athletes():
            return True
    note("No athlete to store these runs for (add one with `miler athlete add`): "
         "reporting only.")
    return False
