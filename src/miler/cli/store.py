"""The database option every storing command shares, and opening it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from miler.adapters.storage.repository import Store

DbOption = Annotated[str | None, typer.Option(
    "--db", metavar="URL|FILE",
    help="Database: a SQLite file or a URL (default: MILER_DATABASE_URL, else miler.db in "
         "the user data directory).", show_default=False)]


def open_store(db: str | None) -> Store:
    from miler.adapters.storage.repository import Store
    from miler.config import settings

    return Store.open(settings(db).database_url)
