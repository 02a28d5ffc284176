"""generate_plan: a dated, deterministic mile plan built from the seeds' sessions.

Same input, same plan (no clock, no randomness). The calendar, volumes and weekly pattern come
from domain/schedule.py; the weeks, day by day, from domain/plan_weeks.py and
domain/race_week.py; the sessions from domain/library.py and domain/sessions.py, made once a
plan by domain/plan_builder.py. Every rule of DESIGN.md's "Coaching rules" and "Plan mechanics"
is checked for random runners by tests/domain/plan_rules.py.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta
from typing import Final

from miler.domain.adaptations import plan_notes
from miler.domain.age_grading import AgeTable
from miler.domain.assessment import Runner, assess, check_goal, from_estimate, reachable_mile_s
from miler.domain.athlete import Athlete
from miler.domain.hard_sessions import hard_keys
from miler.domain.plan_builder import PlanBuilder, weekday
from miler.domain.plan_weeks import build_weeks, hard_dates
from miler.domain.race_week import sharpener
from miler.domain.schedule import (
    Calendar,
    WeekPattern,
    base_weeks_needed,
    block_phases,
    block_target,
    calendar,
    week_pattern,
)
from miler.domain.units import format_clock
from miler.domain.workouts import Phase, Plan
from miler.domain.zones import training_paces
from miler.errors import InvalidInputError

__all__ = ["generate_plan"]

_TT_SLOWER_MAX: Final = 1.25  # a time trial more than 25 % slower than the test is refused
_FOUR_EASY_MILES: Final = 25.0  # from this peak, six-day runners get a fourth easy day
_MOVING: Final = frozenset({Phase.BUILD, Phase.SHARPEN})  # weeks the fitness moves in


def _check_time_trial(seconds: float | None, test_s: float | None) -> None:
    if seconds is None:
        return
    if not (math.isfinite(seconds) and 223.0 <= seconds <= 960.0):
        raise InvalidInputError("time_trial", "must be a mile time from 3:43 to 16:00", seconds)
    if test_s is not None and seconds > test_s * _TT_SLOWER_MAX:
        # A mid-block mile this far off the test is a bad day, illness or injury, not fitness:
        # re-pacing the rest of the block from it would gut it.
        raise InvalidInputError(
            "time_trial", f"must be within {_TT_SLOWER_MAX - 1:.0%} of the test mile "
            f"({format_clock(test_s, 1)}); re-test when rested instead",
            format_clock(seconds, 1))


def _resolve(athlete: Athlete, start: date | None, weeks: int | None,
             race: date | None) -> Calendar:
    if race is not None and start is not None and weeks is None and race >= start:
        total = (race - start).days // 7 + 1
        for block in (8, 7, 9, 6, 10):
            base = base_weeks_needed(athlete.weekly_miles, block)
            if base + block == total:
                return calendar(start, None, race, base)
    block = weeks if isinstance(weeks, int) and 6 <= weeks <= 10 else 8
    cal = calendar(start, weeks, race, base_weeks_needed(athlete.weekly_miles, block))
    if race is None and start is not None:
        # The last day of the last week if the runner trains then, else their last training
        # day of that week (DESIGN.md "Plan mechanics").
        day = cal.race
        while weekday(day) not in athlete.training_days:
            day -= timedelta(days=1)
        cal = replace(cal, race=day)
    return cal


def generate_plan(athlete: Athlete, start: date | None = None, weeks: int | None = None,
                  race_date: date | None = None, goal_mile_s: float | None = None,
                  time_trial_s: float | None = None, *, insist: bool = False,
                  age_table: AgeTable | None = None,
                  estimate: tuple[float, str] | None = None) -> Plan:
    """A dated plan: base weeks while under 15 miles a week, then a 6–10 week mile block.

    ``weeks`` is the block (8 unless the race date decides); ``start`` may be left out when
    ``race_date`` is given (the plan is counted back from the race). ``time_trial_s`` is the
    result of the mid-block time trial: the sessions after it use paces re-set from it.
    An unrealistic or achieved goal is replaced by the suggested one unless ``insist``;
    ``age_table`` (the runner's sex) makes the assessment age-aware for masters.
    ``estimate`` (mile seconds, how it was made) is the fitness estimate from the runner's
    history: without a test mile the plan starts from it, its paces provisional.
    """
    if goal_mile_s is not None:
        check_goal(goal_mile_s)
    estimated = athlete.test_mile_s is None and estimate is not None
    mile = estimate[0] if estimate is not None and estimated else athlete.test_mile_s
    untested = mile is None
    _check_time_trial(time_trial_s, mile)
    cal = _resolve(athlete, start, weeks, race_date)
    if insist and goal_mile_s is None:
        raise InvalidInputError("insist", "needs a goal to keep", "no goal given")
    runner = Runner(athlete.sex, athlete.age, age_table)
    assessment = assess(mile, athlete.weekly_miles, goal_mile_s,
                        block_weeks=cal.block_weeks, base_weeks=cal.base_weeks, runner=runner,
                        insist=insist)
    if estimate is not None and estimated:
        assessment = from_estimate(assessment, estimate[1])
    current = assessment.current_mile_s
    target = min(max(assessment.goal_mile_s, reachable_mile_s(current, cal.total_weeks, runner)),
                 current)
    paces = training_paces(current, assessment.goal_mile_s)
    tt_paces = None if time_trial_s is None else training_paces(time_trial_s,
                                                                assessment.goal_mile_s)
    block = block_phases(cal.block_weeks)
    phases = (Phase.BASE,) * cal.base_weeks + block
    pattern = _pattern(athlete, cal)
    keys = hard_keys(block, untested=untested, per_week=len(pattern.hard))
    tt_week = cal.base_weeks + cal.block_weeks // 2
    moving = sum(1 for p in block if p in _MOVING)
    builder = PlanBuilder(athlete, cal, pattern, paces, current, tt_paces, None,
                          time_trial_s, keys, assessment.goal_mile_s, target, moving,
                          provisional=untested)
    builder.zones[current] = paces  # work paces at today's mile: the plan's own (same call)
    if tt_paces is not None and time_trial_s is not None:
        builder.zones[time_trial_s] = tt_paces
    builder.tt_date = _time_trial_date(builder, tt_week)
    builder.sharp = sharpener(builder)
    if untested:
        builder.test_date = _time_trial_date(builder, cal.base_weeks + 1)
    built = build_weeks(builder, phases)
    return Plan(athlete, assessment, paces, cal.start, cal.race, built, cal.base_weeks,
                cal.block_weeks, builder.tt_date, time_trial_s, tt_paces, target,
                plan_notes(athlete, len(pattern.hard)))


def _pattern(athlete: Athlete, cal: Calendar) -> WeekPattern:
    peak = block_target(max(athlete.weekly_miles, 15.0))
    wide = len(athlete.training_days) >= 6 and peak >= _FOUR_EASY_MILES
    age = athlete.age or 0
    return week_pattern(athlete, 3 if wide else 2, hard_apart=3 if age >= 60 else 2,
                        extra_rest=age >= 70)


def _time_trial_date(b: PlanBuilder, week: int) -> date:
    return hard_dates(b, week)[0]
