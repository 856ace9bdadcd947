"""Server-side web sessions: a row per signed-in browser, so logout and account changes end it.

The cookie-signing secret that earlier versions kept in `settings` is deleted: it now lives outside
the database (tiewatch.web.keys), and a copy of the database must not carry it.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

from tiewatch.store.tables import settings, web_sessions

OLD_SECRET_SETTING = "web_session_secret"

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    web_sessions.create(bind=op.get_bind(), checkfirst=True)
    op.execute(settings.delete().where(settings.c.key == OLD_SECRET_SETTING))


def downgrade() -> None:
    web_sessions.drop(bind=op.get_bind(), checkfirst=True)
