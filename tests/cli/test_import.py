"""``miler import`` and the history scan behind it."""

from __future__ import annotations

import gzip
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from miler.services.history import NO_DAY, scan_history
from tests.conftest import SHARED

DATA = Path(__file__).resolve().parents[1] / "data"
MAKE_HISTORY = SHARED / "tools" / "make_history.py"


def _folder(tmp_path: Path) -> Path:
    runs = tmp_path / "runs"
    (runs / "deep").mkdir(parents=True)
    (runs / "deep" / "track.fit").write_bytes((DATA / "track-fenix6.fit").read_bytes())
    (runs / "fr410.tcx").write_bytes((DATA / "fr410.tcx").read_bytes())
    (runs / "broken.fit").write_bytes(b"\x0e\x10" + b"junk" * 10)
    (runs / "notes.txt").write_text("not an activity")
    return runs


def test_import_reports_runs_skips_best_mile_and_weeks(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("import", str(_folder(tmp_path)), "--dry-run")
    assert code == 0, err
    assert out.startswith("Read 3 activity files: 2 runs, 0 other activities, 0 duplicates, "
                          "1 skipped, 1 other file ignored\n")
    assert "broken.fit: not a FIT file (no FIT header) at byte 0" in out
    assert "Best mile ever: 6:20.1 (2021-06-10, " in out
    assert "  2021-06  6:20.1" in out
    assert "Weekly running distance, 12 weeks to 2021-06-10:" in out
    assert "  2021-06-07    4.0 mi  (6.4 km, 1 run)" in out
    assert "Nothing was stored" in out


def test_import_reads_garmin_and_strava_zip_exports(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    inner = tmp_path / "part1.zip"
    with zipfile.ZipFile(inner, "w") as z:
        z.write(DATA / "track-fenix6.fit", "UploadedFiles/track.fit")
    garmin = tmp_path / "garmin.zip"
    with zipfile.ZipFile(garmin, "w") as z:
        z.write(inner, "DI_CONNECT/part1.zip")  # Garmin nests zips inside its export
    strava = tmp_path / "strava.zip"
    with zipfile.ZipFile(strava, "w") as z:  # Strava gzips each file under activities/
        z.writestr("activities/123.tcx.gz", gzip.compress((DATA / "fr410.tcx").read_bytes()))
        z.writestr("activities.csv", "id,name\n")
        z.writestr("activities/9.fit", b"\x0e\x10 not a fit file")
    code, out, _ = cli("import", str(garmin), str(strava))
    assert code == 0
    assert out.startswith("Read 3 activity files: 2 runs, 0 other activities, 0 duplicates, "
                          "2 skipped\n")
    assert (f"skipped {strava}!activities.csv: is not Strava's activities.csv: its header has "
            "no 'Activity ID', 'Activity Date', 'Activity Name', 'Activity Type', 'Distance', "
            "'Filename' column") in out
    assert f"skipped {strava}!activities/9.fit: not a FIT file (no FIT header) at byte 0" in out


def test_the_same_run_twice_counts_once(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for name in ("a.fit", "b.fit"):
        (tmp_path / name).write_bytes((DATA / "track-fenix6.fit").read_bytes())
    code, out, _ = cli("import", str(tmp_path))
    assert code == 0
    assert out.startswith("Read 2 activity files: 1 run, 0 other activities, 1 duplicate")


def test_a_missing_path_is_bad_input(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "miler", "import", str(tmp_path / "gone")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stderr == (f"miler: error: PATH must be an existing file or folder, "
                           f"got '{tmp_path / 'gone'}'\n")


@pytest.mark.skipif(not MAKE_HISTORY.exists(), reason="../shared/tools is absent")
def test_a_long_history_is_read_on_every_core(tmp_path: Path) -> None:
    out = tmp_path / "history"
    subprocess.run([sys.executable, str(MAKE_HISTORY), str(out), "24",
                    str(DATA / "track-fenix6.fit")], check=True)
    calls: list[tuple[int, int]] = []
    summary = scan_history([out], workers=2, progress=lambda d, t: calls.append((d, t)))
    assert summary.files == 24
    assert len(summary.runs) == 24  # each copy moved to its own day: no duplicates
    assert calls[-1] == (24, 24)
    assert summary.today == date(2021, 7, 4)  # the newest copy: 24 days after the original
    assert (summary.weeks[-1].runs, summary.weeks[-1].distance_m) == (7, 7 * 6440.0)
    assert summary.recent_best_mile_s() == pytest.approx(380.132, abs=1e-3)
    assert summary.weekly_miles_average(4) == pytest.approx(
        sum(w.miles for w in summary.weeks[-4:]) / 4)


@pytest.mark.skipif(not (SHARED / "corpus").exists(), reason="../shared/corpus is absent")
def test_a_folder_with_broken_files_still_imports_the_rest() -> None:
    folder = SHARED / "corpus" / "fit" / "python-fitparse"
    summary = scan_history([folder], workers=1)
    reasons = dict(summary.skipped)
    assert reasons[str(folder / "Settings.fit")] == "a FIT settings file, not an activity"
    # settings, monitoring and weight files; and three with no start time, which the import
    # would not store (no day)
    assert len(summary.skipped) == 8
    assert sum(why == NO_DAY for why in reasons.values()) == 3
    salvaged = {Path(r.name).name: r.warnings for r in summary.runs if r.warnings}
    assert any("cut short" in w for w in salvaged["strava-android-app-201.10-b1218918.fit"])
    assert len(summary.runs) >= 10
    assert summary.recent_test_mile_s() is None or summary.recent_test_mile_s() > 0


STALE = "not built yet"


def test_no_message_says_a_built_part_is_not_built(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sources = [p for p in (Path(__file__).resolve().parents[2] / "src" / "miler").rglob("*")
               if p.suffix in (".py", ".html", ".md", ".json")]
    assert sources
    assert [str(p) for p in sources if STALE in p.read_text(encoding="utf-8").lower()] == []
    folder = _folder(tmp_path)
    code, dry, _ = cli("import", str(folder), "--dry-run")
    assert code == 0
    assert STALE not in dry
    assert dry.endswith("Nothing was stored: --dry-run only reads.\n")
    code, nobody, _ = cli("import", str(folder))  # no athlete yet: read and reported
    assert code == 0
    assert STALE not in nobody
    assert nobody.endswith("Nothing was stored: there is no athlete to keep them for; add one "
                           "with `miler athlete add NAME --weekly-miles N`, then import "
                           "again.\n")
