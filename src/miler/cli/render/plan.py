"""``miler plan`` output: the readable week-by-week view and Markdown (JSON is Plan.to_doc()).

Paces show whole seconds per mile (or km) and tenths per 400 m lap, rounded half up; distances
one decimal in the runner's unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from miler.cli.render import console
from miler.domain.units import METERS_PER_KM, METERS_PER_MILE, TRACK_LAP_M, format_clock
from miler.domain.workouts import AnyStep, Plan, Repeat, Session, Step, StepKind, Week
from miler.domain.zones import PaceRange

__all__ = ["describe_steps", "plan_markdown", "plan_view"]

_PACE_NAMES = {
    "easy": "easy", "long": "long run", "marathon": "marathon", "threshold": "threshold",
    "interval": "interval (VO2max)", "repetition": "repetition", "goal_mile": "goal mile",
    "race_20min": "20-min race", "race_10_12min": "10-12-min race", "mile_race": "mile now→goal",
    "seed_repeats": "seed 200/400 m repeats", "seed_tempo": "seed tempo and 800s",
}


_WORD = {"mi": "mile", "km": "km"}


def _unit_m(units: str) -> float:
    return METERS_PER_MILE if units == "mi" else METERS_PER_KM


def _range(fast: float, slow: float, decimals: int) -> str:
    a, b = format_clock(fast, decimals), format_clock(slow, decimals)
    return a if a == b else f"{a}–{b}"


def pace_text(pace: PaceRange, units: str) -> tuple[str, str]:
    """(per mile or km, per 400 m lap) of a pace range."""
    per = _unit_m(units) / METERS_PER_MILE
    lap = TRACK_LAP_M / METERS_PER_MILE
    return (_range(pace.fast_s_per_mile * per, pace.slow_s_per_mile * per, 0),
            _range(pace.fast_s_per_mile * lap, pace.slow_s_per_mile * lap, 1))


def _distance(meters: float, units: str, decimals: int = 1) -> str:
    return f"{meters / _unit_m(units):.{decimals}f} {units}"


def _work_steps(steps: Iterable[AnyStep]) -> list[Step]:
    out: list[Step] = []
    for step in steps:
        if isinstance(step, Repeat):
            out += _work_steps(step.steps)
        elif step.kind is StepKind.WORK:
            out.append(step)
    return out


def session_pace(session: Session, units: str) -> tuple[str, str]:
    """The pace of a session's work: one range over all its paced work steps, or the effort."""
    work = _work_steps(session.steps)
    paced = [s.pace for s in work if s.pace is not None]
    if paced:
        return pace_text(PaceRange(min(p.fast_s_per_mile for p in paced),
                                   max(p.slow_s_per_mile for p in paced)), units)
    efforts = sorted({s.effort for s in work if s.effort is not None})
    return (f"effort {efforts[-1]}", "") if efforts and session.is_run else ("", "")


def _seconds(seconds: float) -> str:
    return f"{seconds / 60:g} min" if seconds >= 120 else f"{seconds:g} s"


def _amount(step: Step, units: str) -> str:
    if step.distance_m is None or (step.measure is not None and step.measure.value == "time"):
        return _seconds(step.duration_s or 0.0)
    meters = step.distance_m
    if meters < 1600 and abs(meters - round(meters, -1)) < 1e-6:
        return f"{meters:g} m"
    if abs(meters - METERS_PER_MILE) < 1e-6:
        return "1 mile"
    return _distance(meters, units, 2).replace(".00 ", " ").rstrip("0")


def describe_step(step: AnyStep, units: str) -> str:
    if isinstance(step, Repeat):
        return f"{step.times} x ({'; '.join(describe_step(s, units) for s in step.steps)})"
    if step.kind in (StepKind.EXERCISE, StepKind.DRILL):
        each = f"{step.reps}" if step.reps else _seconds(step.duration_s or 0.0)
        return f"{step.name} {step.sets} x {each}" if step.sets and step.sets > 1 \
            else f"{step.name} {each}"
    amount = _amount(step, units)
    if step.kind is StepKind.WARMUP:
        return f"{amount} easy warm-up"
    if step.kind is StepKind.COOLDOWN:
        return f"{amount} easy cool-down"
    if step.kind is StepKind.RECOVERY:
        return f"{amount} {step.name or 'jog'}"
    if step.pace is not None:
        per, lap = pace_text(step.pace, units)
        label = f" ({step.name})" if step.name else ""
        return f"{amount} at {per}/{units}, {lap}/lap{label}"
    return f"{amount}, effort {step.effort}" + (f" ({step.name})" if step.name else "")


def describe_steps(steps: Sequence[AnyStep], units: str) -> str:
    return "; ".join(describe_step(step, units) for step in steps)


