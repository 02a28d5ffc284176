"""a coach's squad at scale: the athletes' data version (pages are kept under it), each
plan's goal beside its document, and the indexes the query plans of the squad list and the
progress page asked for

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 12:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('athletes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('data_version', sa.String(length=32), nullable=False,
                                      server_default='0'))
    # a token of its own for every athlete kept so far (one shared '0' would let a restored
    # backup's athlete look unchanged to a server that kept pages under '0')
    random = ("md5(random()::text || id::text)" if op.get_bind().dialect.name == "postgresql"
              else "lower(hex(randomblob(16)))")
    op.execute(f"UPDATE athletes SET data_version = {random}")
    # the goal beside the plan document, filled in for the plans kept so far
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('goal_mile_s', sa.Float(), nullable=True))
    plans = sa.table('plans', sa.column('doc', sa.JSON()), sa.column('goal_mile_s', sa.Float()))
    op.execute(plans.update().values(goal_mile_s=plans.c.doc['goal']['mile_s'].as_float()))
    # bench/README.md shows the query plans before and after: each replaces an index on the
    # first column alone, and spares a sort of the rows found
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_index('ix_sessions_plan_id')
        batch_op.create_index('ix_sessions_plan_id_day', ['plan_id', 'day'], unique=False)
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.drop_index('ix_activities_athlete_id')
        batch_op.create_index('ix_activities_athlete_id_day', ['athlete_id', 'day'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_column('goal_mile_s')
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.drop_index('ix_activities_athlete_id_day')
        batch_op.create_index('ix_activities_athlete_id', ['athlete_id'], unique=False)
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_index('ix_sessions_plan_id_day')
        batch_op.create_index('ix_sessions_plan_id', ['plan_id'], unique=False)
    with op.batch_alter_table('athletes', schema=None) as batch_op:
        batch_op.drop_column('data_version')
