from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from miler.domain.units import (
    METERS_PER_MILE,
    Distance,
    Duration,
    format_clock,
    round_half_up,
)
from miler.errors import InvalidInputError


def test_mile_is_exact() -> None:
    # 1 mile = 1760 yd x 0.9144 m, exact since 1959.
    assert METERS_PER_MILE == 1760 * 0.9144


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("7:00", 420.0), ("7:00.5", 420.5), ("1:02:03", 3723.0), ("420", 420.0), ("52.20", 52.2),
     (" 6:59 ", 419.0), ("0:00", 0.0)],
)
def test_duration_parses_what_runners_type(text: str, seconds: float) -> None:
    assert Duration.parse(text).seconds == pytest.approx(seconds, abs=1e-9)


@pytest.mark.parametrize(
    ("text", "message"),
    [("banana", "time must look like M:SS, H:MM:SS or seconds, got 'banana'"),
     ("-3:00", "time must be positive, got '-3:00'"),
     ("7:99", "time seconds must be under 60 in M:SS, got '7:99'"),
     ("1:75:00", "time minutes must be under 60 in H:MM:SS, got '1:75:00'"),
     ("", "time must look like M:SS, H:MM:SS or seconds, got ''")],
)
def test_duration_rejects_with_field_rule_and_value(text: str, message: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        Duration.parse(text)
    assert str(info.value) == message
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("text", "meters"),
    [("1mi", METERS_PER_MILE), ("1 mile", METERS_PER_MILE), ("1600m", 1600.0),
     ("1.5km", 1500.0), ("5k", 5000.0), ("400m", 400.0), ("2 miles", 2 * METERS_PER_MILE)],
)
def test_distance_parses(text: str, meters: float) -> None:
    assert Distance.parse(text).meters == pytest.approx(meters, abs=1e-9)


@pytest.mark.parametrize("text", ["1600", "fast", "-5k", "5 parsecs", ""])
def test_distance_rejects(text: str) -> None:
    with pytest.raises(InvalidInputError, match="distance"):
        Distance.parse(text)


@pytest.mark.parametrize(
    ("seconds", "decimals", "shown"),
    [(420.0, 0, "7:00"), (260.9759, 2, "4:20.98"), (104.39036, 2, "1:44.39"),
     (52.19518, 2, "52.20"), (3723.0, 0, "1:02:03"), (104.39036, 1, "1:44.4"),
     (59.995, 2, "1:00.00"), (0.125, 2, "0.13"), (52.0, 0, "0:52")],
)
def test_format_clock_rounds_half_up(seconds: float, decimals: int, shown: str) -> None:
    assert format_clock(seconds, decimals) == shown


def test_round_half_up_is_not_bankers() -> None:
    assert round_half_up(0.125, 2) == 0.13
    assert round_half_up(2.5, 0) == 3.0
    assert round_half_up(-2.5, 0) == -3.0


def test_value_objects_refuse_nan_and_negatives() -> None:
    with pytest.raises(InvalidInputError):
        Duration(math.nan)
    with pytest.raises(InvalidInputError):
        Distance(-1.0)


@given(st.floats(min_value=0, max_value=100_000, allow_nan=False), st.integers(0, 2))
def test_duration_round_trips_to_display_precision(seconds: float, decimals: int) -> None:
    shown = Duration(seconds).format(decimals)
    assert Duration.parse(shown).seconds == pytest.approx(round_half_up(seconds, decimals),
                                                          abs=1e-6)


@given(st.floats(min_value=0, max_value=1_000_000, allow_nan=False),
       st.sampled_from(["m", "km", "mi"]), st.integers(0, 3))
def test_distance_round_trips_to_display_precision(meters: float, unit: str, decimals: int) -> None:
    shown = Distance(meters).format(unit, decimals)
    parsed = Distance.parse(shown)
    per = {"m": 1.0, "km": 1000.0, "mi": METERS_PER_MILE}[unit]
    assert parsed.meters == pytest.approx(round_half_up(meters / per, decimals) * per, rel=1e-12,
                                          abs=1e-6)


@given(st.floats(min_value=1, max_value=1e6, allow_nan=False))
def test_miles_and_km_round_trip(n: float) -> None:
    assert Distance.miles(n).in_miles == pytest.approx(n, rel=1e-12)
    assert Distance.km(n).in_km == pytest.approx(n, rel=1e-12)
