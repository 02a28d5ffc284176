"""``miler backup`` / ``restore`` output."""

from __future__ import annotations

from miler.cli.render import console


def counts_view(title: str, counts: dict[str, int]) -> None:
    parts = ", ".join(f"{n} {table}" for table, n in counts.items())
    console().print(f"{title}: {parts}.")
