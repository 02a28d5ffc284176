"""``miler plan``: the contract (JSON against the schema), the files it writes, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, load_tool

RUNNER = ["--weekly-miles", "20", "--test-mile", "7:45", "--goal", "7:00",
          "--start", "2026-11-30"]


def test_json_is_the_contract(cli) -> None:  # type: ignore[no-untyped-def]
    jsonschema = pytest.importorskip("jsonschema")
    code, out, err = cli("plan", *RUNNER, "--json")
    assert (code, err) == (0, "")
    doc = json.loads(out)
    from miler.data import schema

    jsonschema.validate(doc, schema("plan"))
    assert (doc["start_date"], doc["race_date"], doc["goal"]["verdict"]) == (
        "2026-11-30", "2027-01-24", "reasonable")


def test_readable_view_has_the_assessment_and_lap_paces(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("plan", *RUNNER)
    assert code == 0
    assert out.startswith("Goal 7:00: reasonable.")
    assert "6:00–6:30/mi (1:29.5–1:36.9/lap)" in out  # the seed's 400 m repeats


def test_markdown_has_every_step(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("plan", *RUNNER, "--markdown")
    assert code == 0
    assert out.startswith("# Mile plan")
    assert "## Week 8: race" in out
    assert "Why:" in out


def test_files_and_save(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "miler.db")
    code, out, err = cli("plan", *RUNNER, "--ics", str(tmp_path / "plan.ics"), "--time", "06:30",
                         "--tz", "Europe/London", "--fit", str(tmp_path / "fit"),
                         "--pdf", str(tmp_path / "plan.pdf"), "--save", "--athlete", "Ada",
                         "--db", db, "--json")
    assert code == 0, err
    json.loads(out)  # stdout stays the document; the notes go to stderr
    assert "calendar written to" in err
    assert "saved as Ada's plan v1" in err
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")
    assert len(list((tmp_path / "fit").glob("*.fit"))) > 40
    code, _, err = cli("plan", *RUNNER, "--save", "--athlete", "Ada", "--db", db)
    assert "saved as Ada's plan v2" in err


def test_history_gives_the_mileage_and_mile(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("plan", "--history", str(ROOT / "tests" / "data"),
                         "--start", "2026-11-30", "--json")
    assert code == 0
    assert "from 2 runs in the history" in err
    assert json.loads(out)["athlete"]["weekly_miles"] >= 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--weekly-miles", "20", "--test-mile", "banana"], "--test-mile must look like"),
        (["--weekly-miles", "-5"], "--weekly-miles must be a number from 0 to 150, got '-5'"),
        (["--weekly-miles", "20", "--weeks", "40"],
         "--weeks must be a whole number from 6 to 10, got '40'"),
        (["--weekly-miles", "20", "--start", "2026-12-01", "--race-date", "2026-11-01"],
         "--race-date must be after the start (2026-12-01), got '2026-11-01'"),
        (["--weekly-miles", "20", "--days", "mon,tue,wed,thu,funday"],
         "--days must be a weekday: mon, tue, wed, thu, fri, sat or sun, got 'funday'"),
        (["--weekly-miles", "20", "--days", "mon,tue"], "must give at least 3 days"),
        (["--weekly-miles", "20", "--days", "mon,tue,funday"], "--days"),
        (["--test-mile", "7:45"], "--weekly-miles is needed"),
        (["--weekly-miles", "20", "--weeks", "8", "--start", "2026-11-30", "--race-date",
          "2026-12-20"], "weeks disagrees with the race date"),
        (["--weekly-miles", "20", "--json", "--markdown"],
         "--json cannot be combined with --markdown"),
        (["--weekly-miles", "20", "--time", "06:30"], "--time only applies with --ics FILE"),
        (["--weekly-miles", "20", "--save"], "--athlete is needed with --save"),
        # Issue 17: hostile or careless input, one line each, no traceback.
        (["--weekly-miles", "20", "--test-mile", "9" * 5000 + ":00"],
         "--test-mile must be at most 20 characters"),
        (["--weekly-miles", "20", "--test-mile", "\uff17:\uff14\uff15"],
         "--test-mile must look like M:SS"),
        (["--weekly-miles", "20", "--start", "9999-12-31"], "--start must be from 1980-01-06"),
        (["--weekly-miles", "20", "--start", "0001-01-01"], "--start must be from 1980-01-06"),
        (["--weekly-miles", "20", "--time-trial", "7:20", "--test-mile", "4:00"],
         "--time-trial must be within 25% of the test mile"),
    ],
)
def test_bad_input_exits_2_with_one_line(cli, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("plan", *args)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert message in err


def test_sample_plan_doc_is_current() -> None:
    tool = load_tool("gen_sample_plan")
    assert (ROOT / "docs" / "sample-plan.md").read_text() == tool.sample_markdown(), (
        "run `make docs`")