def _day(session: Session) -> str:
    return f"{session.date:%a} {session.date.day} {session.date:%b}"


def _long_date(day: Any) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _headline(plan: Plan) -> list[str]:
    a = plan.assessment
    units = str(plan.athlete.units)
    weeks = f"{plan.block_weeks}-week mile block"
    if plan.base_weeks:
        weeks = f"{plan.base_weeks} base weeks and a {weeks}"
    lines = [f"Goal {format_clock(a.goal_mile_s, 0)} mile: {a.verdict}", a.reason,
             f"Plan: {weeks}, {_long_date(plan.start_date)} to race day "
             f"{_long_date(plan.race_date)}. Paces per {_WORD[units]} and per 400 m lap, "
             "rounded half up."]
    if plan.time_trial_date is not None:
        lines.append(f"Time trial on {_long_date(plan.time_trial_date)}: "
                     + ("the weeks after it use paces from its result."
                        if plan.time_trial_s is not None
                        else "give its result with --time-trial to re-set the paces after it."))
    return lines


def _pace_rows(plan: Plan) -> list[tuple[str, str, str]]:
    units = str(plan.athlete.units)
    paces = plan.paces.as_dict()
    return [(_PACE_NAMES.get(name, name), *pace_text(rng, units)) for name, rng in paces.items()
            if not (name == "long" and rng == paces["easy"])]


def _week_title(week: Week, units: str) -> str:
    extra = ", easier" if week.easier and week.phase.value in ("base", "build", "sharpen") else ""
    return (f"Week {week.index} · {week.phase}{extra} · from {_long_date(week.start_date)} · "
            f"{_number(week.planned_distance_m, units)} {units}")


def plan_view(plan: Plan) -> None:
    from rich import box
    from rich.table import Table

    out = console()
    units = str(plan.athlete.units)
    for line in _headline(plan):
        out.print(line)
    paces = Table(box=box.SIMPLE_HEAD, title="Paces now", title_justify="left")
    for name, justify in (("pace", "left"), (f"per {_WORD[units]}", "right"),
                          ("per lap", "right")):
        paces.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in _pace_rows(plan):
        paces.add_row(*row)
    out.print(paces)
    for week in plan.weeks:
        out.print(_week_table(week, units))


def _number(meters: float, units: str) -> str:
    """Up to two decimals, no trailing zeros: 5.75, 3.8, 20."""
    return f"{meters / _unit_m(units):.2f}".rstrip("0").rstrip(".")


def _by_day(sessions: Sequence[Session]) -> list[list[Session]]:
    days: list[list[Session]] = []
    for session in sessions:
        if days and days[-1][0].date == session.date:
            days[-1].append(session)
        else:
            days.append([session])
    return days


def _week_table(week: Week, units: str) -> Any:
    """One row a day: the main session with its pace, what follows it after a +."""
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, title=_week_title(week, units), title_justify="left")
    table.add_column("day", no_wrap=True)
    table.add_column("session")
    table.add_column(units, justify="right", no_wrap=True)
    table.add_column(f"/{units}", justify="right", no_wrap=True)
    table.add_column("/lap", justify="right", no_wrap=True)
    for sessions in _by_day(week.sessions):
        main = sessions[0]
        meters = sum(s.planned_distance_m or 0.0 for s in sessions)
        per, lap = session_pace(main, units)
        table.add_row(_day(main), " + ".join(s.title for s in sessions),
                      _number(meters, units) if meters else "", per, lap)
    return table


def plan_markdown(plan: Plan) -> None:
    import sys

    sys.stdout.write(markdown(plan))


def markdown(plan: Plan) -> str:
    """The whole plan as Markdown: verdict, paces, and each week as a table with the steps."""
    units = str(plan.athlete.units)
    head = _headline(plan)
    lines = [f"# {head[0]}", "", *(f"{line}\n" for line in head[1:]), "## Paces now", "",
             f"| pace | per {_WORD[units]} | per 400 m lap |", "|---|---:|---:|"]
    lines += [f"| {name} | {per} | {lap} |" for name, per, lap in _pace_rows(plan)]
    for week in plan.weeks:
        lines += ["", f"## {_week_title(week, units)}", "",
                  f"| day | session | {units} | what to do |", "|---|---|---:|---|"]
        for s in week.sessions:
            meters = s.planned_distance_m
            dist = "" if meters is None else _number(meters, units)
            what = describe_steps(s.steps, units) or "—"
            lines.append(f"| {_day(s)} | **{s.title}** ({s.intensity})<br>*{s.why}* | {dist} "
                         f"| {what} |")
    return "\n".join(lines) + "\n"
