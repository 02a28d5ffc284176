"""Options many commands share, and ``Option``: an option as plain data.

A command module declares its options with ``Option(...)``, given exactly what
``typer.Option(...)`` would be given, so the module imports without Typer. ``cli.app`` turns
each into the real ``typer.Option`` when it builds the application (help, completion, errors
and docs/cli.md are Typer's, unchanged); ``cli.fast`` reads them to run a well-formed
``miler plan ...`` without importing Typer at all (start-up, issue 22).
"""

from __future__ import annotations

from typing import Annotated, Any

__all__ = ["JsonOption", "Option"]


class Option:
    """The arguments of one ``typer.Option(...)``, kept until the application is built."""

    __slots__ = ("decls", "settings")

    def __init__(self, *decls: str, **settings: Any) -> None:
        self.decls = decls
        self.settings = settings

    def to_typer(self) -> Any:
        import typer

        return typer.Option(*self.decls, **self.settings)

    def __repr__(self) -> str:
        given = [repr(d) for d in self.decls] + [f"{k}={v!r}" for k, v in self.settings.items()]
        return f"Option({', '.join(given)})"


#: ``--json``: the command's ``miler.<name>/1`` document on stdout (``miler schema <name>``);
#: errors become a ``miler.error/1`` document on stderr with the same exit code.
JsonOption = Annotated[bool, Option(
    "--json", help="Print the result as JSON for machines (see `miler schema`).")]
