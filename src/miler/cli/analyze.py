"""``miler analyze``: what one watch file shows."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from miler.cli.store import DbOption, open_store


def analyze(
    file: Annotated[Path, typer.Argument(
        metavar="FILE", help="A .fit, .gpx or .tcx file (or .gz of one).", show_default=False)],
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print the miler.activity/1 document for machines.")] = False,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Refuse a damaged file instead of reading what is valid.")] = False,
    athlete: Annotated[str | None, typer.Option(
        "--athlete", metavar="NAME", show_default=False,
        help="Score the reps against this athlete's planned session of the run's day "
             "(a 'Reps' table when the run matches one).")] = None,
    db: DbOption = None,
) -> None:
    """Show an activity: distance, time, best efforts (400 m to 5 km), splits and laps; on a
    400 m track the laps as run; with --athlete, the reps against the planned session."""
    from miler.cli.render import json_out
    from miler.cli.render.activity import activity_view
    from miler.services.analysis import activity_doc, analyze_file, analyze_for

    found = (analyze_for(open_store(db), athlete, file, strict=strict)
             if athlete is not None else analyze_file(file, strict=strict))
    if as_json:
        json_out(activity_doc(found))
    else:
        activity_view(found)
