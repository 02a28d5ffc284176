"""``miler plan`` output: the assessment on top, the paces, then week by week."""

from __future__ import annotations

from typing import Any

from miler.adapters.exports.steps_text import pace_text, session_lines
from miler.cli.render import console
from miler.domain.plan_view import PlanView, SessionView
from miler.domain.units import METERS_PER_MILE, format_clock
from miler.domain.workouts import Repeat, Step, StepKind
from miler.domain.zones import pace_label


def _key_pace(session: SessionView) -> str:
    """The pace that defines a session: its first work step's, else its first paced step's;
    for the race, the whole mile's (its laps' splits over their distance)."""
    flat: list[Step] = []
    for step in session.steps:
        flat += list(step.steps) if isinstance(step, Repeat) else [step]
    paced = [s for s in flat if s.pace is not None]
    work = [s for s in paced if s.kind is StepKind.WORK] or paced
    if session.workout == "race" and work:
        mile = sum(s.duration_s or 0.0 for s in work) * METERS_PER_MILE / sum(
            s.distance_m or 0.0 for s in work)
        return pace_text([mile, mile])
    pace = work[0].pace if work else None
    return pace_text(pace.as_list()) if pace else ""


def _length(plan: PlanView) -> str:
    """The plan's true length: "8 weeks", or "7 weeks and 3 days" for a mid-week race."""
    days = (plan.race_date - plan.start_date).days + 1
    weeks, extra = divmod(days, 7)
    whole = f"{weeks} week{'s' if weeks != 1 else ''}"
    return whole if not extra else f"{whole} and {extra} day{'s' if extra != 1 else ''}"


def _head(plan: PlanView) -> list[str]:
    goal = plan.goal
    lines = [f"Goal {format_clock(goal.mile_s)}: {goal.verdict}. {goal.reason}",
             f"{_length(plan)} from {plan.start_date}; race on {plan.race_date}.",
             *plan.notes]
    return lines


def plan_view(plan: PlanView) -> None:
    from rich import box
    from rich.table import Table

    out = console()
    for line in _head(plan):
        out.print(line)
    paces = Table(box=box.SIMPLE_HEAD, title="Paces", title_justify="left")
    paces.add_column("pace")
    paces.add_column("per mile (per 400 m lap)")
    for name, rng in plan.paces:
        paces.add_row(pace_label(name), pace_text(rng.as_list()))
    out.print(paces)
    for week in plan.weeks:
        miles = week.planned_distance_m / METERS_PER_MILE
        grid = Table(box=box.SIMPLE_HEAD, title_justify="left",
                     title=f"Week {week.index} · {week.phase} · from "
                           f"{week.start_date} · {miles:.1f} mi")
        grid.add_column("day")
        grid.add_column("session")
        grid.add_column("pace")
        for s in week.sessions:
            title = f"{s.title} *" if s.is_hard else s.title
            grid.add_row(s.date.strftime("%a %d %b"), title, _key_pace(s))
        out.print(grid)
    out.print("* hard session. `miler plan ... --markdown` (or --html/--pdf) shows every step.")


def plan_markdown(plan: PlanView) -> str:
    """The whole plan as Markdown: every session's steps, paces and why."""
    lines = ["# Mile plan", "", *_head(plan), "", "| pace | per mile (per 400 m lap) |",
             "|---|---|"]
    lines += [f"| {pace_label(n)} | {pace_text(rng.as_list())} |" for n, rng in plan.paces]
    for week in plan.weeks:
        miles = week.planned_distance_m / METERS_PER_MILE
        lines += ["", f"## Week {week.index}: {week.phase}, from {week.start_date}, "
                      f"{miles:.1f} mi", ""]
        for s in week.sessions:
            hard = " (hard)" if s.is_hard else ""
            lines += [f"### {s.date:%a %d %b}: {s.title}{hard}", ""]
            lines += [f"- {line}" if line and not line.startswith("Why") else line
                      for line in session_lines(s)]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def notes_view(notes: list[str]) -> None:
    """What was written or saved, on stderr so stdout stays the plan (or its JSON)."""
    err = console(stderr=True)
    for note in notes:
        err.print(f"miler: {note}")


def history_note(summary: Any, weekly: str | None, mile: str | None) -> None:
    console(stderr=True).print(
        f"miler: from {len(summary.runs)} runs in the history: {weekly} miles a week"
        + (f", mile {mile}" if mile else ", no recent mile (the plan opens with a test mile)"))
