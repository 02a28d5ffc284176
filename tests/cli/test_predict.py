"""``miler predict`` and ``miler agegrade`` from the command line."""

from __future__ import annotations

import json

import pytest


def test_predict_a_mile(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("predict", "7:00")
    assert code == 0
    five_k = next(line for line in out.splitlines() if line.strip().startswith("5 km"))
    assert five_k.split()[2:5] == ["23:44", "23:17", "24:06"]


def test_predict_json_with_two_results(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("predict", "--from", "5k=23:44", "--from", "1mi=7:05", "--json")
    doc = json.loads(out)
    assert code == 0
    assert doc["personal_k"] == pytest.approx(1.067, abs=0.001)
    rows = {r["label"]: r for r in doc["rows"]}
    assert rows["5 km"]["times_s"]["daniels_gilbert"] == pytest.approx(1424, abs=0.5)
    assert rows["400 m"]["times_s"]["riegel"] is None
    assert "Riegel's range" in rows["400 m"]["notes"]["riegel"]


def test_agegrade_json(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("agegrade", "7:00", "--age", "45", "--sex", "female", "--json")
    doc = json.loads(out)
    assert (code, doc["percent"], doc["level"]) == (0, 63.88, "local class")
    code, out, _ = cli("agegrade", "7:00", "--age", "45", "--sex", "male", "--venue", "track")
    assert code == 0
    assert "57.8 % age-graded (recreational)" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["predict", "fast"], "MILE must look like"),
        (["predict", "--from", "5k"], "--from must look like DISTANCE=TIME, e.g. 5k=23:44"),
        (["predict", "--from", "5k=-1:00"], "--from"),
        (["predict", "7:00", "--from", "5k=23:44", "--from", "10k=50:00"],
         "--from needs a mile time or one or two results"),
        (["predict", "--from", "5k=23:44", "--from", "1mi=9:00"],
         "results must give a personal exponent between 1 and 2"),
        (["agegrade", "7:00", "--age", "3", "--sex", "female"],
         "--age must be a whole number from 5 to 110, got '3'"),
        (["agegrade", "7:00", "--age", "130", "--sex", "female"], "--age must be"),
        (["agegrade", "7:00", "--age", "40", "--sex", "robot"],
         "--sex must be female or male, got 'robot'"),
        (["agegrade", "7:00", "--age", "40", "--sex", "male", "--venue", "moon"],
         "--venue must be track or road, got 'moon'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(cli, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli(*args)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert message in err
