"""web accounts: users (password hashes) and the athletes each coach looks after

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 09:58:29.369491
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('web_users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=40), nullable=False),
    sa.Column('password_hash', sa.Text(), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('athlete_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['athlete_id'], ['athletes.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('athlete_id'),
    sa.UniqueConstraint('username')
    )
    op.create_table('web_coach_athletes',
    sa.Column('coach_id', sa.Integer(), nullable=False),
    sa.Column('athlete_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['athlete_id'], ['athletes.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['coach_id'], ['web_users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('coach_id', 'athlete_id')
    )
    with op.batch_alter_table('web_coach_athletes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_web_coach_athletes_athlete_id'), ['athlete_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('web_coach_athletes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_web_coach_athletes_athlete_id'))

    op.drop_table('web_coach_athletes')
    op.drop_table('web_users')
