"""The database option every storing command shares, and opening it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from miler.cli.options import Option

if TYPE_CHECKING:
    from miler.services.ports import Storage

DbOption = Annotated[str | None, Option(
    "--db", metavar="URL|FILE",
    help="Database: a SQLite file or a URL (default: MILER_DATABASE_URL, else miler.db in "
         "the user data directory).", show_default=False)]


def open_store(db: str | None) -> Storage:
    from miler.config import settings
    from miler.services.ports import open_storage

    return open_storage(settings(db).database_url)
