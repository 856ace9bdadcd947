"""Indexes for the reads that scanned a whole table as the store grew (`tables.LOOKUP_INDEXES`):
merged actors by the actor they went into, actor names in any case (the one actor lookup), ties
newest first and by first denial, claims by object mention and status, Telegram edges by channel,
the review log by target, documents by kind. A database made by 0001 from today's tables already
has them.

Revision ID: 0008
Revises: 0007
"""

from alembic import op
from sqlalchemy.schema import CreateIndex, DropIndex

from tiewatch.store.tables import LOOKUP_INDEXES

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # IF NOT EXISTS rather than checkfirst: SQLAlchemy does not reflect SQLite's expression indexes
    for index in LOOKUP_INDEXES:
        op.get_bind().execute(CreateIndex(index, if_not_exists=True))


def downgrade() -> None:
    for index in LOOKUP_INDEXES:
        op.get_bind().execute(DropIndex(index, if_exists=True))
