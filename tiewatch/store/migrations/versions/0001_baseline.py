"""Baseline schema of tiewatch 0.1: every table in tiewatch.store.tables.

Before the first release this baseline follows tables.py; from 0.1.0 on it is frozen and every
schema change is a new revision.

Revision ID: 0001
Revises:
"""

from alembic import op

from tiewatch.store.tables import metadata

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    metadata.create_all(bind=op.get_bind())


def downgrade() -> None:
    metadata.drop_all(bind=op.get_bind())
