"""Bulk exports as Strava and Garmin Connect hand them out, built here from real watch files
of ``../shared/corpus``: Strava's ``activities.csv`` (names, types, a run entered by hand,
repeated column names) and gzipped files; Garmin's nested ``UploadedFiles_*.zip``."""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from miler.adapters.files import read_activity
from miler.domain.units import METERS_PER_MILE
from tests.conftest import CORPUS

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is absent")

#: Real runs (FIT) and a GPX that names no sport (miler would guess a run from its pace).
FIT_RUNS = {"101": ("fit/goldencheetah/10kUNLP2014-Garmin15.fit", "UNLP 10k race"),
            "102": ("fit/python-fitparse/2013-02-06-12-11-14.fit", "Lunch Run")}
GPX_HIKE = ("103", "gpx/goldencheetah/Move_2014_01_17_09_33_11.gpx", "Hill walk")
#: The header of a real export: "Elapsed Time" and "Distance" come twice (shown units, then
#: base units), "Activity Private Note" sits between them in newer exports.
HEADER = ["Activity ID", "Activity Date", "Activity Name", "Activity Type",
          "Activity Description", "Elapsed Time", "Distance", "Max Heart Rate",
          "Relative Effort", "Commute", "Activity Private Note", "Activity Gear", "Filename",
          "Athlete Weight", "Bike Weight", "Elapsed Time", "Moving Time", "Distance",
          "Max Speed"]
MANUAL_M = 5 * METERS_PER_MILE


@dataclass(frozen=True)
class Export:
    path: Path
    newest_run_day: str  # the manual run is logged that day
    manual_name: str = "Treadmill 5 miles, hotel gym"


def _row(activity_id: str, when: str, name: str, kind: str, distance_m: float,
         elapsed_s: float, file: str) -> list[str]:
    shown_km = f"{distance_m / 1000:.2f}"  # the runner displays km
    return [activity_id, when, name, kind, "", f"{elapsed_s:.0f}", shown_km, "", "", "false",
            "", "", file, "", "", f"{elapsed_s:.1f}", f"{elapsed_s:.1f}", f"{distance_m:.1f}",
            ""]


def _strava_export(tmp_path: Path) -> Export:
    rows: list[list[str]] = []
    starts = []
    zip_path = tmp_path / "export_12345.zip"
    with zipfile.ZipFile(zip_path, "w") as z:
        for activity_id, (rel, name) in FIT_RUNS.items():
            activity = read_activity(CORPUS / rel)
            assert activity.start_time is not None
            starts.append(activity.start_time)
            z.writestr(f"activities/{activity_id}.fit.gz",
                       gzip.compress((CORPUS / rel).read_bytes()))
            rows.append(_row(activity_id, activity.start_time.strftime("%b %d, %Y, %I:%M:%S %p"),
                             name, "Run", activity.distance_m[-1], activity.elapsed_s or 0.0,
                             f"activities/{activity_id}.fit.gz"))
        activity_id, rel, name = GPX_HIKE
        hike = read_activity(CORPUS / rel)
        assert hike.sport == "running"  # what a guess from its pace makes of it
        assert hike.start_time is not None
        z.write(CORPUS / rel, f"activities/{activity_id}.gpx")
        rows.append(_row(activity_id, hike.start_time.strftime("%b %d, %Y, %I:%M:%S %p"),
                         name, "Hike", hike.headline_distance_m, hike.elapsed_s or 0.0,
                         f"activities/{activity_id}.gpx"))
        newest = max(starts)
        manual_at = newest + timedelta(hours=3)
        rows.append(_row("104", manual_at.strftime("%b %d, %Y, %I:%M:%S %p"),
                         "Treadmill 5 miles, hotel gym", "Run", MANUAL_M, 2400, ""))
        text = io.StringIO()
        csv.writer(text).writerows([HEADER, *rows])
        z.writestr("activities.csv", text.getvalue())
    return Export(zip_path, manual_at.date().isoformat())


