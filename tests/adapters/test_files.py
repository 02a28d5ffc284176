"""read_activity over the real corpus: counts, distances, laps, fitdecode agreement, damage."""

from __future__ import annotations

import csv
import gzip
import re
import struct
from pathlib import Path

import numpy as np
import pytest

from miler.adapters.files import read_activity, read_activity_bytes
from miler.adapters.files.crc import crc16_reference
from miler.domain.efforts import best_efforts
from miler.errors import ActivityFileError, CorruptFileError
from tests.adapters.catalogue import (
    CORRUPT,
    DIFFERENT,
    FITDECODE_WRONG,
    entries,
    entry,
    manifest,
)
from tests.conftest import CORPUS

pytestmark = [pytest.mark.corpus,
              pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is absent")]

DATA = Path(__file__).resolve().parents[1] / "data"


def _activity_fits() -> list[str]:
    return [p for p in entries("fit") if entry(p)["file_type"].startswith("activity")
            and entry(p)["records"] and p not in CORRUPT]


@pytest.mark.parametrize("path", _activity_fits())
def test_fit_records_and_laps_match_the_catalogue(path: str) -> None:
    e = entry(path)
    activity = read_activity(CORPUS / path)
    samples = DIFFERENT.get(path, (None, ""))[0]
    no_time = "without a time" in " ".join(activity.warnings)
    assert activity.samples == (samples or (0 if no_time else e["records"]))
    assert len(activity.laps) == e["laps"]
    if e["total_distance_m"] and path not in DIFFERENT:  # the manifest kept one session's
        assert activity.total_distance_m == pytest.approx(e["total_distance_m"], rel=1e-6)


@pytest.mark.parametrize("path", [p for p in entries("fit", running=True)
                                  if entry(p)["size"] < 100_000 and p not in CORRUPT])
def test_fit_values_equal_fitdecodes(path: str) -> None:
    pytest.importorskip("fitdecode")
    from tests.adapters.oracle import fitdecode_records

    ours = read_activity(CORPUS / path)
    theirs = fitdecode_records(CORPUS / path)
    timed = np.isfinite(theirs["timestamp"])
    assert ours.samples == timed.sum()
    assert ours.time_s == pytest.approx(theirs["timestamp"][timed] - theirs["timestamp"][0])
    for mine, name, scale in ((ours.distance_m, "distance", 1.0),
                              (ours.lat, "position_lat", 180 / 2**31),
                              (ours.lon, "position_long", 180 / 2**31)):
        known = np.isfinite(theirs[name][timed])
        assert mine[known] == pytest.approx(theirs[name][timed][known] * scale, abs=1e-6), name
    hr = theirs["heart_rate"][timed]
    real = np.isfinite(hr) & (hr > 0)  # 0 bpm is "no strap", missing to miler
    assert ours.heart_rate[real] == pytest.approx(hr[real])
    assert np.isnan(ours.heart_rate[~real]).all()
    speed = np.where(np.isfinite(theirs["enhanced_speed"]), theirs["enhanced_speed"],
                     theirs["speed"])[timed]
    known = np.isfinite(speed)
    assert ours.speed_m_s[known] == pytest.approx(speed[known], abs=1e-9)
    assert len(ours.laps) == theirs["laps"]


def test_the_zwift_file_keeps_its_real_distance() -> None:
    path = "fit/python-fitparse/null_compressed_speed_dist.fit"
    assert path in FITDECODE_WRONG
    activity = read_activity(CORPUS / path)
    assert np.isfinite(activity.distance_m).all()
    assert activity.total_distance_m == pytest.approx(entry(path)["total_distance_m"])


def test_compressed_speed_distance_equals_python_fitparses_expected_values() -> None:
    # python-fitparse (MIT) ships the values it expects from this FR70 + footpod file.
    folder = CORPUS / "fit/python-fitparse"
    activity = read_activity(folder / "compressed-speed-distance.fit")
    with (folder / "expected-records-csv/compressed-speed-distance-records.csv").open() as f:
        rows = list(csv.reader(f))[1:]
    stamp, hr, speed, distance = (np.array([float(r[k]) for r in rows]) for k in range(4))
    assert activity.start_time is None  # device-relative times (below 0x10000000): no date
    # The CSV starts at the second record: the first carries no packed value yet.
    at = np.searchsorted(activity.time_s, stamp - stamp[0] + activity.time_s[1])
    assert activity.speed_m_s[at] == pytest.approx(speed)
    assert activity.heart_rate[at] == pytest.approx(hr)
    assert activity.distance_m[at] - activity.distance_m[at[0]] == pytest.approx(distance)


def test_compressed_timestamps_count_up_second_by_second() -> None:
    activity = read_activity(CORPUS / "fit/python-fitparse/2013-02-06-12-11-14.fit")
    assert np.all(np.diff(activity.time_s) >= 0)
    assert activity.elapsed_s == pytest.approx(2627.0, abs=60)


def test_invalid_sentinels_are_missing_not_data() -> None:
    for path in ("fit/goldencheetah/Move_2020_01_15_19_27_16_Running.fit",
                 "fit/sports-lib/suunto-uphill.fit"):
        activity = read_activity(CORPUS / path)
        assert np.isnan(activity.lat).any()  # GPS on part of the records only
        assert np.nanmax(np.abs(activity.lat)) <= 90
        assert not (activity.heart_rate >= 255).any()


def test_a_header_crc_of_zero_is_accepted() -> None:
    data = (CORPUS / "fit/goldencheetah/10kUNLP2014-Garmin15.fit").read_bytes()
    body = data[:12] + b"\0\0" + data[14:-2]
    blanked = body + struct.pack("<H", crc16_reference(body))  # the file CRC covers the header
    assert data[0] == 14
    activity = read_activity_bytes(blanked, "zero-header-crc.fit", strict=True)
    assert activity.samples == 686


def test_multisport_distance_and_efforts_cover_the_running_part() -> None:
    activity = read_activity(CORPUS / "fit/muktihari-fit/triathlon_summary_last.fit")
    assert activity.sport == "multisport"
    run = [s for s in activity.sessions if s.sport == "running"]
    assert activity.running_distance_m == pytest.approx(sum(s.distance_m or 0 for s in run))
    assert activity.running_distance_m < activity.total_distance_m
    summary_first = read_activity(CORPUS / "fit/muktihari-fit/triathlon_summary_first.fit")
    assert best_efforts(summary_first)["mile"].elapsed_s == pytest.approx(
        best_efforts(activity)["mile"].elapsed_s)


def test_the_same_run_in_fit_and_tcx_agrees() -> None:
    fit = read_activity(CORPUS / "fit/goldencheetah/10kUNLP2014-Garmin15.fit")
    tcx = read_activity(CORPUS / "tcx/goldencheetah/10kUNLP2014-Garmin15.tcx")
    assert tcx.samples == fit.samples
    assert tcx.start_time == fit.start_time
    assert tcx.total_distance_m == pytest.approx(fit.total_distance_m, abs=1.0)
    assert [round(lap.distance_m) for lap in tcx.laps] == [round(lap.distance_m)
                                                          for lap in fit.laps]
    fit_best, tcx_best = best_efforts(fit), best_efforts(tcx)
    assert set(fit_best) == set(tcx_best)
    for name in fit_best:
        assert tcx_best[name].elapsed_s == pytest.approx(fit_best[name].elapsed_s, abs=0.5)


@pytest.mark.parametrize("path", sorted(CORRUPT))
def test_a_broken_file_is_salvaged_with_a_warning(path: str) -> None:
    kept, note, _ = CORRUPT[path]
    activity = read_activity(CORPUS / path)
    assert activity.samples == kept
    assert any(note in w for w in activity.warnings), activity.warnings


@pytest.mark.parametrize("path", sorted(CORRUPT))
def test_a_broken_file_is_refused_when_strict(path: str) -> None:
    _, _, reason = CORRUPT[path]
    with pytest.raises(CorruptFileError) as caught:
        read_activity(CORPUS / path, strict=True)
    assert str(caught.value).startswith(str(CORPUS / path) + ": ")
    assert reason in str(caught.value)


@pytest.mark.parametrize(("path", "reason"), [
    ("fit/python-fitparse/Settings.fit", "a FIT settings file, not an activity"),
    ("fit/python-fitparse/WeightScaleSingleUser.fit", "a FIT weight file, not an activity"),
    ("workouts/fit/python-fitparse/WorkoutRepeatSteps.fit", "a FIT workout file, not an activity"),
    ("gpx/gpxpy/route.gpx", "no track points (a route or waypoints, not an activity)"),
    ("tcx/dblock-tcx/brighton-beach.tcx", "no activity in this TCX file (a course or workout)"),
])
def test_files_that_are_not_activities_say_what_they_are(path: str, reason: str) -> None:
    with pytest.raises(ActivityFileError, match=re.escape(f"{CORPUS / path}: {reason}")):
        read_activity(CORPUS / path)


def test_an_empty_or_foreign_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.fit"
    empty.write_bytes(b"")
    with pytest.raises(CorruptFileError, match=r"empty\.fit: the file is empty"):
        read_activity(empty)
    text = tmp_path / "notes.fit"
    text.write_bytes(b"these are not the bytes you are looking for")
    with pytest.raises(CorruptFileError, match=r"not a FIT file \(no FIT header\) at byte 0"):
        read_activity(text)
    with pytest.raises(ActivityFileError, match=r"missing\.fit: no such file"):
        read_activity(tmp_path / "missing.fit")


def test_gzipped_files_read_like_the_plain_ones(tmp_path: Path) -> None:
    for path in ("fit/pytrainer/sample.fit", "tcx/pytrainer/sample.tcx",
                 "gpx/sports-lib/garmin.gpx"):
        packed = tmp_path / (Path(path).name + ".gz")
        packed.write_bytes(gzip.compress((CORPUS / path).read_bytes()))
        plain, unpacked = read_activity(CORPUS / path), read_activity(packed)
        assert unpacked.samples == plain.samples
        assert unpacked.total_distance_m == plain.total_distance_m


@pytest.mark.parametrize("path", entries("tcx", running=True))
def test_running_tcx_trackpoints_and_laps_match(path: str) -> None:
    e = entry(path)
    activity = read_activity(CORPUS / path)
    assert activity.samples == e["trackpoints"]
    assert len(activity.laps) == e["laps"]
    assert activity.has_running


@pytest.mark.parametrize("path", entries("gpx", running=True))
def test_running_gpx_points_and_distance_match_gpxpy(path: str) -> None:
    e = entry(path)
    activity = read_activity(CORPUS / path)
    assert activity.samples == e["pts"]
    if e["dist_km"]:  # gpxpy's length_2d, rounded to 10 m in the manifest
        assert activity.total_distance_m / 1000 == pytest.approx(e["dist_km"], abs=0.03)


def test_gpx_times_from_1901_are_dropped_not_believed() -> None:
    path = CORPUS / "gpx/gpxpy/Mojstrovka.gpx"
    activity = read_activity(path)
    assert any("before 1980" in w for w in activity.warnings)
    assert activity.start_time is None or activity.start_time.year >= 1980
    with pytest.raises(CorruptFileError, match="times before 1980"):
        read_activity(path, strict=True)


def test_xml_entity_declarations_are_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "lol.gpx"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaa">]><gpx>&a;</gpx>')
    with pytest.raises(ActivityFileError, match="declares XML entities"):
        read_activity(bomb)


def test_the_manifest_is_there() -> None:
    assert len(manifest()) > 200


def test_a_clock_that_jumped_is_salvaged_or_refused() -> None:
    path = CORPUS / "fit/goldencheetah/2013-04-11-17-32-50.fit"
    assert "14 records whose time jumped" in read_activity(path).warnings[0]
    with pytest.raises(CorruptFileError, match="14 records whose time jumped back or forth"):
        read_activity(path, strict=True)
