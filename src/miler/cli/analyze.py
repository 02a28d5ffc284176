"""``miler analyze``: what one watch file shows."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def analyze(
    file: Annotated[Path, typer.Argument(
        metavar="FILE", help="A .fit, .gpx or .tcx file (or .gz of one).", show_default=False)],
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print the miler.activity/1 document for machines.")] = False,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Refuse a damaged file instead of reading what is valid.")] = False,
) -> None:
    """Show an activity: distance, time, best efforts (400 m to 5 km), splits and laps."""
    from miler.cli.render import json_out
    from miler.cli.render.activity import activity_view
    from miler.services.analysis import activity_doc, analyze_file

    found = analyze_file(file, strict=strict)
    if as_json:
        json_out(activity_doc(found))
    else:
        activity_view(found)
