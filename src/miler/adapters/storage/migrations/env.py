"""Alembic environment: miler runs migrations itself (``storage.upgrade``), on the
connection it hands over in ``config.attributes``; there is no alembic.ini."""

from __future__ import annotations

from alembic import context

from miler.adapters.storage.tables import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
