from __future__ import annotations

import json
import subprocess
import sys

import pytest


def test_paces_table(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("paces", "7:00")
    assert code == 0, err
    for shown in ("7:00.00", "4:20.98", "1:44.39", "52.20", "26.10", "6:57.56", "7:02.45"):
        assert shown in out


def test_paces_json(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("paces", "7:00", "--json")
    doc = json.loads(out)
    assert code == 0
    assert doc["schema"] == "miler.paces/1"
    assert doc["pace"]["s_per_km"] == pytest.approx(260.9759, abs=1e-4)
    assert doc["naive_mile_s"] == pytest.approx(422.4528, abs=1e-9)


@pytest.mark.parametrize(
    ("arg", "message"),
    [("banana", "GOAL must look like M:SS, H:MM:SS or seconds, got 'banana'"),
     ("-3:00", "GOAL must be positive, got '-3:00'"),
     ("7:99", "GOAL seconds must be under 60 in M:SS, got '7:99'"),
     ("0:00", "GOAL must be more than zero, got '0:00'")],
)
def test_bad_goal_exits_2_with_one_line(arg: str, message: str) -> None:
    # A real process: the exit code and stderr are what a user's shell sees.
    done = subprocess.run([sys.executable, "-m", "miler", "paces", arg],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stderr == f"miler: error: {message}\n"
    assert "Traceback" not in done.stdout + done.stderr


def test_unknown_option_exits_2(cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("paces", "7:00", "--fast")
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "--fast" in err


def test_version(cli) -> None:  # type: ignore[no-untyped-def]
    from miler import __version__

    code, out, _ = cli("--version")
    assert code == 0
    assert out.strip() == f"miler {__version__}"
