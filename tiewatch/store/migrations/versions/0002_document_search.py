"""Full-text search over documents: an FTS5 table with triggers on SQLite, a GIN index on PostgreSQL.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_PG_VECTOR = "to_tsvector('simple', coalesce(title, '') || ' ' || text)"

_SQLITE_UP = [
    "CREATE VIRTUAL TABLE documents_fts USING fts5("
    "title, text, content='documents', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); END",
    "CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
]

_SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS documents_fts_update",
    "DROP TRIGGER IF EXISTS documents_fts_delete",
    "DROP TRIGGER IF EXISTS documents_fts_insert",
    "DROP TABLE IF EXISTS documents_fts",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE INDEX ix_documents_fulltext ON documents USING GIN ({_PG_VECTOR})")
    else:
        for statement in _SQLITE_UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_documents_fulltext")
    else:
        for statement in _SQLITE_DOWN:
            op.execute(statement)
