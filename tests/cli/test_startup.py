"""What a command loads at start (issue 22): `miler plan --json` pays for neither Typer (a plain
run is parsed by cli/fast.py), nor Rich, nor storage, nor the exports, nor the plan's typed
view; and the one-command application a run builds (``app_for``) says exactly what the whole
application says. No timing is asserted: bench/bench_startup.py measures it."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer.main
from typer.testing import CliRunner

from miler.cli.app import app, app_for

# Each was loaded by `miler plan --json` before issue 22 (or would be by a careless import).
HEAVY = ("typer", "pathlib", "rich", "sqlalchemy", "alembic", "numpy", "fastapi",
         "miler.services.ports", "miler.services.exports", "miler.adapters.exports",
         "miler.adapters.storage", "miler.domain.plan_view", "miler.cli.render.plan")
PLAN = ["plan", "--weekly-miles", "20", "--test-mile", "7:45", "--goal", "7:00",
        "--start", "2026-03-02", "--json"]


def _loaded_after(args: list[str]) -> list[str]:
    code = ("import sys\n"
            "from miler.cli import main\n"
            f"code = main({args!r})\n"
            f"print(code, sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    return done.stderr.strip().splitlines()[-1].split(" ", 1)


def test_plan_json_loads_nothing_heavy() -> None:
    assert _loaded_after(PLAN) == ["0", "[]"]


def test_the_text_plan_still_loads_rich() -> None:
    """The check above can fail: the same probe sees Rich when the plan is a table."""
    code, loaded = _loaded_after(PLAN[:-1])
    assert code == "0"
    assert "'rich'" in loaded
    assert "'miler.domain.plan_view'" in loaded


def _names() -> list[str]:
    return sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", _names())
def test_the_one_command_app_gives_the_same_help(name: str) -> None:
    runner = CliRunner()
    whole = runner.invoke(app, [name, "--help"], prog_name="miler", env={"COLUMNS": "100"})
    alone = runner.invoke(app_for([name]), [name, "--help"], prog_name="miler",
                          env={"COLUMNS": "100"})
    assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output)
    assert whole.exit_code == 0
    assert "Usage: miler" in whole.output


@pytest.mark.parametrize("args", [[], ["--help"], ["--version"], ["plna"], ["-h", "plan"]])
def test_root_options_and_unknown_words_get_every_command(args: list[str]) -> None:
    assert app_for(args) is app


def test_a_command_gets_an_app_of_its_own() -> None:
    alone = typer.main.get_command(app_for(["plan", "--json"]))
    assert sorted(alone.commands) == ["plan"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("terminal", [False, True], ids=["piped", "terminal"])
def test_the_import_progress_bar_loads_only_on_a_terminal(terminal: bool) -> None:
    """Off a terminal (a script, cron) the bar shows nothing and Rich's progress module is
    not loaded; on one it is drawn on stderr and gone at the end."""
    code = ("import sys\n"
            "from miler.cli.render.history import progress_bar\n"
            "with progress_bar() as advance:\n"
            "    advance(3, 10)\n"
            "print('rich.progress' in sys.modules)\n")
    env = {"PATH": "/usr/bin:/bin", "TERM": "xterm"}
    if terminal:
        env["FORCE_COLOR"] = "1"  # Rich takes stderr for a terminal
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True, env=env)
    assert done.stdout == f"{terminal}\n"
    assert ("reading" in done.stderr) == terminal
