"""Plan generation in-process, against the whole `miler plan --json` a user runs, in one run.

There is no other program that builds this plan to race against (a coach with a spreadsheet is
not measurable), so the honest comparison is the user's own command: how much of the time a
runner waits for `miler plan` is the planning, and how much is Python, imports and printing.
Canonical runner: 7:45 test mile, 20 miles a week, goal 7:00, 8 weeks; and a runner with
base weeks (0 miles a week, untested: 21 weeks).
"""

from __future__ import annotations

from datetime import date

from timing import MILER, median_ms, process_ms

from miler.domain.athlete import Athlete
from miler.domain.planner import generate_plan

RUNS = 300
PROCESS_RUNS = 15
CANONICAL = (Athlete(20.0, 465.0), date(2026, 3, 2), 420.0)
BEGINNER = (Athlete(0.0, None), date(2026, 3, 2), None)


def _plan(case):  # type: ignore[no-untyped-def]
    athlete, start, goal = case
    return generate_plan(athlete, start, goal_mile_s=goal)


if __name__ == "__main__":
    for _ in range(20):  # warm caches and the allocator
        _plan(CANONICAL)
    plan_ms = median_ms(lambda: _plan(CANONICAL), RUNS)
    plan = _plan(CANONICAL)
    doc_ms = median_ms(plan.to_doc, RUNS)
    beginner_ms = median_ms(lambda: _plan(BEGINNER), RUNS // 3)
    cmd = [MILER, "plan", "--weekly-miles", "20", "--test-mile", "7:45", "--goal", "7:00",
           "--start", "2026-03-02", "--json"]
    wait_ms = process_ms(cmd, PROCESS_RUNS)
    sessions = len(plan.sessions)
    print(f"generate_plan, 8 weeks ({sessions} sessions)  {plan_ms:7.2f} ms (median of {RUNS})")
    print(f"Plan.to_doc                          {doc_ms:7.2f} ms")
    print(f"generate_plan, 21 weeks (base first) {beginner_ms:7.2f} ms")
    print(f"miler plan ... --json (process)      {wait_ms:7.1f} ms  "
          f"x{wait_ms / (plan_ms + doc_ms):.0f} the planning")
