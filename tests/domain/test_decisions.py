"""Decisions that used to live in services, as pure functions over plain values: moving a
session, today's advice, the re-plan trigger, mile detection, the history's baseline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from miler.domain.adapting import NewMile, is_mile, replan_trigger, result_kind
from miler.domain.advice import advice, missed_hard
from miler.domain.baseline import HistoryRun, baseline
from miler.domain.moves import check_move
from miler.errors import InvalidInputError

MON = date(2026, 11, 30)


@dataclass(frozen=True)
class S:
    session_id: str
    day: date
    kind: str = "easy"
    intensity: str = "easy"
    title: str = "Easy run"
    status: str = "planned"


def d(n: int) -> date:
    return date.fromordinal(MON.toordinal() + n)


SPEED = S("speed", d(1), "speed", "hard", "8 x 400 m")
TEMPO = S("tempo", d(3), "threshold", "hard", "Tempo")
WEEK = [S("easy", d(2)), SPEED, TEMPO, S("race", d(6), "race", "hard", "Race")]


def test_a_hard_session_is_never_moved_next_to_another() -> None:
    with pytest.raises(InvalidInputError, match="two hard days in a row: Tempo is on "
                                                "2026-12-03, got '2026-12-04'"):
        check_move(WEEK, SPEED, d(4), first=MON, race=d(6))
    check_move(WEEK, SPEED, d(0), first=MON, race=d(6))  # a free day: fine
    skipped = [SPEED, S("tempo", d(3), "threshold", "hard", "Tempo", "skipped")]
    check_move(skipped, SPEED, d(4), first=MON, race=d(6))  # a skipped session is not run


def test_moves_stay_inside_the_plan_and_leave_the_race_alone() -> None:
    with pytest.raises(InvalidInputError, match="--to must be inside the plan"):
        check_move(WEEK, SPEED, d(9), first=MON, race=d(6))
    with pytest.raises(InvalidInputError, match="ID is the race"):
        check_move(WEEK, WEEK[-1], d(5), first=MON, race=d(6))
    check_move(WEEK, WEEK[0], d(4), first=MON, race=d(6))  # easy next to hard is fine


def test_advice_says_what_missed_sessions_mean() -> None:
    assert missed_hard(WEEK, d(4)) == (SPEED, TEMPO)
    assert advice(WEEK, d(4)).startswith("2 hard session(s) missed this week")
    done = [S(s.session_id, s.day, s.kind, s.intensity, s.title, "done") for s in WEEK]
    assert advice(done, d(4)) == "On track."
    assert advice([], d(4)) == ""
    lazy = [S(f"e{k}", d(k)) for k in range(5)]
    assert advice(lazy, d(5)).startswith("Most of a week's running was missed")


def test_a_result_re_plans_and_a_mile_in_a_run_only_when_faster() -> None:
    trial = NewMile(440.0, d(10), is_result=True)
    assert replan_trigger(465.0, [trial]) is not None
    assert replan_trigger(465.0, [trial]).reason == (  # type: ignore[union-attr]
        "time trial: 7:20.0 on 2026-12-10 re-sets the paces")
    assert replan_trigger(440.0, [NewMile(445.0, d(10), False)]) is None
    assert replan_trigger(440.0, [NewMile(439.5, d(10), False)]) is None  # within a second
    fast = replan_trigger(440.0, [NewMile(435.0, d(10), False)])
    assert fast is not None
    assert (fast.mile_s, fast.reason.split(":")[0]) == (435.0, "a faster mile inside a run")
    assert replan_trigger(None, []) is None


def test_mile_detection_and_result_kinds() -> None:
    assert is_mile(1609.344)
    assert is_mile(1612.0)
    assert not is_mile(1600.0)  # a 1600 m is 9.344 m short of a mile
    assert [result_kind(k) for k in ("time_trial", "race", "speed", None)] == [
        "time_trial", "race", "test_mile", "test_mile"]


def test_the_baseline_prefers_a_recent_test_mile_then_a_recent_best() -> None:
    today = date(2026, 11, 30)
    runs = [HistoryRun(date(2026, 11, 1), 430.0), HistoryRun(date(2026, 10, 20), 460.0, 455.0),
            HistoryRun(date(2025, 1, 1), 400.0, 400.0)]  # too old to count
    found = baseline(runs, [10.0, 20.0, 20.0, 20.0, 20.0], today)
    assert (found.weekly_miles, found.mile_s, found.source) == (20.0, 455.0, "test mile")
    no_test = baseline(runs[:1], [], today)
    assert (no_test.weekly_miles, no_test.mile_s, no_test.source) == (
        0.0, 430.0, "best mile in a run")
    assert baseline([], [], today).mile_s is None


def test_an_old_result_never_re_paces_the_plan() -> None:
    # Issue 17: importing an old history re-paced the current plan ("time trial 9:09.2 on
    # 2009-05-28 re-sets the paces"). Only the last 12 weeks count, and nothing from before
    # the plan's basis.
    old = NewMile(549.2, date(2009, 5, 28), True)
    recent = NewMile(440.0, date(2026, 11, 20), True)
    today = date(2026, 12, 1)
    assert replan_trigger(465.0, [old], today=today) is None
    assert replan_trigger(465.0, [old, recent], today=today).mile_s == 440.0  # type: ignore[union-attr]
    assert replan_trigger(465.0, [recent], today=today, since=date(2026, 11, 25)) is None
