"""``miler schema``: print a JSON contract the package ships (what ``--json`` emits)."""

from __future__ import annotations

from typing import Annotated

import typer


def schema(
    name: Annotated[str, typer.Argument(
        metavar="plan|race|activity|fitness", help="plan (miler plan --json), race (miler "
        "race --json), activity (miler analyze --json) or fitness (miler fitness --json).",
        show_default=False)],
) -> None:
    """Print the JSON Schema of a document miler emits, from the installed package."""
    from miler.data import schema_text

    text = schema_text(name)
    print(text, end="" if text.endswith("\n") else "\n")
