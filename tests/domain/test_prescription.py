"""The pace prescription (domain/prescription.py): the week's fitness and the caps."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from miler.domain.prescription import (
    cap_s_per_mile,
    projected_mile_s,
    race_pace_s,
    week_fraction,
    within_cap,
)
from miler.domain.units import METERS_PER_MILE
from miler.domain.zones import PaceRange
from miler.errors import InvalidInputError
from tests.conftest import ROOT, load_tool


def test_caps_follow_the_rep_length() -> None:
    mile = 465.0
    assert cap_s_per_mile(mile, 200.0) == cap_s_per_mile(mile, 400.0) == race_pace_s(mile, 800.0)
    assert cap_s_per_mile(mile, 800.0) == race_pace_s(mile, 1500.0)
    assert cap_s_per_mile(mile, METERS_PER_MILE) == mile
    assert cap_s_per_mile(mile, 2 * METERS_PER_MILE) == race_pace_s(mile, 2 * METERS_PER_MILE)


def test_cameron_race_paces_against_the_world_records() -> None:
    # From the 3:43.13 mile, Cameron's curve gives about the 800 m and 1500 m records of its
    # era (1:41.11 and 3:26.00): within 2 %.
    assert race_pace_s(223.13, 800.0) * 800.0 / METERS_PER_MILE == pytest.approx(101.11, rel=0.02)
    assert race_pace_s(223.13, 1500.0) * 1500.0 / METERS_PER_MILE == pytest.approx(206.0,
                                                                                  rel=0.02)


@given(st.floats(225.0, 900.0), st.floats(100.0, 5000.0), st.floats(0.5, 1.5))
def test_a_capped_pace_is_never_faster_than_the_cap(mile: float, rep: float, share: float) -> None:
    wanted = PaceRange(mile * share, mile * share * 1.05)
    given_ = within_cap(wanted, mile, rep)
    assert given_.pace.fast_s_per_mile >= cap_s_per_mile(mile, rep) - 1e-9
    assert given_.capped == (wanted.fast_s_per_mile < cap_s_per_mile(mile, rep) - 1e-9)


@given(st.floats(225.0, 900.0), st.floats(0.7, 1.0), st.integers(1, 8), st.integers(2, 8))
def test_fitness_moves_from_today_to_the_target(current: float, ratio: float, week: int,
                                                last: int) -> None:
    target = max(current * ratio, 224.0)  # a mile the fitness model reads
    fraction = week_fraction(week, last)
    mile = projected_mile_s(current, target, fraction)
    assert target - 1e-6 <= mile <= current + 1e-6
    assert projected_mile_s(current, target, week_fraction(1, last)) == current
    later = projected_mile_s(current, target, week_fraction(week + 1, last))
    assert later <= mile + 1e-9


def test_docs_show_the_generated_pace_table() -> None:
    tool = load_tool("gen_pace_table")
    assert tool.table() in (ROOT / "docs" / "planning.md").read_text(encoding="utf-8")


def test_a_rep_of_no_length_has_no_cap() -> None:
    with pytest.raises(InvalidInputError) as caught:
        cap_s_per_mile(420.0, float("nan"))
    assert (caught.value.field, caught.value.rule) == ("rep", "must be a length in metres")
