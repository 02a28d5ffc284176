"""The CLI reference (docs/cli.md), generated from the Typer app itself."""

from __future__ import annotations

from typing import Any


def _param_line(param: Any) -> str:
    """``- `--weeks N`: help``: an option with what it takes (flags take nothing)."""
    takes = "" if getattr(param, "is_flag", False) else f" {param.metavar}"
    names = ", ".join(f"`{opt}{takes}`" for opt in param.opts) \
        if param.param_type_name == "option" else f"`{param.metavar or param.name.upper()}`"
    text = (getattr(param, "help", None) or "").strip()
    return f"- {names}: {text}" if text else f"- {names}"


def cli_reference() -> str:
    """Markdown: one section per command with its help and parameters."""
    import typer.main

    from miler.cli.app import app

    group: Any = typer.main.get_command(app)
    lines = ["# miler command reference", "",
             "Generated from the CLI by `python tools/gen_cli_docs.py`; a test keeps it current.",
             ""]
    for name, command in _walk(group, "miler"):
        lines += [f"## {name}", "", (command.help or "").strip(), ""]
        lines += [_param_line(p) for p in command.params if p.name != "help"]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _walk(group: Any, prefix: str) -> list[tuple[str, Any]]:
    """Every command, with sub-commands of a group (``miler athlete add``) after it."""
    out = []
    for name in sorted(group.commands):
        command = group.commands[name]
        out.append((f"{prefix} {name}", command))
        if hasattr(command, "commands"):
            out += _walk(command, f"{prefix} {name}")
    return out
