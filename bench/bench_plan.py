"""Plan generation in-process, against the whole `miler plan --json` a user runs, in one run.

There is no other program that builds this plan to race against (a coach with a spreadsheet is
not measurable), so the honest comparison is the user's own command: how much of the time a
runner waits for `miler plan` is the planning, and how much is Python, imports and printing.
Canonical runner: 7:45 test mile, 20 miles a week, goal 7:00, 8 weeks; and a runner with
base weeks (0 miles a week, untested: 21 weeks).

Issue 22's two goals are printed with the figures: generate_plan at most 2 ms for the canonical
runner, and `miler plan --json` at most 8x a bare `python -c pass` of the same interpreter.
``sum(range(1000))`` is printed as the machine's speed for plain Python, so days compare.
"""

from __future__ import annotations

import sys
from datetime import date

from timing import MILER, median_ms, process_ms

from miler.domain.athlete import Athlete
from miler.domain.planner import generate_plan

RUNS = 300
PROCESS_RUNS = 15
CANONICAL = (Athlete(20.0, 465.0), date(2026, 3, 2), 420.0)
BEGINNER = (Athlete(0.0, None), date(2026, 3, 2), None)
PLAN_GOAL_MS = 2.0
START_GOAL_X = 8.0


def _plan(case):  # type: ignore[no-untyped-def]
    athlete, start, goal = case
    return generate_plan(athlete, start, goal_mile_s=goal)


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


if __name__ == "__main__":
    for _ in range(20):  # warm caches and the allocator
        _plan(CANONICAL)
    speed_us = median_ms(lambda: sum(range(1000)), 2001) * 1000
    plan_ms = median_ms(lambda: _plan(CANONICAL), RUNS)
    plan = _plan(CANONICAL)
    doc_ms = median_ms(plan.to_doc, RUNS)
    beginner_ms = median_ms(lambda: _plan(BEGINNER), RUNS // 3)
    cmd = [MILER, "plan", "--weekly-miles", "20", "--test-mile", "7:45", "--goal", "7:00",
           "--start", "2026-03-02", "--json"]
    bare_ms = process_ms([sys.executable, "-c", "pass"], PROCESS_RUNS)
    wait_ms = process_ms(cmd, PROCESS_RUNS)
    sessions = len(plan.sessions)
    print(f"sum(range(1000))                     {speed_us:7.1f} us (the machine's speed)")
    print(f"generate_plan, 8 weeks ({sessions} sessions)  {plan_ms:7.2f} ms (median of {RUNS})"
          f"  goal <= {PLAN_GOAL_MS:g} ms: {_met(plan_ms <= PLAN_GOAL_MS)}")
    print(f"Plan.to_doc                          {doc_ms:7.2f} ms")
    print(f"generate_plan, 21 weeks (base first) {beginner_ms:7.2f} ms")
    print(f"python -c pass (process)             {bare_ms:7.1f} ms (median of {PROCESS_RUNS})")
    print(f"miler plan ... --json (process)      {wait_ms:7.1f} ms  x{wait_ms / bare_ms:.1f} "
          f"python -c pass (goal <= x{START_GOAL_X:g}: {_met(wait_ms <= START_GOAL_X * bare_ms)}"
          f"), x{wait_ms / (plan_ms + doc_ms):.0f} the planning")
