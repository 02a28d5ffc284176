"""Print docs/planning.md's table of six runners' work paces, week 1 and the last sharpen week.

Run it after changing domain/prescription.py and paste the output over the table; a test
(tests/domain/test_prescription.py) checks the page still shows what this prints. Each cell is
the session built at that week's fitness the first time round.
"""

from __future__ import annotations

from datetime import date

from miler.domain.athlete import Athlete
from miler.domain.planner import generate_plan
from miler.domain.sessions import SessionContext, build
from miler.domain.units import format_clock
from miler.domain.workouts import AnyStep, Plan, Repeat, Step, StepKind, Week
from miler.domain.zones import training_paces

RUNNERS = (("9:00 aiming at 7:00", 20.0, 540.0, 420.0), ("7:45 at 7:00", 20.0, 465.0, 420.0),
           ("10:30 at 9:30", 15.0, 630.0, 570.0), ("6:10 at 5:45", 30.0, 370.0, 345.0),
           ("5:05 at 4:55", 50.0, 305.0, 295.0), ("3:50, no goal", 90.0, 230.0, None))
KINDS = (("400s", "repeats_400"), ("interval", "vo2max"), ("threshold", "threshold"),
         ("tempo", "goal_tempo"))


def _work(steps: tuple[AnyStep, ...]) -> Step | None:
    """The first work step with a pace target."""
    stack = list(steps)
    while stack:
        step = stack.pop(0)
        if isinstance(step, Repeat):
            stack = list(step.steps) + stack
        elif step.kind is StepKind.WORK and step.pace is not None:
            return step
    return None


def _pace(plan: Plan, week: Week, key: str) -> str:
    fit = week.fitness_mile_s or plan.assessment.current_mile_s
    ctx = SessionContext(plan.paces, week.phase, 0, plan.assessment.current_mile_s,
                         work=training_paces(fit, plan.assessment.goal_mile_s), mile_s=fit)
    step = _work(build(key, ctx).steps)
    if step is None or step.pace is None:
        return "by effort"
    return (f"{format_clock(step.pace.fast_s_per_mile, 0)}–"
            f"{format_clock(step.pace.slow_s_per_mile, 0)}")


def table() -> str:
    head = "| runner | trains for | week | fitness | " + " | ".join(k for k, _ in KINDS) + " |"
    rows = [head, "|---|---:|---|---:|" + "---:|" * len(KINDS)]
    for label, miles, test, goal in RUNNERS:
        plan = generate_plan(Athlete(miles, test), date(2026, 11, 30), goal_mile_s=goal)
        block = [w for w in plan.weeks if w.phase.value in ("build", "sharpen")]
        for name, week in (("1", block[0]), (f"{block[-1].index} (last sharpen)", block[-1])):
            fit = format_clock(week.fitness_mile_s or test, 0)
            cells = " | ".join(_pace(plan, week, key) for _, key in KINDS)
            rows.append(f"| {label} | {format_clock(plan.assessment.goal_mile_s, 0)} | {name} | "
                        f"{fit} | {cells} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(table())
