"""``miler paces`` answered from its words alone (cli/quick.py, issue 22): whatever words it
reads, Typer reads alike; it prints to the byte what the Typer command prints, errors and
exit codes included; anything else is left to Typer; and its process loads neither Typer,
Click nor Rich."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from miler.cli import fast
from miler.cli import paces as paces_cmd
from miler.cli.quick import paces_words
from tests.cli.typer_spy import TyperSpy

TYPER = TyperSpy("paces", paces_cmd.paces)

#: Mile times as a runner types them (M:SS, M:SS.s, seconds, paces per unit), and slips.
GOALS = (st.builds(lambda m, s, tenth: f"{m}:{s:02d}{tenth}", st.integers(0, 30),
                   st.integers(0, 75), st.sampled_from(["", ".5", ".25"]))
         | st.builds(lambda m, s, unit: f"{m}:{s:02d}/{unit}", st.integers(0, 9),
                     st.integers(0, 59), st.sampled_from(["km", "mi", "400m", "lap", "yd"]))
         | st.sampled_from(["420", "7:00", "0:00", "banana", "", " 7:00", "1:02:03", "7:6x"])
         | st.text(max_size=5))
WORDS = st.lists(GOALS | st.sampled_from(["--json", "-h", "--help", "--", "--nope",
                                          "-3:00", "--json=1"]), max_size=3)


@settings(max_examples=300, deadline=None)
@given(WORDS)
@example(["7:00"])
@example(["--json", "7:00"])
@example(["7:00", "--json", "--json"])
def test_what_it_reads_typer_reads_alike(words: list[str]) -> None:
    ours = paces_words(words)
    if ours is not None:
        assert {"goal": ours[0], "as_json": ours[1]} == TYPER.kwargs(words)


@pytest.mark.parametrize("words", [
    [], ["--help"], ["-h"], ["-3:00"], ["7:00", "6:50"], ["--", "7:00"], ["7:00", "--nope"],
    ["--json"], ["7:00", "--json", "--json"], ["--json=1", "7:00"],
])
def test_anything_else_is_left_to_typer(words: list[str]) -> None:
    assert paces_words(words) is None
    assert fast.run(["paces", *words]) is fast.DECLINED


@pytest.fixture
def both(cli, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """``miler paces WORDS`` answered here, and by Typer with this path off."""
    def run(*words: str) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
        quick = cli("paces", *words)
        with monkeypatch.context() as m:
            m.setattr(fast, "ANSWERED", {})
            m.setattr("miler.cli.quick.paces", _not_here)
            full = cli("paces", *words)
        return quick, full

    return run


def _not_here(words: list[str]) -> str | None:
    raise AssertionError("the full path ran the quick one")


# the fixture's capture is read after each run: nothing carries from one input to the next
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(GOALS.filter(lambda goal: not goal.startswith("-")), st.booleans())
@example("7:00", False)
@example("7:99", True)
def test_both_paths_print_the_same_bytes(both, goal: str,  # type: ignore[no-untyped-def]
                                         as_json: bool) -> None:
    quick, full = both(goal, *(["--json"] if as_json else []))
    assert quick == full


def test_the_table_and_the_lap_trap_of_a_7_00_mile(cli) -> None:  # type: ignore[no-untyped-def]
    """Seed 000's numbers for 7:00, laid out as plain aligned text."""
    code, out, err = cli("paces", "7:00")
    assert (code, err) == (0, "")
    assert out.splitlines()[:8] == [
        "Goal mile 7:00.00", "per           time", "---------  -------", "mile       7:00.00",
        "km         4:20.98", "400 m lap  1:44.39", "200 m        52.20", "100 m        26.10"]
    assert "take 7:02.45: +2.45 s against the goal" in out


def test_its_process_loads_neither_typer_nor_rich() -> None:
    code = ("import sys\nfrom miler.cli import main\nmain(['paces', '6:30'])\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'click', 'rich'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.splitlines()[-1] == "[]"
    assert "400 m lap  1:36.93" in done.stdout  # 390 s x 400 / 1609.344
