"""Kind votes over the whole store: each resolved mention keeps its name's matching key, the weight
of its vote and the kind its guess was resolved under (resolve/kinds.py), so a name's kind no longer
depends on which documents happened to be rebuilt together; `graph_work` holds what a rebuild
still has to do once its documents are resolved (names to revote, actors to settle).

Mentions resolved before this revision get their key and weight at the next rebuild (the
generation is bumped so the next command rebuilds); their guesses are never re-decided.
A database made by 0001 from today's tables already has the columns.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from tiewatch.store.tables import graph_work

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_settings = sa.table("settings", sa.column("key", sa.String), sa.column("value", sa.Text))


def upgrade() -> None:
    bind = op.get_bind()
    graph_work.create(bind, checkfirst=True)
    if "name_key" in {c["name"] for c in sa.inspect(bind).get_columns("mentions")}:
        return
    op.add_column("mentions", sa.Column("name_key", sa.String(300)))
    op.add_column("mentions", sa.Column("vote_weight", sa.Integer, nullable=False, server_default="0"))
    op.add_column("mentions", sa.Column("voted_kind", sa.String(10)))
    op.create_index("ix_mentions_name_key", "mentions", ["name_key"])
    held = bind.execute(sa.text("SELECT count(*) FROM mentions WHERE actor_id IS NOT NULL")).scalar()
    if held:
        generation = bind.execute(sa.select(_settings.c.value).where(_settings.c.key == "graph.generation")).scalar()
        bind.execute(_settings.update().where(_settings.c.key == "graph.generation")
                     .values(value=str(int(generation or 0) + 1)))


def downgrade() -> None:
    graph_work.drop(op.get_bind(), checkfirst=True)
    op.drop_index("ix_mentions_name_key", table_name="mentions")
    for column in ("voted_kind", "vote_weight", "name_key"):  # in place (SQLite 3.35+): other tables refer to mentions
        op.execute(f"ALTER TABLE mentions DROP COLUMN {column}")
