"""failed logins kept in the database, so every server process of ``miler serve --workers N``
applies the same backoff

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 23:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('web_login_failures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('at', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_web_login_failures_key_at', 'web_login_failures', ['key', 'at'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_web_login_failures_key_at', table_name='web_login_failures')
    op.drop_table('web_login_failures')
