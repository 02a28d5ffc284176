"""``miler backup`` / ``restore`` output."""

from __future__ import annotations

from typing import Any

from miler.cli.render import console

_SHOWN = {"web_users": "users", "web_coach_athletes": "coach links"}


def counts_view(title: str, counts: dict[str, int]) -> None:
    parts = ", ".join(f"{n} {_SHOWN.get(table, table)}" for table, n in counts.items())
    console().print(f"{title}: {parts}.")


def counts_doc(action: str, file: str, counts: dict[str, int]) -> dict[str, Any]:
    """``miler backup|restore --json``: the file and how many rows of each table."""
    return {"schema": "miler.backup/1", "action": action, "file": file, "counts": counts}
