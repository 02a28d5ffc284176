"""``miler athlete add|list|show``: the runners this database coaches."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from miler.cli import params
from miler.cli.options import JsonOption
from miler.cli.store import DbOption, open_store

app = typer.Typer(help="The runners miler keeps: add one, list them, show one.",
                  no_args_is_help=True)


@app.command(context_settings={"ignore_unknown_options": True})
def add(
    name: Annotated[str, typer.Argument(metavar="NAME", help="What to call the runner.",
                                        show_default=False)],
    weekly_miles: Annotated[str, typer.Option(
        "--weekly-miles", metavar="MILES", help="Miles run a week now.", show_default=False)],
    test_mile: Annotated[str | None, typer.Option(
        "--test-mile", metavar="M:SS", help="A recent all-out mile.", show_default=False)] = None,
    goal: Annotated[str | None, typer.Option("--goal", metavar="M:SS", help="Goal mile.",
                                             show_default=False)] = None,
    days: Annotated[str | None, typer.Option(
        "--days", metavar="DAYS",
        help="Training days, e.g. tue,wed,thu,sat,sun (default: all but Monday).",
        show_default=False)] = None,
    long_run_day: Annotated[str | None, typer.Option(
        "--long-run-day", metavar="DAY", help="Day of the long run (default: Sunday).",
        show_default=False)] = None,
    age: Annotated[str | None, typer.Option("--age", metavar="YEARS", help="Age in years.",
                                            show_default=False)] = None,
    sex: Annotated[str | None, typer.Option("--sex", metavar="{female|male}",
                                            help="female or male.", show_default=False)] = None,
    tz: Annotated[str | None, typer.Option(
        "--tz", metavar="ZONE", help="Time zone, e.g. Europe/London: the runner's dates.",
        show_default=False)] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add a runner with their current mile, weekly mileage and goal."""
    from datetime import UTC, datetime

    from miler.services.coaching import add_athlete

    athlete = params.athlete(name=name, weekly_miles=weekly_miles, test_mile=test_mile,
                             days=days, long_run_day=long_run_day, age=age, sex=sex)
    goal_s = params.mile_time(goal, "--goal").seconds if goal else None
    _show(add_athlete(open_store(db), athlete, now=datetime.now(UTC), goal_mile_s=goal_s,
                      tz=tz), (), (), as_json)


@app.command(name="list")
def list_(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Every runner, with their mile, mileage and current plan."""
    from miler.cli.render import json_out
    from miler.cli.render.athlete import athletes_doc, athletes_view
    from miler.services.coaching import athletes

    rows = athletes(open_store(db))
    if as_json:
        json_out(athletes_doc(rows))
    else:
        athletes_view(rows)


@app.command()
def show(name: Annotated[str, typer.Argument(
             metavar="NAME", help="The runner's name or id.", show_default=False)],
         db: DbOption = None, as_json: JsonOption = False) -> None:
    """One runner: profile, plan versions and recent results."""
    from miler.services.coaching import athlete_card

    card = athlete_card(open_store(db), name)
    _show(card.athlete, card.plans, card.results, as_json)


def _show(athlete: Any, plans: Any, results: Any, as_json: bool) -> None:
    from miler.cli.render import json_out
    from miler.cli.render.athlete import athlete_doc, athlete_view

    if as_json:
        json_out(athlete_doc(athlete, plans, results))
    else:
        athlete_view(athlete, plans, results)
