"""``miler plan``: the goal's verdict and a dated week-by-week plan with every session's paces."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

import typer

from miler.cli import params
from miler.errors import ConflictingInputError, InvalidInputError

# Domain field -> the option a user typed, so errors name what the user can change.
_OPTIONS = {
    "weekly_miles": "--weekly-miles", "test_mile": "--test-mile", "goal": "--goal",
    "weeks": "--weeks", "start": "--start", "race_date": "--race-date", "age": "--age",
    "training_days": "--days", "long_run_day": "--long-run-day", "time_trial": "--time-trial",
}


def _opt(help_text: str, metavar: str) -> Any:
    return typer.Option(help=help_text, metavar=metavar, show_default=False)


def next_monday(today: date) -> date:
    """The first Monday after ``today`` (a week ahead when today is a Monday)."""
    return today + timedelta(days=7 - today.weekday())


def plan(
    weekly_miles: Annotated[str, typer.Option(
        "--weekly-miles", metavar="N", show_default=False,
        help="Miles you run a week now (0 to 150); under 15, base weeks come first.")],
    test_mile: Annotated[str | None, _opt(
        "Your recent test mile, e.g. 7:45; without it week 1 opens with one.", "M:SS")] = None,
    goal: Annotated[str | None, _opt(
        "Goal mile time, e.g. 7:00; without it the plan trains for the suggested goal.",
        "M:SS")] = None,
    weeks: Annotated[str | None, _opt("Weeks in the mile block, 6 to 10 (default 8).",
                                      "6..10")] = None,
    start: Annotated[str | None, _opt(
        "First day of week 1 (default: next Monday; with --race-date alone, counted back "
        "from the race).", "YYYY-MM-DD")] = None,
    race_date: Annotated[str | None, _opt(
        "Race day (default: the last day of the last week).", "YYYY-MM-DD")] = None,
    age: Annotated[str | None, _opt("Your age in years.", "N")] = None,
    sex: Annotated[str | None, _opt("female or male (compares your mile with the average).",
                                    "female|male")] = None,
    days: Annotated[str | None, _opt(
        "Days you can train, e.g. mon,tue,thu,sat,sun (default: all but Monday; at least 5).",
        "DAYS")] = None,
    long_run_day: Annotated[str | None, _opt(
        "Day of the long run (default: Sunday, else Saturday, else your last day).",
        "DAY")] = None,
    units: Annotated[str, typer.Option(
        "--units", metavar="mi|km", help="Distances and paces in miles or km.")] = "mi",
    time_trial: Annotated[str | None, _opt(
        "Result of the mid-block time trial: the weeks after it are re-paced from it.",
        "M:SS")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print miler.plan/1 JSON.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print Markdown.")] = False,
) -> None:
    """Judge the goal and build a dated plan: base weeks if needed, then a 6-10 week block."""
    from miler.domain.athlete import DEFAULT_TRAINING_DAYS, Athlete, Sex, Units
    from miler.domain.planner import generate_plan

    if as_json and markdown:
        raise ConflictingInputError("--markdown", "cannot be combined with --json", "--json")
    race = None if race_date is None else params.iso_date(race_date, "--race-date")
    first = None if start is None else params.iso_date(start, "--start")
    if first is None and race is None:
        first = next_monday(date.today())
    try:
        athlete = Athlete(
            params.number(weekly_miles, "--weekly-miles", 0, 150, "miles"),
            None if test_mile is None else params.mile_time(test_mile, "--test-mile").seconds,
            DEFAULT_TRAINING_DAYS if days is None else params.weekdays(days, "--days"),
            None if long_run_day is None else params.weekday(long_run_day, "--long-run-day"),
            None if age is None else params.whole_number(age, "--age", 5, 110),
            None if sex is None else Sex(params.choice(sex, "--sex", ("female", "male"))),
            Units(params.choice(units, "--units", ("mi", "km"))))
        result = generate_plan(
            athlete, first,
            None if weeks is None else params.whole_number(weeks, "--weeks", 6, 10), race,
            None if goal is None else params.mile_time(goal, "--goal").seconds,
            None if time_trial is None else params.mile_time(time_trial, "--time-trial").seconds)
    except InvalidInputError as exc:
        typed = {"test_mile": test_mile, "goal": goal, "time_trial": time_trial, "weeks": weeks,
                 "race_date": race_date, "training_days": days, "long_run_day": long_run_day,
                 "weekly_miles": weekly_miles}.get(exc.field)
        raise type(exc)(_OPTIONS.get(exc.field, exc.field), exc.rule,
                        exc.value if typed is None else typed) from None
    _check_not_past(result.start_date, start, race_date)
    from miler.cli.render import json_out
    from miler.cli.render.plan import plan_markdown, plan_view

    if as_json:
        json_out(result.to_doc())
    elif markdown:
        plan_markdown(result)
    else:
        plan_view(result)


def _check_not_past(first: date, start: str | None, race_date: str | None) -> None:
    """Counted back from the race, the plan must not start in the past."""
    today = date.today()
    if start is None and race_date is not None and first < today:
        raise InvalidInputError(
            "--race-date", f"is too soon: the plan would start on {first}, before today "
                           f"({today}); give fewer --weeks or a later race", race_date)
