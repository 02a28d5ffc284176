"""A stored plan document read once into typed values, and refused by name when malformed."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from miler.domain.plan_view import PlanView
from miler.domain.workouts import Intensity, Repeat, SessionKind, is_hard, is_run
from miler.errors import InvalidInputError, NotFoundError
from tests.conftest import ROOT

PLAN: dict[str, Any] = json.loads((ROOT / "tests" / "data" / "plan-sample.json").read_text())


def test_the_sample_plan_reads_into_weeks_sessions_and_steps() -> None:
    plan = PlanView.from_doc(PLAN)
    week, speed = plan.session("w1-tue-speed")
    assert (week.index, speed.kind, speed.intensity) == (1, SessionKind.SPEED, Intensity.HARD)
    assert speed.is_hard
    assert speed.is_run
    assert speed.planned_distance_m == 7000  # as stored, not recomputed
    repeat = speed.steps[1]
    assert isinstance(repeat, Repeat)
    assert repeat.times == 6
    assert [name for name, _ in plan.paces] == list(PLAN["paces"])
    assert len(plan.sessions) == sum(len(w["sessions"]) for w in PLAN["weeks"])


def test_an_unknown_session_is_not_found() -> None:
    with pytest.raises(NotFoundError, match="no session 'nope' in the current plan"):
        PlanView.from_doc(PLAN).session("nope")


def _broken(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(PLAN)
    target: Any = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


@pytest.mark.parametrize(("doc", "message"), [
    ({"weeks": "x"}, "plan.weeks must be a list, got 'x'"),
    ([], "plan must be an object, got []"),
    (_broken(("start_date",), "soon"), "plan.start_date must be a date (YYYY-MM-DD), got 'soon'"),
    (_broken(("goal", "mile_s"), "7:00"), "plan.goal.mile_s must be a number, got '7:00'"),
    (_broken(("weeks", 0, "sessions", 1, "kind"), "jog"),
     "plan.weeks[0].sessions[1].kind must be one of easy, long"),
    (_broken(("weeks", 0, "sessions", 1, "steps", 0, "distance_m"), -1),
     "plan.weeks[0].sessions[1].steps[0].distance_m must be a positive, finite number, got -1"),
    (_broken(("weeks", 0, "sessions", 1, "steps", 1, "times"), "6"),
     "plan.weeks[0].sessions[1].steps[1].times must be a whole number, got '6'"),
    (_broken(("weeks", 0, "sessions", 0), {"id": "x"}),
     "plan.weeks[0].sessions[0].date is missing"),
])
def test_a_malformed_document_is_refused_naming_the_field(doc: Any, message: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        PlanView.from_doc(doc)
    assert str(info.value).startswith(message)


@pytest.mark.parametrize(("kind", "intensity", "hard", "run"), [
    ("speed", "hard", True, True), ("speed", "easy", False, True),
    ("strides", "easy", False, True), ("strength", "moderate", False, False),
    (SessionKind.RACE, Intensity.HARD, True, True),
])
def test_hard_and_run_are_one_rule(kind: str, intensity: str, hard: bool, run: bool) -> None:
    assert (is_hard(kind, intensity), is_run(kind)) == (hard, run)
