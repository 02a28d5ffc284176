"""Day-to-day coaching: ``miler today``, ``miler session done|skip|move``, ``miler log``,
``miler progress``. All read and write the athlete's saved plan."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

import typer

from miler.cli import params
from miler.cli.options import JsonOption
from miler.cli.store import DbOption, open_store

AthleteOption = Annotated[str | None, typer.Option(
    "--athlete", metavar="NAME", help="Whose plan (default: the only athlete).",
    show_default=False)]

#: The kinds ``miler log --kind`` takes (domain.workouts.RUN_KINDS, checked by a test).
KINDS = "{easy|long|speed|threshold|fartlek|hills|strides|time_trial|race}"

session_app = typer.Typer(help="Mark a planned session done or skipped, or move it.",
                          no_args_is_help=True)


def today(
    day: Annotated[str | None, typer.Option("--date", metavar="DATE",
                                            help="Another day than today, YYYY-MM-DD.",
                                            show_default=False)] = None,
    athlete: AthleteOption = None, db: DbOption = None, as_json: JsonOption = False,
) -> None:
    """What to run today, with paces, and how yesterday went."""
    import sys

    from miler.cli.render.coach import today_output
    from miler.services.coaching import today as run

    when = params.iso_date(day, "--date") if day else date.today()
    # the same rendering as `cli/kept.py`'s fast path
    sys.stdout.write(today_output(run(open_store(db), athlete, when), as_json))


def _mark(session_id: str, status: str, db: str | None, athlete: str | None,
          as_json: bool) -> None:
    from miler.services.coaching import set_session_status

    _show_session(set_session_status(open_store(db), athlete, session_id, status), as_json)


def _show_session(session: Any, as_json: bool) -> None:
    from miler.cli.render import json_out
    from miler.cli.render.coach import session_doc, session_view

    if as_json:
        json_out(session_doc(session))
    else:
        session_view(session)


IdArg = Annotated[str, typer.Argument(metavar="ID", help="The session's id (see `miler today`).",
                                      show_default=False)]


@session_app.command()
def done(session_id: IdArg, athlete: AthleteOption = None, db: DbOption = None,
         as_json: JsonOption = False) -> None:
    """Mark a session done (a run imported from the watch does this itself)."""
    _mark(session_id, "done", db, athlete, as_json)


@session_app.command()
def skip(session_id: IdArg, athlete: AthleteOption = None, db: DbOption = None,
         as_json: JsonOption = False) -> None:
    """Mark a session skipped: it is not made up later."""
    _mark(session_id, "skipped", db, athlete, as_json)


@session_app.command()
def move(session_id: IdArg,
         to: Annotated[str, typer.Option("--to", metavar="DATE", help="The new date, YYYY-MM-DD.",
                                         show_default=False)],
         athlete: AthleteOption = None, db: DbOption = None,
         as_json: JsonOption = False) -> None:
    """Move a session to another day, never making two hard days in a row."""
    from miler.services.coaching import move_session

    when = params.iso_date(to, "--to")
    _show_session(move_session(open_store(db), athlete, session_id, when), as_json)


def log(
    day: Annotated[str, typer.Argument(metavar="DATE", help="YYYY-MM-DD.", show_default=False)],
    kind: Annotated[str, typer.Option("--kind", metavar=KINDS, help="What the run was.")] = "easy",
    distance: Annotated[str, typer.Option("--distance", metavar="DISTANCE",
                                          help="e.g. 5mi, 8km, 1600m.",
                                          show_default=False)] = "",
    time: Annotated[str | None, typer.Option("--time", metavar="H:MM:SS", help="e.g. 45:00.",
                                             show_default=False)] = None,
    athlete: AthleteOption = None, db: DbOption = None, as_json: JsonOption = False,
) -> None:
    """Log a run that has no watch file; it is matched to the plan like an import."""
    from miler.cli.render import json_out
    from miler.cli.render.coach import logged_doc, logged_view
    from miler.domain.units import Distance, Duration
    from miler.domain.workouts import RUN_KINDS
    from miler.errors import InvalidInputError
    from miler.services.training import log_run

    if kind not in RUN_KINDS:
        raise InvalidInputError("--kind", f"must be one of {', '.join(sorted(RUN_KINDS))}", kind)
    meters = Distance.parse(distance, field="--distance").meters
    if meters <= 0:
        raise InvalidInputError("--distance", "must be more than zero", distance)
    seconds = Duration.parse(time, field="--time").seconds if time else None
    if seconds is not None:
        from miler.domain.equivalence import check_result

        check_result(meters, seconds, "--time")  # a 1-second mile, a time of 0
    when = params.iso_date(day, "DATE")
    run = log_run(open_store(db), athlete, when, kind, meters, seconds, datetime.now(UTC))
    if as_json:
        json_out(logged_doc(run, kind, seconds))
    else:
        logged_view(run)


def progress(athlete: AthleteOption = None, db: DbOption = None,
             as_json: JsonOption = False) -> None:
    """Planned against done, week by week; speed sessions against targets; best mile."""
    import sys

    from miler.cli.render.progress import progress_output
    from miler.services.progress import progress as run

    # rendered from the document it is kept as: the same output as `cli/kept.py`'s
    sys.stdout.write(progress_output(run(open_store(db), athlete).to_doc(), as_json))
