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
