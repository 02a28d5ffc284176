"""``miler import``: read a whole history of watch files and say what it shows."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def import_history(
    paths: Annotated[list[Path], typer.Argument(
        metavar="PATH...", help="Activity files, folders (searched recursively) or the .zip "
        "export from Strava or Garmin Connect.", show_default=False)],
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Read and report only (storing runs comes with the storage layer; "
        "until then every import is a dry run).")] = False,
) -> None:
    """Read every run in PATHs on all cores; report best miles and weekly distance."""
    from miler.cli.render.history import history_view, progress_bar
    from miler.services.history import scan_history

    with progress_bar() as advance:
        summary = scan_history(paths, progress=advance)
    history_view(summary, stored=False)
    _ = dry_run  # nothing is stored yet either way; the flag keeps scripts forward-compatible
