"""Alembic environment: runs on the connection the Store hands over (never reads alembic.ini)."""

from alembic import context

from tiewatch.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
