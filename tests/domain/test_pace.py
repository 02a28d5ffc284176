from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from miler.domain.pace import PACE_UNITS, Pace, pace_table
from miler.domain.units import METERS_PER_MILE, Duration, round_half_up
from miler.errors import InvalidInputError


def test_seven_minute_mile_exact_values() -> None:
    # DESIGN.md reference numbers: 7:00/mi = 4:20.98/km = 1:44.39 per 400 m = 52.20 per 200 m.
    pace = Pace.parse("7:00/mi")
    assert pace.format("km", 2) == "4:20.98/km"
    assert pace.format("400m", 2) == "1:44.39/400m"
    assert pace.format("200m", 2, suffix=False) == "52.20"
    assert pace.format("400m", 1) == "1:44.4/400m"
    assert pace.format("mi", 0) == "7:00/mi"
    assert pace.s_per_km == pytest.approx(420 / 1.609344, abs=1e-9)


def test_four_naive_laps_make_a_slow_mile() -> None:
    # Seed 000's 1:45 per lap: four laps (1600 m) plus 9.344 m at 1:45/400 m = 7:02.45.
    table = pace_table(Duration.parse("7:00"))
    assert table.naive_lap_s == 105.0
    assert table.naive_mile_s == pytest.approx(420 + 105 * 9.344 / 400, abs=1e-9)
    assert round_half_up(table.naive_mile_s, 2) == 422.45
    assert table.time_1600m_s == pytest.approx(420 * 1600 / 1609.344, abs=1e-9)


@pytest.mark.parametrize(
    ("text", "s_per_mile"),
    [("7:00", 420.0), ("7:00/mi", 420.0), ("4:21/km", 261 * 1.609344),
     ("1:45/400m", 105 * METERS_PER_MILE / 400), ("1:45/lap", 105 * METERS_PER_MILE / 400)],
)
def test_pace_parses_units(text: str, s_per_mile: float) -> None:
    assert Pace.parse(text).s_per_mile == pytest.approx(s_per_mile, abs=1e-9)


@pytest.mark.parametrize(
    ("text", "message"),
    [("4:7x", "pace must look like M:SS or M:SS/mi, M:SS/km, M:SS/400m, got '4:7x'"),
     ("7:00/parsec", "pace must look like M:SS or M:SS/mi, M:SS/km, M:SS/400m, got '7:00/parsec'"),
     ("0:00", "pace must be more than zero, got '0:00'")],
)
def test_pace_rejects(text: str, message: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        Pace.parse(text)
    assert str(info.value) == message


@given(st.floats(min_value=60, max_value=3600, allow_nan=False),
       st.sampled_from(sorted(PACE_UNITS)), st.integers(0, 2))
def test_pace_round_trips_to_display_precision(s_per_mile: float, unit: str, decimals: int) -> None:
    pace = Pace.per_mile(s_per_mile)
    shown = pace.format(unit, decimals)
    back = Pace.parse(shown)
    expected = round_half_up(pace.seconds_per(unit), decimals)
    assert back.seconds_per(unit) == pytest.approx(expected, abs=1e-6)


@given(st.floats(min_value=60, max_value=3600, allow_nan=False))
def test_pace_conversions_round_trip(s_per_mile: float) -> None:
    pace = Pace.per_mile(s_per_mile)
    assert Pace(1 / pace.mps).s_per_mile == pytest.approx(s_per_mile, rel=1e-12)
    assert Pace.from_time(pace.time_for(5000.0), 5000.0).s_per_m == pytest.approx(pace.s_per_m)
    assert pace.seconds_per("km") * METERS_PER_MILE / 1000 == pytest.approx(s_per_mile)
