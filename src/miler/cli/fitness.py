"""``miler fitness``: the mile today from the hard running in a history, with an 80 %
interval. The contract other tools read is ``--json`` (schemas/fitness.schema.json)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from miler.cli import params
from miler.cli.store import DbOption


def fitness(
    paths: Annotated[list[Path] | None, typer.Argument(
        metavar="[PATH]...", help="Activity files, folders or .zip exports (else --athlete's "
        "stored runs).", show_default=False)] = None,
    athlete: Annotated[str | None, typer.Option(
        "--athlete", help="Whose stored runs (default: the only athlete, when no PATH).",
        show_default=False, metavar="NAME")] = None,
    weeks: Annotated[str, typer.Option(
        "--weeks", help="The window: runs of this many weeks before --today, 1 to 104.",
        metavar="N")] = "12",
    today: Annotated[str | None, typer.Option(
        "--today", help="The day to estimate for, YYYY-MM-DD (default: today).",
        show_default=False, metavar="DATE")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the miler.fitness/1 "
                                          "document.")] = False,
    db: DbOption = None,
) -> None:
    """Estimate today's mile from recent races, tempos and intervals: no test needed.

    Exit 1 with the reason when the history holds too little hard running."""
    from datetime import date

    from miler.domain.fitness import MAX_WEEKS
    from miler.errors import ConflictingInputError, InvalidInputError

    window = params.whole_number(weeks, "--weeks", 1, MAX_WEEKS)
    day = params.iso_date(today, "--today") if today else date.today()
    if paths and athlete:
        raise ConflictingInputError("--athlete", "cannot be combined with PATH", athlete)
    if paths:
        for path in paths:
            if not path.exists():
                raise InvalidInputError("PATH", "must be an existing file or folder", str(path))
        from miler.cli.render.history import progress_bar
        from miler.services.fitness import fitness_of_files

        with progress_bar() as advance:
            found = fitness_of_files(paths, day, window, progress=advance)
    else:
        from miler.cli.store import open_store
        from miler.services.fitness import athlete_fitness

        found = athlete_fitness(open_store(db), athlete, day, window)
    from miler.cli.render import json_out
    from miler.cli.render.fitness import fitness_view

    if as_json:
        json_out(found.to_doc())
    else:
        fitness_view(found)
