"""``miler plan``: the assessment and a dated plan; optionally saved, on the calendar, on the
watch and on paper. The contract other tools read is ``--json`` (schemas/plan.schema.json).

The options are plain data (``cli.options.Option``), so a well-formed run is parsed by
``cli.fast`` without importing Typer; anything else goes to the Typer application. No ``from
__future__ import annotations`` here: both read the annotations of ``plan`` (Typer several
times per run, and evaluating them from strings each time was a tenth of the start)."""

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

from miler.cli import params
from miler.cli.options import Option
from miler.cli.store import DbOption

if TYPE_CHECKING:  # the typed view is built only when files or text need it (start-up);
    from pathlib import Path  # paths only when given (cli.app resolves "Path" for Typer)

    from miler.domain.plan_view import PlanView


def _opt(flag: str, text: str, metavar: str | None = None) -> Any:
    return Option(flag, help=text, metavar=metavar, show_default=False)


# Domain fields -> the options that set them, for errors raised inside the planner.
_OPTIONS = {"weeks": "--weeks", "race_date": "--race-date", "start": "--start",
            "goal": "--goal", "time_trial": "--time-trial", "insist": "--insist"}


def plan(
    weekly_miles: Annotated[str | None, _opt("--weekly-miles", "Miles run a week now.",
                                             "MILES")] = None,
    test_mile: Annotated[str | None, _opt("--test-mile", "A recent all-out mile; without it "
                                          "the plan opens with a test mile.", "M:SS")] = None,
    goal: Annotated[str | None, _opt("--goal", "Goal mile, M:SS (default: the suggested "
                                     "goal).", "M:SS")] = None,
    weeks: Annotated[str | None, _opt("--weeks", "Mile-block weeks, 6 to 10 (default 8).",
                                      "N")] = None,
    start: Annotated[str | None, _opt("--start", "First day, YYYY-MM-DD (default: next "
                                      "Monday).", "DATE")] = None,
    race_date: Annotated[str | None, _opt("--race-date", "Race day, YYYY-MM-DD (default: the "
                                          "last day of the last week).", "DATE")] = None,
    age: Annotated[str | None, _opt("--age", "Age in years.", "YEARS")] = None,
    sex: Annotated[str | None, _opt("--sex", "female or male.", "{female|male}")] = None,
    days: Annotated[str | None, _opt("--days", "Training days, e.g. tue,wed,thu,sat,sun "
                                     "(default: all but Monday).", "DAYS")] = None,
    long_run_day: Annotated[str | None, _opt("--long-run-day", "Day of the long run "
                                             "(default: Sunday).", "DAY")] = None,
    units: Annotated[str, Option("--units", metavar="{mi|km}",
                                           help="mi or km for distances.")] = "mi",
    insist: Annotated[bool, Option(
        "--insist", help="Keep --goal even when it is unrealistic or already achieved (the "
        "plan warns; reps stay within your fitness).")] = False,
    time_trial: Annotated[str | None, _opt(
        "--time-trial", "Result of the mid-block time trial, M:SS: the weeks after it are "
        "re-paced from it.", "M:SS")] = None,
    history: Annotated["list[Path] | None", _opt(
        "--history", "Watch files or folders: the test mile and weekly miles come from them "
        "when not given.", "PATH")] = None,
    as_json: Annotated[bool, Option("--json", help="Print the miler.plan/1 document.")
                       ] = False,
    markdown: Annotated[bool, Option("--markdown", help="Print Markdown.")] = False,
    ics: Annotated["Path | None", _opt("--ics", "Write the plan as a calendar file.", "FILE")
                   ] = None,
    at: Annotated[str | None, _opt("--time", "Calendar events at this time, e.g. 06:30 "
                                   "(with --tz); default all-day.", "HH:MM")] = None,
    tz: Annotated[str | None, _opt("--tz", "Time zone for --time, e.g. Europe/London.",
                                   "ZONE")] = None,
    fit: Annotated["Path | None", _opt("--fit", "Write one FIT workout per run and strength "
                                     "session into DIR (copy to GARMIN/NewFiles).", "DIR")
                   ] = None,
    html: Annotated["Path | None", _opt("--html", "Write the printable plan as HTML.", "FILE")
                    ] = None,
    pdf: Annotated["Path | None", _opt("--pdf", "Write the printable plan as PDF: a calendar "
                                     "page, then a page a week.", "FILE")] = None,
    paper: Annotated[str | None, _opt("--paper", "Paper for --pdf: letter or a4 (default: "
                                      "letter for --units mi, a4 for km).", "{letter|a4}")] = None,
    intervals: Annotated["Path | None", _opt(
        "--intervals-icu", "Write one intervals.icu plain-text workout per run: into DIR, "
        "or all into FILE.txt.", "FILE|DIR")] = None,
    save: Annotated[bool, Option("--save", help="Keep the plan as the athlete's next "
                                       "plan version.")] = False,
    athlete: Annotated[str | None, _opt("--athlete", "Whose plan (with --save).", "NAME")
                       ] = None,
    db: DbOption = None,
) -> None:
    """Assess the goal and build a dated plan: base weeks if needed, then the mile block."""
    from miler.errors import ConflictingInputError, InvalidInputError

    if as_json and markdown:
        raise ConflictingInputError("--json", "cannot be combined with --markdown", "--markdown")
    inputs = _inputs(weeks, start, race_date, goal) | {"insist": insist}
    runner, estimate = _runner(weekly_miles, test_mile, days, long_run_day, age, sex, units,
                               athlete, history)
    inputs |= estimate
    inputs["time_trial_s"] = (params.mile_time(time_trial, "--time-trial").seconds
                              if time_trial else None)
    from miler.services import coaching

    notes: list[str] = []
    files = any(f is not None for f in (ics, at, tz, fit, html, pdf, paper, intervals))
    plan: PlanView | None = None

    def write_files(plan: "PlanView", version: int = 0) -> None:
        notes.extend(_write_files(plan, version, ics=ics, at=at, tz=tz, fit=fit, html=html,
                                  pdf=pdf, paper=paper, intervals=intervals))

    try:
        if save:  # the files are written before the plan is kept: a failed one keeps nothing
            from datetime import UTC, datetime

            from miler.cli.store import open_store

            saved = coaching.keep_plan(open_store(db), runner, inputs, now=datetime.now(UTC),
                                       tz=tz, before_commit=lambda s: write_files(s.plan,
                                                                                  s.version))
            doc, plan = saved.doc, saved.plan
            notes.append(f"saved as {runner.name}'s plan v{saved.version}")
        else:
            doc = coaching.make_plan(runner, inputs)
            if files or not as_json:
                from miler.domain import plan_view

                plan = plan_view.PlanView.from_doc(doc)
                if files:
                    write_files(plan)
    except InvalidInputError as exc:  # name the option the user typed, not the domain field
        flag = _OPTIONS.get(exc.field)
        if flag is None:
            raise
        typed = {"--weeks": weeks, "--race-date": race_date, "--start": start, "--goal": goal,
                 "--time-trial": time_trial, "--insist": "--insist"}[flag]
        raise type(exc)(flag, exc.rule, exc.value if typed is None else typed) from None
    _show(doc, plan, as_json, markdown, notes)


