"""Not an actor: `actors.dismissed_at` is set when an analyst marks a name that is no actor (a
doctrine, a demonym, a fragment of a letterhead). Its mentions stay, linked to it and so marked;
its claims stop making ties; it leaves lists, the graph and exports. Undo clears it.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "dismissed_at" not in {c["name"] for c in sa.inspect(op.get_bind()).get_columns("actors")}:
        op.add_column("actors", sa.Column("dismissed_at", sa.String(32)))


def downgrade() -> None:
    op.execute("ALTER TABLE actors DROP COLUMN dismissed_at")  # in place (SQLite 3.35+): other tables refer to actors
