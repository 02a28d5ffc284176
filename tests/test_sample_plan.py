"""The canonical runner's plan (7:45 test mile, 20 miles a week, goal 7:00), read as a coach.

docs/sample-plan.md prints it (from 2026-11-30); docs/planning.md has the coach's reading. The
facts below do not depend on the start date, so this runs from 2026-03-02.
"""

from __future__ import annotations

from datetime import date

from miler.domain.assessment import Verdict
from miler.domain.athlete import Athlete
from miler.domain.planner import generate_plan
from miler.domain.units import METERS_PER_MILE

PLAN = generate_plan(Athlete(20.0, 465.0), date(2026, 3, 2), goal_mile_s=420.0)


def test_verdict_and_calendar() -> None:
    assert PLAN.assessment.verdict is Verdict.REASONABLE
    assert PLAN.assessment.goal_mile_s == 420.0
    assert (PLAN.base_weeks, PLAN.block_weeks) == (0, 8)
    assert PLAN.race_date == date(2026, 4, 26)
    assert [w.phase.value for w in PLAN.weeks] == ["build"] * 4 + ["sharpen"] * 2 + [
        "taper", "race"]


def test_weekly_miles() -> None:
    miles = [round(w.planned_distance_m / METERS_PER_MILE, 1) for w in PLAN.weeks]
    assert miles == [19.9, 22.1, 24.0, 17.9, 24.0, 23.9, 16.9, 12.0]


def test_hard_sessions_week_by_week() -> None:
    assert [[s.workout for s in w.hard_sessions] for w in PLAN.weeks] == [
        ["fartlek", "repeats_400"], ["threshold", "ladder"], ["repeats_800", "hills"],
        ["time_trial", "vo2max"], ["race_pace", "goal_tempo"], ["repeats_200", "threshold"],
        ["race_pace", "repeats_200"], ["race_pace", "race"]]
    days = {s.date.strftime("%a") for s in PLAN.sessions if s.is_hard and s.workout != "race"}
    assert days == {"Tue", "Fri"}


def test_long_runs_on_sunday_and_mondays_off() -> None:
    longs = [round((s.planned_distance_m or 0) / METERS_PER_MILE, 3) for s in PLAN.sessions
             if s.workout == "long"]
    assert longs == [5.5, 6.25, 7.0, 5.25, 6.25, 6.25, 4.0]  # shorter once speed comes first
    assert all(s.date.strftime("%a") == "Sun" for s in PLAN.sessions if s.workout == "long")
    assert all(s.workout == "rest" for s in PLAN.sessions if s.date.strftime("%a") == "Mon")


def test_the_seed_threshold_is_split_for_a_745_miler() -> None:
    tempo = next(s for s in PLAN.sessions if s.workout == "goal_tempo")
    assert tempo.title.startswith("Goal-pace tempo: 2 x 1 mile")


def _work_paces(workout: str) -> list[tuple[float, float]]:
    out = []
    for s in PLAN.sessions:
        if s.workout != workout:
            continue
        doc = s.to_doc()
        stack = list(doc["steps"])
        while stack:
            step = stack.pop()
            stack += step.get("steps", [])
            if step["kind"] == "work" and "pace" in step:
                out.append(tuple(step["pace"]["s_per_mile"]))
    return out


def test_week_one_reps_start_from_today_not_the_goal() -> None:
    # Issue 14: week 1's 400s were at 6:00-6:30 (1:29.5 a lap) for a runner whose all-out mile
    # is 1:55.6 a lap. Now: about 800 m race pace for a 7:45 miler, 6:57-7:12.
    fast, slow = _work_paces("repeats_400")[0]
    assert 415.0 <= fast <= 420.0
    assert slow <= 435.0
    assert PLAN.weeks[0].fitness_mile_s == 465.0


def test_no_tempo_rep_is_faster_than_todays_mile() -> None:
    # The seed's "threshold" 2 x 1 mile at 7:00-7:30 were both faster than the runner's mile.
    assert all(fast > 465.0 - 30 for fast, _ in _work_paces("goal_tempo"))
    assert all(fast >= 440.0 for fast, _ in _work_paces("repeats_800"))


def test_true_threshold_twice_at_threshold_pace() -> None:
    paces = _work_paces("threshold")
    assert len(set(paces)) == 2  # two sessions, the later one from a fitter week
    assert all(480.0 <= fast <= 560.0 for fast, _ in paces)  # about 8:00-9:15, never mile pace


def test_golden_plans_are_current() -> None:
    from tests.conftest import ROOT, load_tool

    tool = load_tool("gen_sample_plans")
    for name in tool.PLANS:
        path = ROOT / "docs" / "sample-plans" / f"{name}.md"
        assert path.read_text(encoding="utf-8") == tool.markdown(name), (
            "run `make docs`")
