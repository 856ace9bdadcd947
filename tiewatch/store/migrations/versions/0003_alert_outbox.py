"""The alert outbox: one row per alert and channel, delivered outside ingest.

Before it each alert kept a `delivered` note per channel ("sent ..." or "failed: ..."). Alerts whose
note says a channel failed are queued in the outbox, so `tiewatch alerts deliver` tries them again;
then the notes are dropped. A database made by 0001 from today's tables already has the outbox.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from tiewatch.store.base import utcnow
from tiewatch.store.tables import alert_outbox
from tiewatch.store.watch import WatchRule, enqueue

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_alerts = sa.table(
    "alerts", sa.column("id", sa.Integer), sa.column("rule_id", sa.Integer), sa.column("delivered", sa.JSON),
    sa.column("baseline", sa.Integer),
)
_rules = sa.table("watch_rules", sa.column("id", sa.Integer), sa.column("webhook_url", sa.Text),
                  sa.column("email", sa.Text))


def _failed_deliveries(bind) -> list[tuple[int, WatchRule]]:
    """Each alert with the channels its note says failed, as a rule delivering only to those."""
    query = (
        sa.select(_alerts.c.id, _alerts.c.delivered, _rules.c.webhook_url, _rules.c.email)
        .join(_rules, _rules.c.id == _alerts.c.rule_id)
        .where(_alerts.c.baseline == 0)
    )
    queued = []
    for alert in bind.execute(query):
        failed = {k for k, v in (alert.delivered or {}).items() if str(v).startswith("failed")}
        if failed & {"webhook", "email"}:
            queued.append((alert.id, WatchRule(name="", webhook_url=alert.webhook_url if "webhook" in failed else None,
                                               email=alert.email if "email" in failed else None)))
    return queued


def upgrade() -> None:
    bind = op.get_bind()
    has_notes = "delivered" in {c["name"] for c in sa.inspect(bind).get_columns("alerts")}
    queued = _failed_deliveries(bind) if has_notes else []
    if has_notes:
        op.drop_column("alerts", "delivered")
    alert_outbox.create(bind, checkfirst=True)
    now = utcnow()
    for alert_id, channels in queued:
        enqueue(bind, alert_id, channels, now)


def downgrade() -> None:
    alert_outbox.drop(op.get_bind(), checkfirst=True)
    op.add_column("alerts", sa.Column("delivered", sa.JSON, nullable=False, server_default="{}"))
