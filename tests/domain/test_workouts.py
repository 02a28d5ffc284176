"""The plan's value objects: the fast ways the planner makes them agree with the plain ones."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from miler.domain.athlete import Athlete
from miler.domain.library import CATALOGUE
from miler.domain.planner import generate_plan
from miler.domain.units import METERS_PER_MILE
from miler.domain.workouts import (
    Intensity,
    Measure,
    Repeat,
    Session,
    SessionKind,
    Step,
    StepKind,
)
from miler.domain.zones import PaceRange
from miler.errors import InvalidInputError

PACE = PaceRange(500.0, 550.0)


@pytest.mark.parametrize("athlete", [Athlete(20.0, 465.0), Athlete(0.0, None),
                                     Athlete(70.0, 245.0)])
def test_a_dated_copy_is_the_session_with_its_id_and_date(athlete: Athlete) -> None:
    plan = generate_plan(athlete, date(2026, 3, 2), time_trial_s=None)
    day = date(2027, 1, 1)
    for session in plan.sessions:
        copy = session.on("other-id", day)
        assert copy == replace(session, id="other-id", date=day)
        assert copy.planned_distance_m == session.planned_distance_m
        assert session.on(session.id, session.date) == session


@given(st.floats(1.0, 50_000.0), st.integers(1, 10), st.none() | st.text(max_size=20),
       st.sampled_from([StepKind.WORK, StepKind.WARMUP, StepKind.RECOVERY]))
def test_named_steps_equal_the_plain_constructor(meters: float, effort: int, name: str | None,
                                                 kind: StepKind) -> None:
    per_m = PACE.mid_s_per_mile / METERS_PER_MILE  # as each constructor works it out
    assert Step.run(kind, PACE, distance_m=meters, effort=effort, name=name) == Step(
        kind, meters, meters * per_m, PACE, effort, Measure.DISTANCE, name)
    assert Step.distance_by_effort(kind, meters, effort, PACE, name) == Step(
        kind, meters, meters * PACE.mid_s_per_mile / METERS_PER_MILE, None, effort,
        Measure.DISTANCE, name)
    assert Step.by_effort(kind, meters, effort, PACE, name) == Step(
        kind, meters * METERS_PER_MILE / PACE.mid_s_per_mile, meters, None, effort,
        Measure.TIME, name)


@pytest.mark.parametrize(("make", "field"), [
    (lambda: Step.run(StepKind.WORK, PACE, distance_m=-1.0), "step.distance_m"),
    (lambda: Step.run(StepKind.WORK, PACE, duration_s=float("nan")), "step.distance_m"),
    (lambda: Step.by_effort(StepKind.WORK, 0.0, 9, PACE), "step.distance_m"),
    (lambda: Step.by_effort(StepKind.WORK, 20.0, 11, PACE), "step.effort"),
    (lambda: Step.distance_by_effort(StepKind.REPEAT, 400.0, 5, PACE), "step.kind"),
])
def test_named_steps_are_checked_like_plain_ones(make: Callable[[], Step], field: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        make()
    assert caught.value.field == field


def test_a_session_counts_the_distance_of_runs_only() -> None:
    step = Step.run(StepKind.WORK, PACE, distance_m=3000.0)
    run = Session("a", date(2026, 3, 2), *_kinds("easy"), "t", "w", "easy", (step,))
    lift = Session("b", date(2026, 3, 2), *_kinds("strength"), "t", "w", "strength", (step,))
    assert run.planned_distance_m == 3000.0
    assert lift.planned_distance_m is None
    assert run.on("c", date(2026, 3, 3)).planned_distance_m == 3000.0


def _kinds(key: str) -> tuple[SessionKind, Intensity]:
    return CATALOGUE[key].kind, CATALOGUE[key].intensity


def test_a_planned_session_is_the_plain_one() -> None:
    plan = generate_plan(Athlete(20.0, 465.0), date(2026, 3, 2))
    for s in plan.sessions:
        planned = Session.planned(s.id, s.date, s.kind, s.intensity, s.title, s.why, s.workout,
                                  s.steps, s.duration_s)
        assert planned == Session(s.id, s.date, s.kind, s.intensity, s.title, s.why,
                                  s.workout, s.steps, s.duration_s) == s


_RUN_STEP = st.builds(lambda m, s: Step.run(StepKind.WORK, PACE, distance_m=m) if m else
                      Step(StepKind.RECOVERY, duration_s=s, name="walk"),
                      st.none() | st.floats(1.0, 50_000.0), st.floats(1.0, 600.0))


@given(st.lists(st.one_of(_RUN_STEP, st.builds(Repeat, st.integers(1, 20),
                                               st.lists(_RUN_STEP, min_size=1, max_size=3)
                                               .map(tuple))), max_size=8))
def test_a_session_adds_its_steps_as_sum_would(steps: list[Step | Repeat]) -> None:
    """Issue 22: the distances are added in a loop; the same additions as ``sum`` (an empty
    session's 0 stays the int 0 sum gives, as the plan document has always shown it)."""
    run = Session("a", date(2026, 3, 2), *_kinds("easy"), "t", "w", "easy", tuple(steps))
    expected = sum(s.times * sum(t.total_distance_m for t in s.steps)
                   if isinstance(s, Repeat) else s.total_distance_m for s in steps)
    assert run.planned_distance_m == expected
    assert type(run.planned_distance_m) is type(expected)
