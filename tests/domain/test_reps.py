"""Reps found in generated runs equal the reps run, and are scored against the plan."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from miler.domain.plan_view import SessionView
from miler.domain.reps import (
    FoundRep,
    PlannedRep,
    find_reps,
    off_target,
    planned_reps,
    score_reps,
    scores_doc,
)
from miler.domain.units import METERS_PER_MILE
from miler.domain.workouts import Intensity, Repeat, SessionKind, Step, StepKind
from miler.domain.zones import PaceRange
from tests.domain.runs import columns


def _session(reps: list[float], rep_speed: float, jog_s: float, jog_speed: float,
             warm_up_s: float = 300.0) -> list[tuple[float, float]]:
    # The warm-up at the jogs' pace: a two-level split (docs/track.md, limits).
    out = [(warm_up_s, jog_speed)]
    for k, metres in enumerate(reps):
        out.append((metres / rep_speed, rep_speed))
        out.append((jog_s if k < len(reps) - 1 else 300.0, jog_speed))
    return out


@settings(max_examples=40, deadline=None)
@given(reps=st.lists(st.sampled_from([200.0, 300.0, 400.0, 600.0, 800.0, 1000.0, 1200.0,
                                      1600.0]), min_size=2, max_size=8),
       rep_speed=st.floats(5.0, 7.0), jog_speed=st.floats(1.5, 3.2),
       jog_s=st.floats(60.0, 180.0))
def test_the_reps_found_are_the_reps_run(reps: list[float], rep_speed: float,
                                         jog_speed: float, jog_s: float) -> None:
    cols = columns(_session(reps, rep_speed, jog_s, jog_speed))
    found = find_reps(cols["time_s"], cols["distance_m"])
    assert [round(r.distance_m / 10) * 10 for r in found] == reps
    for rep in found:
        assert rep.elapsed_s * rep_speed == pytest.approx(rep.distance_m, abs=rep_speed)
    assert [r.recovery_s for r in found[:-1]] == pytest.approx([jog_s] * (len(reps) - 1),
                                                               abs=1.5)


def test_a_steady_run_has_no_reps() -> None:
    cols = columns([(1800.0, 3.3)])
    rng = np.random.default_rng(1)
    cols["distance_m"] = np.maximum.accumulate(cols["distance_m"]
                                               + rng.normal(0, 1.0, cols["distance_m"].size))
    assert find_reps(cols["time_s"], cols["distance_m"]) == ()


def _planned(n: int, fast: float, slow: float) -> list[PlannedRep]:
    return [PlannedRep(400.0, fast, slow, 90.0 if k < n - 1 else None) for k in range(n)]


def test_reps_scored_against_targets() -> None:
    # 6 x 400 m at 6:00-6:30 a mile (seed 000): 89.5-96.9 s a rep.
    plan = _planned(6, 360.0, 390.0)
    speeds = [400 / 92.0, 400 / 88.0, 400 / 100.0, 400 / 95.0, 400 / 94.0, 400 / 96.0]
    stretches = [(300.0, 2.9)]
    for k, v in enumerate(speeds):
        stretches += [(400 / v, v), (90.0 if k < 5 else 300.0, 2.0)]
    cols = columns(stretches)
    scores = score_reps(find_reps(cols["time_s"], cols["distance_m"]), plan)
    assert [s.verdict for s in scores] == ["on target", "too fast", "too slow", "on target",
                                           "on target", "on target"]
    assert scores[0].target_s == pytest.approx((360 * 400 / METERS_PER_MILE,
                                                390 * 400 / METERS_PER_MILE))
    # 100 s for 400 m is 402.3 s/mile: 12.3 s/mile slow, 3.06 s per 400 m
    assert scores[2].error_s_per_400m == pytest.approx((100 * METERS_PER_MILE / 400 - 390)
                                                       * 400 / METERS_PER_MILE, abs=0.1)
    assert scores[0].found is not None
    assert scores[0].found.recovery_s == pytest.approx(90, abs=1.5)
    assert not off_target(scores)


def test_all_slow_is_off_target_and_missing_reps_are_not_found() -> None:
    plan = _planned(3, 360.0, 390.0)
    slow = [FoundRep(0.0, 110.0, 400.0, 90.0), FoundRep(200.0, 112.0, 400.0, None)]
    scores = score_reps(slow, plan)
    assert [s.verdict for s in scores] == ["too slow", "too slow", "not found"]
    assert off_target(scores)
    assert not off_target(score_reps([], plan))
    assert score_reps([FoundRep(0.0, 200.0, 800.0)], plan)[0].found is None  # not a 400


def test_on_a_track_a_rep_a_few_metres_over_a_line_ended_on_it() -> None:
    """Reps on a track run from line to line: 406 m measured is a 400 (the 6 m go to the
    jog after it); 415 m is more than ``OVER_M`` over and stays as run; off a track, and
    where a lap press ends the rep, nothing moves."""
    cols = columns(_session([406.0, 415.0, 806.0], 6.0, 90.0, 2.5))
    plain = find_reps(cols["time_s"], cols["distance_m"])
    assert [round(r.distance_m) for r in plain] == [406, 415, 806]
    lined = find_reps(cols["time_s"], cols["distance_m"], on_track=True)
    assert [round(r.distance_m) for r in lined] == [400, 415, 800]
    assert lined[0].elapsed_s == pytest.approx(400 / 6.0, abs=0.5)
    assert lined[0].recovery_s == pytest.approx(90.0 + 6 / 6.0, abs=1.5)
    assert lined[0].start_s == plain[0].start_s
    # a lap press where the rep ended is the runner's word: it stays 406 m
    pressed = np.array([plain[0].start_s + plain[0].elapsed_s])
    kept = find_reps(cols["time_s"], cols["distance_m"], pressed, on_track=True)
    assert round(kept[0].distance_m) == 406


def _fartlek(reps: int, seconds: float, fast: float, slow: float) -> SessionView:
    work = Step.run(StepKind.WORK, PaceRange(fast, slow), duration_s=seconds)
    strides = Repeat(4, (Step.by_effort(StepKind.WORK, 20.0, 9, PaceRange(fast, slow)),
                         Step(StepKind.RECOVERY, duration_s=60.0)))
    return SessionView("w1-fartlek", date(2026, 3, 3), SessionKind.FARTLEK, Intensity.HARD,
                       f"Fartlek: {reps} x {seconds:g} s hard, 60 s jog",
                       steps=(Step(StepKind.WARMUP, duration_s=600.0),
                              Repeat(reps, (work, Step(StepKind.RECOVERY, duration_s=60.0))),
                              strides))


def test_reps_set_by_time_are_scored_on_their_pace() -> None:
    """A fartlek's 80 s surges: matched by time, scored on pace per 400 m against the
    target and on the jog taken; strides set by effort alone are not scored."""
    planned = planned_reps(_fartlek(6, 80.0, 350.0, 370.0))
    assert [r.duration_s for r in planned] == [80.0] * 6
    assert [r.recovery_s for r in planned] == [60.0] * 5 + [None]
    per_mile = [360.0, 340.0, 360.0, 400.0, 365.0, 355.0]
    stretches = [(300.0, 2.6)]
    for k, pace in enumerate(per_mile):
        stretches += [(80.0, METERS_PER_MILE / pace), (60.0 if k < 5 else 300.0, 2.2)]
    cols = columns(stretches)
    scores = score_reps(find_reps(cols["time_s"], cols["distance_m"]), planned)
    assert [s.verdict for s in scores] == ["on target", "too fast", "on target", "too slow",
                                           "on target", "on target"]
    assert scores[0].target_s == (80.0, 80.0)
    assert [s.pace_s_per_mile for s in scores] == pytest.approx(per_mile, abs=2.0)
    # 400 s/mile is 30 s/mile slower than 370: 7.46 s per 400 m
    assert scores[3].error_s_per_400m == pytest.approx(30 * 400 / METERS_PER_MILE, abs=0.5)
    assert [s.found.recovery_s for s in scores[:5] if s.found] == pytest.approx([60.0] * 5,
                                                                                abs=1.5)
    assert scores_doc(scores)[0]["set_s"] == 80.0


def test_a_rep_set_by_time_is_matched_by_its_time_not_its_distance() -> None:
    (rep,) = planned_reps(_fartlek(1, 80.0, 350.0, 370.0))
    assert rep.fits(FoundRep(0.0, 84.0, 300.0))  # slow, but 80 s of it
    assert not rep.fits(FoundRep(0.0, 40.0, rep.distance_m / 2))
    assert not rep.fits(FoundRep(0.0, 120.0, rep.distance_m))  # its distance, in 120 s
