"""``miler analyze``: the readable summary, the schema's JSON, and clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
TRACK = DATA / "track-fenix6.fit"


def test_analyze_shows_best_efforts_laps_and_splits(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("analyze", str(TRACK))
    assert code == 0, err
    assert "running (track), 2021-06-10 10:35 UTC" in out
    assert "6.44 km (4.00 mi) in 27:51" in out
    assert "mile        6:20.1   6:20/mi" in out
    assert "    3      400 m   1:27.4    5:52/mi" in out
    assert "Mile splits: 6:59  6:21  6:53  7:35" in out
    # Fast 400s with slow laps between: an interval session, not a test mile.
    assert "Test mile" not in out


@pytest.mark.parametrize("name", ["track-fenix6.fit", "fr410.tcx"])
def test_analyze_json_is_valid_against_the_schema(cli, name: str) -> None:  # type: ignore[no-untyped-def]
    import jsonschema

    code, out, _ = cli("analyze", str(DATA / name), "--json")
    doc = json.loads(out)
    from miler.data import schema

    assert code == 0
    jsonschema.validate(doc, schema("activity"))
    assert doc["schema"] == "miler.activity/1"
    assert set(doc["best_efforts"]) <= {"400m", "800m", "1km", "mile", "2mile", "5km"}


def test_analyze_json_numbers(cli) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = cli("analyze", str(TRACK), "--json")
    doc = json.loads(out)
    assert doc["start_time"] == "2021-06-10T10:35:14Z"
    assert doc["distance_m"] == 6440.0
    assert len(doc["laps"]) == 17
    assert doc["best_efforts"]["mile"]["elapsed_s"] == pytest.approx(380.132, abs=1e-3)


def test_a_cut_file_is_read_with_a_warning_or_refused_when_strict(
        cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cut = tmp_path / "cut.fit"
    cut.write_bytes(TRACK.read_bytes()[:40_000])
    code, out, _ = cli("analyze", str(cut))
    assert code == 0
    assert "warning: the file is cut short" in out
    done = subprocess.run([sys.executable, "-m", "miler", "analyze", str(cut), "--strict"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert done.stderr.startswith(f"miler: error: {cut}: the file is cut short (")
    assert "Traceback" not in done.stderr


def test_a_missing_file_is_one_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("analyze", str(tmp_path / "nope.fit"))
    assert code == 1
    assert err == f"miler: error: {tmp_path / 'nope.fit'}: no such file\n"


def test_the_watchs_offset_from_utc_is_read(cli) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = cli("analyze", str(TRACK), "--json")
    assert json.loads(out)["utc_offset_s"] == -4 * 3600  # the activity message's local time
