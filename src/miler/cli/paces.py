"""``miler paces``: a goal mile pace per mile, km, 400 m, 200 m and 100 m.

Real annotations (no ``from __future__ import annotations``): Typer reads them at every start
(see cli/plan.py)."""

import sys
from typing import Annotated

import typer


def paces(
    goal: Annotated[str, typer.Argument(
        metavar="GOAL", help="Goal mile time, e.g. 7:00, 6:59.5 or 4:21/km.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
) -> None:
    """Show the pace of a goal mile per mile, km, 400 m lap, 200 m and 100 m."""
    from miler.cli.quick import paces_output

    sys.stdout.write(paces_output(goal, as_json))
