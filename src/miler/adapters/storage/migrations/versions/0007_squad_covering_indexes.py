"""the squad list read from two covering indexes: each athlete's newest plan and its goal,
and a plan's sessions by day with their status, without reading the table rows

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 20:20:00.000000
"""

from __future__ import annotations

from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # bench/README.md shows the query plans before and after. On SQLite, plans.goal_mile_s
    # (added by 0004) sits after the ~75 KB document, so reading it from the row walks the
    # document's overflow pages: 200 plans took 15 ms, against 0.5 ms from this index.
    # Each new index starts with the columns of the one it replaces.
    op.drop_index('ix_plans_athlete_id', table_name='plans')
    op.create_index('ix_plans_athlete_id_version_goal', 'plans',
                    ['athlete_id', 'version', 'goal_mile_s'], unique=False)
    op.drop_index('ix_sessions_plan_id_day', table_name='sessions')
    op.create_index('ix_sessions_plan_id_day_status', 'sessions',
                    ['plan_id', 'day', 'status'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_sessions_plan_id_day_status', table_name='sessions')
    op.create_index('ix_sessions_plan_id_day', 'sessions', ['plan_id', 'day'], unique=False)
    op.drop_index('ix_plans_athlete_id_version_goal', table_name='plans')
    op.create_index('ix_plans_athlete_id', 'plans', ['athlete_id'], unique=False)
