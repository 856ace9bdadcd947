"""The graph's generation counter (store/graphstate.py): every write the graph is built from counts
one, and a rebuild records the count it started from, so an interrupted rebuild is redone.

A store that already holds documents starts at 1 with nothing recorded as rebuilt: its first
command rebuilds the graph once.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_settings = sa.table("settings", sa.column("key", sa.String), sa.column("value", sa.Text))


def upgrade() -> None:
    conn = op.get_bind()
    held = conn.execute(sa.text("SELECT count(*) FROM documents")).scalar()
    conn.execute(_settings.delete().where(_settings.c.key.in_(["graph.generation", "graph.rebuilt"])))
    conn.execute(_settings.insert().values(key="graph.generation", value="1" if held else "0"))


def downgrade() -> None:
    op.get_bind().execute(_settings.delete().where(_settings.c.key.in_(["graph.generation", "graph.rebuilt"])))
