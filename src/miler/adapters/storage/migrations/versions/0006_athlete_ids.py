"""athletes keyed by their ids: a name stored before ids were slugs ("Ada") becomes one
("ada", kept as the display name), so the web app's URLs and every shell find the runner

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 20:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

_athletes = sa.table('athletes', sa.column('id', sa.Integer), sa.column('name', sa.String),
                     sa.column('profile', sa.JSON), sa.column('data_version', sa.String))


def upgrade() -> None:
    from miler.adapters.storage.dump import keyed_by_id
    from miler.adapters.storage.tables import new_data_version

    db = op.get_bind()
    rows = [dict(r._mapping) for r in db.execute(
        sa.select(_athletes.c.id, _athletes.c.name, _athletes.c.profile))]
    for old, new in zip(rows, keyed_by_id(rows), strict=True):
        if new['name'] != old['name']:  # the data changed: kept pages and summaries go
            db.execute(_athletes.update().where(_athletes.c.id == old['id']).values(
                name=new['name'], profile=new['profile'], data_version=new_data_version()))


def downgrade() -> None:
    pass  # the ids stay: every miler since ids were slugs finds a runner by them
