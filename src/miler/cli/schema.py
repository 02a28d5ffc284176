"""``miler schema``: print a JSON contract the package ships (what ``--json`` emits)."""

from __future__ import annotations

from typing import Annotated

import typer

from miler.data import SCHEMAS


def schema(
    name: Annotated[str, typer.Argument(
        metavar="NAME", help="Which document: " + ", ".join(SCHEMAS) + ". A document names "
        "its schema in its own \"schema\" field, e.g. miler.plan/1 is plan.",
        show_default=False)],
) -> None:
    """Print the JSON Schema of a document miler emits (`--json`), from the installed
    package."""
    from miler.data import schema_text

    text = schema_text(name)
    print(text, end="" if text.endswith("\n") else "\n")
