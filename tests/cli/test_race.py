from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from miler.domain.race import Strategy, Venue, plan_race


@pytest.fixture(scope="module")
def validator() -> Any:
    import jsonschema

    from miler.data import schema as packaged

    schema = packaged("race")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_race_table_shows_laps_checkpoints_cues_and_warm_up(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("race", "--goal", "7:00")
    assert code == 0, err
    for shown in ("Race day: a 7:00 mile on a track", "stretch 6:58",
                  "1:47.83", "1:43.39", "1:45.89", "1:42.89",  # the four laps
                  "209.344 m", "54.63", "1609.344 m", "25.42",  # first and last checkpoint
                  "walking lunges, bounding, leg swings, high knees",
                  "Lap 3: The hardest lap", "Sprint the finishing straight!",
                  "same track as your test mile"):
        assert shown in out


def test_race_even_on_the_road(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("race", "--goal", "7:00", "--venue", "ROAD", "--even")
    assert code == 0
    assert "on the road, even pace" in out
    rows = [row for row in map(str.split, out.splitlines())
            if row[:1] in (["1"], ["2"], ["3"], ["4"]) and row[1:3] == ["402.336", "m"]]
    assert [row[3] for row in rows] == ["1:45.00"] * 4  # four even quarter-mile splits
    assert "402.336 m" in out


def test_race_json_is_valid_against_the_contract(cli, validator) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("race", "--goal", "7:00", "--json")
    assert code == 0
    doc = json.loads(out)
    validator.validate(doc)
    assert doc["schema"] == "miler.race/1"
    assert doc["goal_s"] == 420.0
    assert [lap["split_s"] for lap in doc["laps"]] == [107.83, 103.39, 105.89, 102.89]
    assert doc["checkpoints"][-1] == {"at_m": 1609.344, "elapsed_s": 420.0, "split_s": 25.42,
                                      "label": "finish", "cue": "Through the line."}


@given(goal_cs=st.integers(18_000, 180_000), venue=st.sampled_from(list(Venue)),
       strategy=st.sampled_from(list(Strategy)))
def test_every_plan_document_is_valid(validator: Any, goal_cs: int, venue: Venue,
                                      strategy: Strategy) -> None:
    validator.validate(plan_race(goal_cs / 100, venue, strategy).to_doc())


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--goal", "0:00"], "--goal must be more than zero, got '0:00'"),
     (["--goal", "fast"], "--goal must look like M:SS, H:MM:SS or seconds, got 'fast'"),
     (["--goal", "7:00", "--venue", "moon"], "--venue must be track or road, got 'moon'"),
     (["--goal", "2:00"], "--goal must be between 3:00 and 30:00 for a mile, got '2:00'"),
     (["--goal", "7:00", "--band", "band.png"],
      "--band must end in .svg, .html, .pdf, got 'band.png'")],
)
def test_bad_input_exits_2_with_one_line(args: list[str], message: str, tmp_path: Path) -> None:
    # A real process: the exit code and stderr are what a user's shell sees.
    done = subprocess.run([sys.executable, "-m", "miler", "race", *args], capture_output=True,
                          text=True, check=False, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == f"miler: error: {message}\n"
    assert done.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_band_is_written_and_json_stays_clean(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    band = tmp_path / "band.pdf"
    code, out, err = cli("race", "--goal", "6:30", "--json", "--band", str(band))
    assert code == 0
    assert json.loads(out)["goal_s"] == 390.0
    assert err.strip() == (f"Pace band written to {band}: 200 x 25 mm, print at 100% and cut "
                           "along the dashed line.")
    assert band.read_bytes().startswith(b"%PDF")


def test_band_that_cannot_be_written_exits_1_and_prints_no_plan(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "missing" / "band.svg"
    code, out, err = cli("race", "--goal", "7:00", "--band", str(target))
    assert code == 1
    assert out == ""
    assert err == f"miler: error: {target}: folder '{target.parent}' does not exist\n"
    assert list(tmp_path.iterdir()) == []


def test_reportlab_and_the_race_plan_load_only_when_used() -> None:
    code = ("import sys; from miler.cli import main; main(['race', '--goal', '7:00', '--json']); "
            "main(['--version']); import miler; miler.Venue; "
            "print(sorted(m for m in ('reportlab', 'miler.domain.race') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip().splitlines()[-1] == "['miler.domain.race']"
    quiet = ("import sys, miler; from miler.cli import main; main(['--version']); "
             "print('miler.domain.race' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", quiet], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip().splitlines()[-1] == "False"
