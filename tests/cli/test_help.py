"""Every command has help text and a docs entry."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from miler.cli.app import app

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def _commands() -> dict[str, object]:
    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


def test_there_are_commands() -> None:
    assert "paces" in _commands()


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_has_help(name: str, cli) -> None:  # type: ignore[no-untyped-def]
    command = _commands()[name]
    assert (command.help or "").strip(), f"{name} has no help text"  # type: ignore[attr-defined]
    code, out, _ = cli(name, "--help")
    assert code == 0
    assert "Usage" in out


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_is_documented(name: str) -> None:
    assert f"## miler {name}" in DOCS.read_text(encoding="utf-8")


def test_cli_reference_is_current() -> None:
    from miler.cli.reference import cli_reference

    assert DOCS.read_text(encoding="utf-8") == cli_reference(), \
        "docs/cli.md is stale: run python tools/gen_cli_docs.py"


def _every_command() -> list[list[str]]:
    from miler.cli.reference import _walk

    group = typer.main.get_command(app)
    return [name.split()[1:] for name, _ in _walk(group, "miler")]


@pytest.mark.parametrize("words", _every_command(), ids=" ".join)
def test_dash_h_is_help_everywhere(words: list[str], cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli(*words, "-h")
    assert (code, err) == (0, "")
    assert out.startswith(f"Usage: miler {' '.join(words)} ")
    assert "-h, --help" in out


@pytest.mark.parametrize("words", [[], ["athlete"], ["session"], ["account"]])
def test_a_bare_group_lists_its_commands(words: list[str], cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli(*words)
    assert (code, err) == (0, "")
    assert out.startswith(f"Usage: miler {' '.join(words)}".rstrip() + " [OPTIONS] COMMAND")
    assert "Commands:" in out


def test_bare_miler_lists_every_command(cli) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = cli()
    listed = out.split("Commands:", 1)[1]
    assert all(f"  {name} " in listed for name in _commands())


def test_shell_completion_prints_a_script() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "miler", "--show-completion", "bash"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert "_miler_completion()" in done.stdout
    assert "complete " in done.stdout
    assert "--install-completion" in subprocess.run(
        [sys.executable, "-m", "miler", "--help"], capture_output=True, text=True, timeout=60,
        check=False).stdout


def test_completion_completes_a_command() -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "COMP_WORDS": "miler ath", "COMP_CWORD": "1",
           "_MILER_COMPLETE": "complete_bash"}
    done = subprocess.run([sys.executable, "-m", "miler"], capture_output=True, text=True,
                          timeout=60, env=env, check=False)
    assert (done.returncode, done.stdout.split()) == (0, ["athlete"])


def _options() -> list[tuple[str, object]]:
    from miler.cli.reference import _walk

    group = typer.main.get_command(app)
    return [(f"{name} {p.opts[0] if p.opts else p.name}", p)
            for name, command in _walk(group, "miler")
            for p in command.params if p.name != "help"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("where", "param"), _options(), ids=[w for w, _ in _options()])
def test_every_value_shows_what_it_takes(where: str, param: object) -> None:
    """MILES, M:SS, DATE, {female|male}... never Click's TEXT or a bare type name."""
    if getattr(param, "is_flag", False):
        return
    metavar = getattr(param, "metavar", None)
    assert metavar, f"{where} has no metavar"
    assert metavar.strip("[].") not in ("TEXT", "INTEGER", "FLOAT", "<str>")


def test_the_kinds_log_shows_are_the_kinds_it_takes() -> None:
    from miler.cli.coach import KINDS
    from miler.domain.workouts import RUN_KINDS

    assert set(KINDS.strip("{}").split("|")) == {str(k) for k in RUN_KINDS}


def test_help_and_the_reference_show_the_metavars(cli) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = cli("athlete", "add", "-h")
    assert "--weekly-miles MILES" in out
    assert "--sex {female|male}" in out
    assert "--test-mile M:SS" in out
    text = DOCS.read_text(encoding="utf-8")
    assert "- `--weeks N`: Mile-block weeks" in text
    assert "- `--to DATE`: The new date" in text
