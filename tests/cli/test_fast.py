"""The Typer-free path of ``miler plan`` (cli/fast.py, issue 22): whenever it accepts some words,
Typer's own parser gives the command the same arguments; whatever it declines, Typer runs as
before; and it handles an interrupted run and a closed pipe as Click does."""

from __future__ import annotations

import functools
import importlib
import subprocess
import sys
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from miler.cli import app as cli_app
from miler.cli import fast, main
from miler.cli import plan as plan_cmd
from tests.cli.typer_spy import TyperSpy, command_words

PLAN = ["--weekly-miles", "20", "--test-mile", "7:45", "--goal", "7:00", "--start",
        "2026-03-02", "--json"]
TYPER = TyperSpy("plan", plan_cmd.plan)
OPTIONS = [(decl, param.is_flag) for param in TYPER.params
           for decl in param.opts if decl.startswith("--")]
_typer_kwargs = TYPER.kwargs  # what Typer calls `plan` with for ``miler plan WORDS``


VALUES = st.sampled_from(["20", "7:45", "", "-3:00", "--json", "-h", "a=b", "two words",
                          "2026-03-02", "mi"]) | st.text(max_size=4)


WORDS = command_words(OPTIONS, VALUES, ["--goal=7:00"], 6)


@settings(max_examples=300, deadline=None)
@given(WORDS)
@example(PLAN)
@example(["--goal", ""])
def test_what_it_accepts_typer_reads_alike(words: list[str]) -> None:
    ours = fast.parse(plan_cmd.plan, words)
    if ours is not None:
        assert ours == _typer_kwargs(words)


def test_a_plain_run_is_accepted_and_read_as_typer_reads_it() -> None:
    """The check above can fail: the bench's run is one it accepts."""
    ours = fast.parse(plan_cmd.plan, PLAN)
    assert ours is not None
    assert ours == _typer_kwargs(PLAN)
    assert (ours["weekly_miles"], ours["as_json"], ours["units"], ours["history"]) == (
        "20", True, "mi", None)


@pytest.mark.parametrize("words", [
    ["--help"], ["-h"], ["--goal=7:00"], ["--goal"], ["--goal", "-3:00"], ["--goal", "--json"],
    ["--json", "--json"], ["--goal", "7:00", "--goal", "6:50"], ["--ics", "plan.ics"],
    ["--history", "runs"], ["--nope"], ["--", "--json"], ["7:00"], ["--json", "x"],
])
def test_anything_else_is_left_to_typer(words: list[str]) -> None:
    assert fast.parse(plan_cmd.plan, words) is None


def test_unknown_commands_and_shell_completion_are_left_to_typer(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert fast.run(["predict", "5k=20:00"]) is fast.DECLINED
    assert fast.run([]) is fast.DECLINED
    monkeypatch.setenv("_MILER_COMPLETE", "complete_bash")
    assert fast.run(["plan", *PLAN]) is fast.DECLINED


def test_a_declined_run_gets_typers_errors(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("plan", "--weekly-miles")
    assert (code, out) == (2, "")
    assert err == "miler: error: Option '--weekly-miles' requires an argument.\n"


def test_a_command_without_plain_options_is_never_run_here() -> None:
    def command(goal: str, as_json: bool = False) -> None:  # a bare argument: Typer's
        raise AssertionError("not to be called")

    assert fast.parse(command, ["--json"]) is None


@pytest.mark.parametrize("name", sorted(fast.COMMANDS))
def test_each_fast_command_imports_without_typer_and_is_the_apps(name: str) -> None:
    module, function = fast.COMMANDS[name]
    code = (f"import sys, {module}\n"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'click')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.strip() == "[]"
    command = getattr(importlib.import_module(module), function)
    assert {n: c for n, c, _ in cli_app._COMMANDS}[name] is command
    assert fast.parse(command, []) is not None


def _raising(error: type[BaseException]) -> Any:
    @functools.wraps(plan_cmd.plan)
    def command(**_: Any) -> None:
        raise error()

    return command


@pytest.mark.parametrize("error", [KeyboardInterrupt, EOFError])
def test_an_interrupted_run_is_reported_as_click_reports_it(
        cli, error: type[BaseException]) -> None:  # type: ignore[no-untyped-def]
    """Click prints a new line and aborts; main reports the abort (exit 130)."""
    with patch.object(plan_cmd, "plan", _raising(error)):
        code, out, err = cli("plan", *PLAN[:-1])
    assert (code, out, err) == (130, "", "\nmiler: error: aborted\n")


def test_a_reader_that_leaves_early_ends_it_quietly_with_1() -> None:
    """`miler plan --json | head -c 0`: the pipe is closed before the plan is written."""
    with subprocess.Popen([sys.executable, "-m", "miler", "plan", *PLAN],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        proc.stdout.close()
        err = proc.stderr.read()
        code = proc.wait(timeout=120)
    assert (code, err) == (1, b"")


def test_main_runs_a_plain_plan_without_typer(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """In process: the Typer application is never built for a plain run."""
    def no_typer(args: list[str], as_json: bool) -> int:
        raise AssertionError(f"Typer ran for {args}")

    monkeypatch.setattr("miler.cli._run_typer", no_typer)
    assert main(["plan", *PLAN]) == 0
    assert capsys.readouterr().out.startswith('{\n  "schema": "miler.plan/1"')


def test_the_version_is_printed_as_the_application_prints_it(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    fast_out = capsys.readouterr().out
    assert cli_app.app_for(["--version"])(args=["--version"], prog_name="miler",
                                          standalone_mode=False) == 0  # Typer's own
    assert fast_out == capsys.readouterr().out
    assert fast_out.startswith("miler ")
    assert fast.run(["--version", "--help"]) is fast.DECLINED  # anything more: Typer's