def _week_miles(out: str, day: str) -> float:
    """The weekly distance line of the week holding ``day`` in ``miler import`` output."""
    from datetime import date

    monday = date.fromisoformat(day) - timedelta(days=date.fromisoformat(day).weekday())
    line = next(ln for ln in out.splitlines() if ln.startswith(f"  {monday.isoformat()}  "))
    return float(line.split()[1])


def test_a_strava_export_reads_names_types_and_manual_runs(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    export = _strava_export(tmp_path)
    code, out, err = cli("import", str(export.path), "--dry-run")
    assert code == 0, err
    # 3 files and the hand-entered run; the GPX is a hike, as the catalogue says
    assert out.startswith("Read 3 activity files and 1 manual activity: 3 runs, "
                          "1 other activity, 0 duplicates, 0 skipped\n"), out
    newest = read_activity(CORPUS / FIT_RUNS["101"][0])
    assert newest.start_time is not None
    run_miles = newest.headline_distance_m / METERS_PER_MILE
    # the manual run counts in the weekly volume of its week
    assert _week_miles(out, export.newest_run_day) == pytest.approx(run_miles + 5.0, abs=0.06)


def test_a_strava_export_is_stored_with_names_and_manual_runs_once(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    export = _strava_export(tmp_path)
    db = str(tmp_path / "m.db")
    assert cli("athlete", "add", "Ada", "--weekly-miles", "20", "--db", db)[0] == 0
    code, out, err = cli("import", str(export.path), "--athlete", "Ada", "--db", db)
    assert code == 0, err
    assert out.startswith("Stored 4 activities for ada, 0 already known, 0 skipped.\n"), out
    for _, name in FIT_RUNS.values():
        assert f" {name}: " in out
    assert " 5.00 mi Treadmill 5 miles, hotel gym (manual): " in out
    assert " 9.66 mi Hill walk: " in out  # a hike: no best mile
    code, again, _ = cli("import", str(export.path), "--athlete", "Ada", "--db", db)
    assert code == 0
    assert again.startswith("Stored 0 activities for ada, 4 already known, 0 skipped.\n")


def test_a_garmin_export_with_nested_uploaded_files_zips(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    parts = []
    for number, (rel, _) in enumerate(FIT_RUNS.values(), start=1):
        part = tmp_path / f"UploadedFiles_0-_Part{number}.zip"
        with zipfile.ZipFile(part, "w") as z:
            z.write(CORPUS / rel, f"owner_{number}.fit")
        parts.append(part)
    garmin = tmp_path / "garmin.zip"
    with zipfile.ZipFile(garmin, "w") as z:
        for part in parts:
            z.write(part, f"DI_CONNECT/DI-Connect-Uploaded-Files/{part.name}")
        z.writestr("DI_CONNECT/DI-Connect-Fitness/summarizedActivities.json", "[]")
    code, out, err = cli("import", str(garmin), "--dry-run")
    assert code == 0, err
    assert out.startswith("Read 2 activity files: 2 runs, 0 other activities, 0 duplicates, "
                          "0 skipped\n"), out
    db = str(tmp_path / "m.db")
    assert cli("athlete", "add", "Bo", "--weekly-miles", "20", "--db", db)[0] == 0
    code, out, err = cli("import", str(garmin), "--athlete", "Bo", "--db", db)
    assert code == 0, err
    assert out.startswith("Stored 2 activities for bo, 0 already known, 0 skipped.\n"), out


def test_the_json_of_a_strava_export_names_its_runs_and_manual_ones(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    export = _strava_export(tmp_path)
    code, out, _ = cli("import", str(export.path), "--dry-run", "--json")
    assert code == 0
    assert json.loads(out)["manual"] == 1
    db = str(tmp_path / "m.db")
    assert cli("athlete", "add", "Ada", "--weekly-miles", "20", "--db", db)[0] == 0
    code, out, _ = cli("import", str(export.path), "--athlete", "Ada", "--db", db, "--json")
    assert code == 0
    runs = {r["name"]: r["manual"] for r in json.loads(out)["activities"]}
    assert runs == {"UNLP 10k race": False, "Lunch Run": False, "Hill walk": False,
                    "Treadmill 5 miles, hotel gym": True}