def _inputs(weeks: str | None, start: str | None, race_date: str | None,
            goal: str | None) -> dict[str, Any]:
    """What the plan is made from, as ``services.coaching.make_plan`` takes it."""
    from miler.errors import InvalidInputError
    from miler.services.coaching import next_monday

    first = params.iso_date(start, "--start") if start else None
    race = params.iso_date(race_date, "--race-date") if race_date else None
    if first is None and race is None:
        first = next_monday(date.today())
    if first is not None and race is not None and race <= first:
        raise InvalidInputError("--race-date", f"must be after the start ({first.isoformat()})",
                                race_date)
    return {"start": first.isoformat() if first else None,
            "race_date": race.isoformat() if race else None,
            "weeks": params.whole_number(weeks, "--weeks", 6, 10) if weeks else None,
            "goal_mile_s": params.mile_time(goal, "--goal").seconds if goal else None}


def _runner(weekly_miles: str | None, test_mile: str | None, days: str | None,
            long_run_day: str | None, age: str | None, sex: str | None, units: str,
            name: str | None, history: "list[Path] | None") -> tuple[Any, dict[str, Any]]:
    """The runner, and the fitness estimate as plan inputs (from --history, when it has no
    recent test mile)."""
    from miler.errors import InvalidInputError

    estimate: dict[str, Any] = {}
    if history and (weekly_miles is None or test_mile is None):
        weekly_miles, test_mile, estimate = _from_history(history, weekly_miles, test_mile)
    if weekly_miles is None:
        raise InvalidInputError("--weekly-miles", "is needed (or --history with watch files)",
                                "")
    if units not in {"mi", "km"}:
        raise InvalidInputError("--units", "must be mi or km", units)
    from dataclasses import replace

    from miler.domain.athlete import Units

    runner = params.athlete(name=name, weekly_miles=weekly_miles, test_mile=test_mile,
                            days=days, long_run_day=long_run_day, age=age, sex=sex)
    return replace(runner, units=Units(units)), estimate


