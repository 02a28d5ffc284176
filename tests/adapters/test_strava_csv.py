"""Strava's ``activities.csv``: columns by (name, occurrence), units, bad rows and limits."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from miler.adapters.files.strava_csv import (
    MAX_NAME_CHARS,
    file_key,
    read_activities_csv,
    sport_of,
)
from miler.domain.units import METERS_PER_MILE
from miler.errors import ActivityFileError

HEADER = ["Activity ID", "Activity Date", "Activity Name", "Activity Type", "Elapsed Time",
          "Distance", "Filename", "Elapsed Time", "Moving Time", "Distance"]


def _csv(*rows: list[str], header: list[str] = HEADER) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([header, *rows])
    return out.getvalue().encode()


def test_repeated_names_are_read_by_occurrence() -> None:
    data = _csv(["7", "Jan 5, 2021, 7:32:10 AM", "Morning Run", "Run", "1500", "5.01",
                 "activities/7.fit.gz", "1499.5", "1450.0", "5012.3"])
    (row,), skipped = read_activities_csv(data, "activities.csv")
    assert skipped == []
    assert row.start_time == datetime(2021, 1, 5, 7, 32, 10, tzinfo=UTC)
    assert (row.name, row.type, row.sport) == ("Morning Run", "Run", "running")
    assert row.distance_m == 5012.3  # the second "Distance": metres, not the 5.01 shown
    assert (row.elapsed_s, row.moving_s) == (1500.0, 1450.0)
    assert row.filename == "activities/7.fit.gz"
    assert not row.manual


def test_shown_distances_take_the_exports_unit() -> None:
    """A row with no metres column value gets its shown distance in the unit the other rows
    show: miles here (3.11 shown for 5005 m)."""
    data = _csv(["1", "2021-01-05 07:00:00", "A", "Run", "1500", "3.11", "a.fit", "", "", "5005"],
                ["2", "2021-01-06 07:00:00", "Treadmill", "Run", "1800", "4.00", "", "", "", ""])
    rows, _ = read_activities_csv(data, "activities.csv")
    assert rows[1].manual
    assert rows[1].distance_m == pytest.approx(4 * METERS_PER_MILE)


def test_a_bad_row_is_skipped_with_its_line_and_a_missing_column_refuses_the_file() -> None:
    data = _csv(["1", "yesterday", "A", "Run", "1", "1", "", "", "", ""],
                ["2", "2021-01-06 07:00:00", "B", "Run", "x", "1", "", "", "", ""])
    rows, skipped = read_activities_csv(data, "activities.csv")
    assert rows == []
    assert skipped == [
        ("activities.csv line 2",
         "Activity Date must look like 'Jan 5, 2021, 7:32:10 AM', got 'yesterday'"),
        ("activities.csv line 3", "Elapsed Time must be a number, got 'x'")]
    with pytest.raises(ActivityFileError, match="its header has no 'Filename' column"):
        read_activities_csv(_csv(header=HEADER[:6]), "activities.csv")
    with pytest.raises(ActivityFileError, match="is not UTF-8 text"):
        read_activities_csv(b"\xff\xfe", "activities.csv")


@given(st.text(max_size=400))
def test_names_are_bounded_and_free_of_control_characters(name: str) -> None:
    data = _csv(["1", "2021-01-05 07:00:00", name, "Run", "1", "1", "", "", "", ""])
    (row,), _ = read_activities_csv(data, "activities.csv")
    assert 0 < len(row.name) <= MAX_NAME_CHARS
    assert not any(ord(c) < 32 or 127 <= ord(c) < 160 for c in row.name)


def test_types_and_file_keys() -> None:
    assert [sport_of(t) for t in ("Run", "Trail Run", "Virtual Run", "Ride", "Hike",
                                  "Weight Training")] == [
        "running", "running", "running", "cycling", "hiking", "weight_training"]
    assert file_key("export.zip!activities/12.FIT.gz") == file_key("activities/12.fit.gz") \
        == "12.fit.gz"
