"""summaries worked out from an athlete's data (the progress page's), kept under the data
version they were worked out at, so a repeat view in any process reads one row

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 17:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'kept_summaries',
        sa.Column('athlete_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('data_version', sa.String(length=32), nullable=False),
        sa.Column('made_by', sa.String(length=40), nullable=False),
        sa.Column('doc', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['athlete_id'], ['athletes.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('athlete_id', 'kind'),
    )


def downgrade() -> None:
    op.drop_table('kept_summaries')