def _from_history(paths: "list[Path]", weekly: str | None, mile: str | None
                  ) -> tuple[str | None, str | None, dict[str, Any]]:
    """Fill the missing weekly miles (last 4 weeks) from a watch history; the mile is a
    recognised test mile of the last 12 weeks, else the fitness estimate from the hard
    running of those weeks (returned as plan inputs: the paces are provisional)."""
    from miler.cli.render.plan import history_note
    from miler.domain.units import format_clock
    from miler.errors import InvalidInputError, NotEnoughDataError
    from miler.services.history import scan_history

    try:
        summary = scan_history(paths, today=date.today())
    except InvalidInputError as exc:  # name the option the runner typed
        raise InvalidInputError("--history", exc.rule, exc.value) from None
    found = summary.baseline()
    if weekly is None:
        weekly = f"{found.weekly_miles:.1f}"
    estimate: dict[str, Any] = {}
    shown = mile
    if mile is None and found.source == "test mile" and found.mile_s:
        mile = shown = format_clock(found.mile_s, 1)
    elif mile is None:
        try:
            fitness = summary.fitness()
        except NotEnoughDataError:
            fitness = None
        if fitness is not None:
            estimate = {"estimate_mile_s": round(fitness.mile_s, 1),
                        "estimate_basis": fitness.basis}
            lo, hi = fitness.interval_80
            shown = (f"about {format_clock(fitness.mile_s, 0)} (80 %: {format_clock(lo, 0)}"
                     f" to {format_clock(hi, 0)}, estimated; no recent test mile)")
    history_note(summary, weekly, shown)
    return weekly, mile, estimate


def _write_files(plan: "PlanView", version: int, *, ics: "Path | None", at: str | None,
                 tz: str | None, fit: "Path | None", html: "Path | None", pdf: "Path | None",
                 paper: str | None, intervals: "Path | None") -> list[str]:
    from datetime import UTC, datetime

    from miler.cli.files import write_export, write_exports
    from miler.errors import InvalidInputError
    from miler.services import exports

    now, notes = datetime.now(UTC), []
    if paper is not None and pdf is None:
        raise InvalidInputError("--paper", "only applies with --pdf FILE", paper)
    if ics is not None:
        start = params.clock_time(at, "--time") if at else None
        write_export(ics, exports.calendar(plan, now=now, start=start, tz=tz, version=version))
        notes.append(f"calendar written to {ics}")
    elif at or tz:
        raise InvalidInputError("--time", "only applies with --ics FILE", at or tz)
    if fit is not None:
        written = write_exports(fit, exports.workouts(plan, now=now), "--fit")
        notes.append(f"{len(written)} watch workouts written to {fit}")
    if intervals is not None:
        notes.append(_write_intervals(plan, intervals))
    for path in (p for p in (html, pdf) if p is not None):
        write_export(path, exports.document(plan, path.name, paper=paper))
        notes.append(f"printable plan written to {path}")
    return notes


def _write_intervals(plan: "PlanView", path: "Path") -> str:
    """A ``.txt`` path gets every workout in one file; anything else is a folder of them."""
    from miler.cli.files import write_export, write_exports
    from miler.services import exports

    if path.suffix.lower() == ".txt" and not path.is_dir():
        write_export(path, exports.intervals_icu_file(plan, path.name))
        return f"intervals.icu workouts written to {path}"
    written = write_exports(path, exports.intervals_icu(plan), "--intervals-icu")
    return f"{len(written)} intervals.icu workouts written to {path}"


def _show(doc: dict[str, Any], plan: "PlanView | None", as_json: bool, markdown: bool,
          notes: list[str]) -> None:
    """The plan: its document with ``--json`` (the contract), else as text. The text views
    (and Rich) are imported only when they are shown."""
    if as_json:
        from miler.cli.render import json_out

        json_out(doc)
    else:
        from miler.cli.render.plan import plan_markdown, plan_view

        assert plan is not None  # built above whenever the plan is shown as text
        if markdown:
            print(plan_markdown(plan), end="")
        else:
            plan_view(plan)
    if notes:
        from miler.cli.render.plan import notes_view

        notes_view(notes)
