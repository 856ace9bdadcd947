"""Display names: `actors.display_name` is the short name an analyst shows an actor by ("ISIS Sinai
Province"); its name, often a watchlist's official one, stays and still finds it.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "display_name" not in {c["name"] for c in sa.inspect(op.get_bind()).get_columns("actors")}:
        op.add_column("actors", sa.Column("display_name", sa.Text))


def downgrade() -> None:
    op.execute("ALTER TABLE actors DROP COLUMN display_name")  # in place (SQLite 3.35+): other tables refer to actors
