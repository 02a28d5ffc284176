"""Age grading: the shipped tables give the published cells, and the arithmetic holds."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from miler.data import age_table
from miler.domain.age_grading import Sex, age_grade, level, standing
from miler.domain.units import Venue
from miler.errors import InvalidInputError
from tests.conftest import CORPUS

TABLES = CORPUS / "tables" / "age-grading"
needs_tables = pytest.mark.skipif(not TABLES.exists(), reason="../shared/corpus is absent")


@pytest.mark.parametrize(
    ("venue", "sex", "age", "factor"),
    # Cells read from the published files: AgeGrade.1mi (Alan Jones 2025) and athlib's
    # wma-data-2023.json "MILE" row.
    [(Venue.ROAD, Sex.MALE, 5, 0.5990), (Venue.ROAD, Sex.MALE, 45, 0.8942),
     (Venue.ROAD, Sex.FEMALE, 45, 0.9430), (Venue.ROAD, Sex.FEMALE, 99, 0.2252),
     (Venue.TRACK, Sex.MALE, 5, 0.6526), (Venue.TRACK, Sex.FEMALE, 110, 0.08)],
)
def test_published_cells(venue: Venue, sex: Sex, age: int, factor: float) -> None:
    assert age_table(venue, sex).factor(age) == factor


def test_open_standards_are_the_updated_ones() -> None:
    # The 2025 mile standard is 3:47 (227 s), not the 3:52 an old sheet still shows.
    assert age_table(Venue.ROAD, Sex.MALE).open_s == 227
    assert age_table(Venue.ROAD, Sex.FEMALE).open_s == 253
    assert age_table(Venue.TRACK, Sex.MALE).open_s == 223.13


@needs_tables
@pytest.mark.parametrize("sex", list(Sex))
def test_every_road_cell_matches_the_runscore_file(sex: Sex) -> None:
    lines = (TABLES / "alan-jones/2025/runscore-AgeGrade/AgeGrade.1mi").read_text().splitlines()
    table = age_table(Venue.ROAD, sex)
    rows = [line.split() for line in lines if line.startswith(sex.value[0].upper() + " ")]
    cells = [(int(r[1]), float(r[2])) for r in rows if len(r) == 3]
    assert len(cells) == len(table.factors)
    assert all(table.factor(age) == factor for age, factor in cells)


@needs_tables
@pytest.mark.parametrize("sex", list(Sex))
def test_every_track_cell_matches_athlib(sex: Sex) -> None:
    data = json.loads((TABLES / "athlib/wma-data-2023.json").read_text())
    row = next(r for r in data[sex.value[0]] if r[0] == "MILE")
    table = age_table(Venue.TRACK, sex)
    assert table.open_s == row[2]
    assert [table.factor(age) for age in data["ages"]] == row[3:]


def test_a_seven_minute_mile_at_45() -> None:
    # 253 / 0.9430 = 268.29 s standard; 268.29 / 420 = 63.88 %; 420 x 0.943 = 396.06 s.
    grade = age_grade(420, 45, age_table(Venue.ROAD, Sex.FEMALE))
    assert grade.percent == pytest.approx(63.88, abs=0.01)
    assert grade.graded_time_s == pytest.approx(396.06, abs=0.01)
    assert grade.level == "local class"


@given(st.floats(min_value=200, max_value=1200), st.integers(min_value=5, max_value=99),
       st.sampled_from(list(Sex)), st.sampled_from(list(Venue)))
def test_grading_is_consistent(time_s: float, age: int, sex: Sex, venue: Venue) -> None:
    grade = age_grade(time_s, age, age_table(venue, sex))
    # percent of the age standard == percent of the open standard by the graded time
    assert grade.percent == pytest.approx(100 * age_table(venue, sex).open_s
                                          / grade.graded_time_s)
    assert age_grade(time_s - 1, age, age_table(venue, sex)).percent > grade.percent


def test_levels_and_standing() -> None:
    assert [level(p) for p in (100, 95, 85, 75, 65, 40)] == [
        "world record level", "world class", "national class", "regional class",
        "local class", "recreational"]
    assert standing(424) == "level with the average mile for runners (Running Level)"
    assert standing(420, Sex.FEMALE).startswith("44 s faster than the average mile for women")


@pytest.mark.parametrize(
    ("call", "message"),
    [(lambda: age_table(Venue.ROAD, Sex.MALE).factor(3),
      "age must be a whole number of years from 5 to 99 for the road tables, got 3"),
     (lambda: age_table(Venue.TRACK, Sex.MALE).factor(130), "from 5 to 110"),
     (lambda: Sex.parse("robot"), "sex must be female or male, got 'robot'"),
     (lambda: age_grade(-1, 40, age_table(Venue.ROAD, Sex.MALE)), "time must be a positive")],
)
def test_bad_input(call, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInputError, match=message):
        call()
