"""The catalogue and its sessions say what the seeds say."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from miler.domain.athlete import Athlete, Weekday
from miler.domain.library import CATALOGUE, SEED_SPEED_SESSIONS, STRENGTH
from miler.domain.prescription import race_pace_s
from miler.domain.sessions import ROUND_ONLY, SessionContext, build
from miler.domain.units import METERS_PER_MILE
from miler.domain.workouts import Phase, Repeat, Step, StepKind
from miler.domain.zones import training_paces
from miler.errors import InvalidInputError

PACES = training_paces(465.0, 420.0)  # the canonical runner: 7:45 now, 7:00 goal


def _ctx(phase: Phase = Phase.BUILD, n: int = 0, current: float = 465.0) -> SessionContext:
    return SessionContext(PACES, phase, n, current)


def _work(steps: tuple[object, ...]) -> list[Step]:
    out: list[Step] = []
    for step in steps:
        if isinstance(step, Repeat):
            out += [s for s in step.steps if s.kind is StepKind.WORK] * step.times
        elif isinstance(step, Step) and step.kind is StepKind.WORK:
            out.append(step)
    return out


def test_every_entry_has_a_why_and_a_source() -> None:
    for entry in CATALOGUE.values():
        assert entry.why.endswith("."), entry.key
        assert len(entry.why) > 30, entry.key
        # A seed, or said plainly where the seeds are silent (cite a seed only for what it says).
        assert "seed" in entry.source or entry.source == "common coaching practice"
        if "seed" not in entry.source:
            assert "common practice" in entry.why, entry.key
    for group in SEED_SPEED_SESSIONS:
        assert group <= set(CATALOGUE)


def test_seed_repeats_at_6_00_to_6_30_for_a_7_00_goal_when_fitness_allows() -> None:
    for key in ("repeats_200", "repeats_400"):
        # A 6:20 miler can repeat 6:00 for a lap (800 m pace about 5:41): the seed's figure.
        fit = build(key, _ctx(current=380.0))
        assert {(w.pace.fast_s_per_mile, w.pace.slow_s_per_mile) for w in _work(fit.steps)
                if w.pace} == {(360.0, 390.0)}
        assert "6:00–6:30" in fit.note
        # The canonical 7:45 runner can't: the cap (800 m race pace, about 6:57) wins.
        capped = build(key, _ctx())
        paces = {w.pace for w in _work(capped.steps)}
        assert len(paces) == 1
        pace = paces.pop()
        assert pace is not None
        assert pace.fast_s_per_mile == pytest.approx(race_pace_s(465.0, 800.0))
        assert "faster than you can repeat" in capped.note


def test_fartlek_80_to_90_s_with_60_s_jog() -> None:
    built = [build("fartlek", _ctx(n=n)) for n in range(4)]
    seconds = {w.duration_s for b in built for w in _work(b.steps)}
    assert seconds == {80.0, 90.0}
    jogs = {s.duration_s for b in built for r in b.steps if isinstance(r, Repeat)
            for s in r.steps if s.kind is StepKind.RECOVERY}
    assert jogs == {60.0}


def test_twelve_minutes_four_at_each_race_pace_then_10_to_20_min_cooldown() -> None:
    steps = build("ladder", _ctx()).steps
    work = _work(steps)
    assert len(work) == 12
    assert all(w.duration_s == 60.0 for w in work)
    assert [w.pace for w in work] == [PACES.race_20min] * 4 + [PACES.race_10_12min] * 4 + \
        [PACES.mile_race] * 4
    cooldown = steps[-1]
    assert isinstance(cooldown, Step)
    assert cooldown.kind is StepKind.COOLDOWN
    assert 600 <= (cooldown.duration_s or 0) <= 1200


def test_goal_tempo_two_miles_at_goal_to_goal_plus_30() -> None:
    fit = build("goal_tempo", _ctx(current=400.0))  # a runner who can hold it
    work = _work(fit.steps)
    assert [w.distance_m for w in work] == [2 * METERS_PER_MILE]
    pace = work[0].pace
    assert pace is not None  # the seed's 7:00-7:30, capped at 2-mile race pace
    assert pace.fast_s_per_mile == pytest.approx(race_pace_s(400.0, 2 * METERS_PER_MILE))
    assert pace.slow_s_per_mile == PACES.seed_tempo.slow_s_per_mile
    assert "continuous" in fit.title
    split = build("goal_tempo", _ctx(current=465.0))  # 7:45 now: 2-mile pace is about 8:05
    assert [w.distance_m for w in _work(split.steps)] == [METERS_PER_MILE] * 2
    warm, cool = split.steps[0], split.steps[-1]
    assert isinstance(warm, Step)
    assert METERS_PER_MILE <= (warm.distance_m or 0) <= 2 * \
        METERS_PER_MILE
    assert isinstance(cool, Step)
    assert cool.distance_m == pytest.approx(METERS_PER_MILE)


def test_800s_three_then_four_with_2_to_3_min_jog() -> None:
    reps = []
    for n in range(3):
        steps = build("repeats_800", _ctx(n=n)).steps
        repeat = next(s for s in steps if isinstance(s, Repeat))
        reps.append(repeat.times)
        pace = repeat.steps[0].pace  # the seed's 7:00-7:30, capped at 1500 m race pace
        assert pace is not None
        assert pace.fast_s_per_mile == pytest.approx(race_pace_s(465.0, 1500.0))
        assert 120 <= (repeat.steps[1].duration_s or 0) <= 180
    assert reps == [3, 4, 4]


@pytest.mark.parametrize("key", ["repeats_400", "repeats_200", "fartlek", "race_pace", "vo2max",
                                 "hills", "strides", "hill_sprints"])
def test_reps_grow_each_time_round_and_shrink_in_the_taper(key: str) -> None:
    def reps(ctx: SessionContext) -> int:
        return len(_work(build(key, ctx).steps))

    ladder = [reps(_ctx(n=n)) for n in range(4)]
    assert ladder == sorted(ladder)
    assert ladder[-1] > ladder[0]
    assert reps(_ctx(Phase.TAPER)) <= ladder[0]


def test_race_warm_up_drills_strides_and_goal_pace() -> None:
    steps = build("race", _ctx(Phase.RACE)).steps
    warm = steps[0]
    assert isinstance(warm, Step)
    assert warm.duration_s == 900.0
    drills = {s.name for s in steps if isinstance(s, Step) and s.kind is StepKind.DRILL}
    assert drills == {"Walking lunges", "Bounding", "Leg swings, each way", "High knees"}
    # The mile is run lap by lap as race day plans it: four laps adding up to the mile and,
    # at their target paces, to the goal.
    laps = [s for s in _work(steps) if (s.name or "").startswith("lap ")]
    assert len(laps) == 4
    assert math.fsum(s.distance_m or 0.0 for s in laps) == pytest.approx(METERS_PER_MILE)
    goal = PACES.goal_mile.slow_s_per_mile
    assert math.fsum(s.duration_s or 0.0 for s in laps) == pytest.approx(goal, abs=0.01)


def test_test_mile_is_seed_000_protocol() -> None:
    steps = build("test_mile", _ctx()).steps
    assert isinstance(steps[0], Step)
    assert steps[0].duration_s == 600.0
    assert isinstance(steps[1], Repeat)  # a few strides
    mile = _work(steps)[-1]
    assert mile.distance_m == METERS_PER_MILE
    assert mile.pace is None  # by feel: "even, hard", no pace target


def test_strength_uses_the_seeds_exercises_and_plyometrics_later() -> None:
    names = {e.name.split(",")[0] for k in ("strength", "strength_plyo") for e in STRENGTH[k]}
    for seed in ("Squats", "Split squats", "Deadlifts", "Hip thrusts", "Step-ups",
                 "Calf raises", "Pull-ups", "Push-ups", "Plank", "Box jumps",
                 "Single-leg bounding", "Burpees"):
        assert seed in names
    assert not any("jump" in e.name.lower() for e in STRENGTH["strength"])
    assert all(e.sets >= 1 and (e.reps or e.duration_s) for k in STRENGTH for e in STRENGTH[k])


def test_timed_steps_carry_their_distance() -> None:
    step = Step.run(StepKind.WORK, PACES.seed_repeats, duration_s=375.0)
    assert step.distance_m == pytest.approx(METERS_PER_MILE)  # 6:15/mi is the range's middle


def test_athlete_days() -> None:
    assert Athlete(20).long_day is Weekday.SUN
    assert Athlete(20, training_days=frozenset(Weekday) - {Weekday.SUN, Weekday.MON}).long_day \
        is Weekday.SAT
    assert Weekday.parse("Thursday") is Weekday.THU
    # Three days are enough (issue 15); two are one clear line short.
    assert len(Athlete(20, training_days=frozenset({Weekday.MON, Weekday.WED,
                                                    Weekday.FRI})).training_days) == 3
    with pytest.raises(InvalidInputError, match=r"must give at least 3 days .* add 1 more"):
        Athlete(20, training_days=frozenset({Weekday.MON, Weekday.WED}))
    with pytest.raises(InvalidInputError, match="weekly_miles must be a number of miles"):
        Athlete(-1)


@pytest.mark.parametrize("mile_s", [230.0, 300.0, 420.0, 630.0, 900.0])
def test_vo2max_reps_last_three_to_five_minutes_at_any_speed(mile_s: float) -> None:
    paces = training_paces(mile_s, mile_s - 20)
    work = _work(build("vo2max", SessionContext(paces, Phase.BUILD, 0, mile_s)).steps)
    assert all(180.0 <= (w.duration_s or 0) <= 300.0 for w in work)


def test_threshold_is_true_threshold_pace_with_short_jogs() -> None:
    built = build("threshold", _ctx())
    work = _work(built.steps)
    assert {w.pace for w in work} == {PACES.threshold}
    jogs = {s.duration_s for r in built.steps if isinstance(r, Repeat) for s in r.steps
            if s.kind is StepKind.RECOVERY}
    assert jogs == {60.0}


@settings(max_examples=60, deadline=None)
@given(key=st.sampled_from(sorted(ROUND_ONLY)), phase=st.sampled_from(Phase),
       n=st.integers(0, 6), light=st.booleans(), by_effort=st.booleans(),
       current=st.floats(300.0, 700.0), fitness=st.floats(300.0, 700.0),
       week_miles=st.floats(5.0, 100.0), warmup_miles=st.floats(0.75, 2.0))
def test_round_only_sessions_read_only_phase_round_and_paces(
        key: str, phase: Phase, n: int, light: bool, by_effort: bool, current: float,
        fitness: float, week_miles: float, warmup_miles: float) -> None:
    """The planner builds these once per phase, round and paces (sessions.ROUND_ONLY): any
    other part of the context must leave them as they are."""
    plain = build(key, SessionContext(PACES, phase, n))
    other = SessionContext(PACES, phase, n, current, warmup_miles * METERS_PER_MILE,
                           light=light, work=training_paces(fitness, 420.0), mile_s=fitness,
                           by_effort=by_effort, week_m=week_miles * METERS_PER_MILE)
    assert build(key, other) == plain
    assert build(key, SessionContext(training_paces(current, 420.0), phase, n)) != plain \
        or current == 465.0  # the paces do count: the check above can fail
    # Past the top of its ladder (ROUND_ONLY[key] rounds) a session stops growing.
    top = ROUND_ONLY[key] - 1
    assert (build(key, SessionContext(PACES, phase, max(n, top))) == build(
        key, SessionContext(PACES, phase, top)))
    assert build(key, SessionContext(PACES, Phase.BUILD, top)) != build(
        key, SessionContext(PACES, Phase.BUILD, top - 1))  # ...and not before


def test_a_context_of_every_field_is_the_plain_one() -> None:
    work = training_paces(455.0, 420.0)
    values = (PACES, Phase.SHARPEN, 2, 465.0, 1200.0, 800.0, True, work, 455.0, True,
              30000.0, None)
    names = ("paces", "phase", "n", "current_mile_s", "warmup_m", "cooldown_m", "light",
             "work", "mile_s", "by_effort", "week_m", "memo")
    assert SessionContext.of(*values) == SessionContext(**dict(zip(names, values, strict=True)))
    assert build("threshold", SessionContext.of(*values)) == build(
        "threshold", SessionContext(**dict(zip(names, values, strict=True))))
