"""The alert outbox: what each watch rule still has to send, and how sending went.

A row is one alert for one channel (`webhook` to a URL, `email` to addresses), written in the
same transaction as its alert (`watch.py`, `record_alert`). Its life:

    pending --claim--> sending --settle--> delivered
       ^                  |  \\--settle--> failed (a final answer, or too many attempts)
       +---- settle ------+   (a retryable problem: back to pending with a later next_try)
       +---- lease expires (the deliverer died mid-send): claimable again, same key

A claim is one conditional UPDATE (due and not leased by someone else), so of two deliverers on
SQLite or PostgreSQL only one gets a row. The `key` never changes: a receiver that sees a key twice
(after a crash) drops the second copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable

from sqlalchemy import and_, func, or_, select

from tiewatch.store.base import utcnow
from tiewatch.store.tables import alert_outbox, alerts, watch_rules
from tiewatch.store.watch import AlertRecord, alert_from_row

STATES = ("pending", "sending", "delivered", "failed")
CHANNELS = ("webhook", "email")


@dataclass
class OutboxRow:
    """One alert waiting for (or done with) one channel."""

    id: int
    rule: str
    channel: str
    endpoint: str
    key: str
    state: str
    attempts: int
    next_try: str
    lease_until: str | None
    last_error: str | None
    delivered_at: str | None
    alert: AlertRecord


def later(seconds: float) -> str:
    """The store's time format, `seconds` from now."""
    return (datetime.now(timezone.utc) + timedelta(seconds=seconds)).replace(microsecond=0).isoformat()


def _due(now: str) -> Any:
    o = alert_outbox.c
    return or_(and_(o.state == "pending", o.next_try <= now), and_(o.state == "sending", o.lease_until < now))


def _joined() -> Any:
    a = alerts.c
    return (
        select(alert_outbox, a.rule_id, a.tie_id, a.event, a.at, a.payload, watch_rules.c.name.label("rule_name"))
        .join(alerts, a.id == alert_outbox.c.alert_id)
        .join(watch_rules, watch_rules.c.id == a.rule_id)
    )


def _row(r: Any) -> OutboxRow:
    return OutboxRow(
        id=r.id, rule=r.rule_name, channel=r.channel, endpoint=r.endpoint, key=r.key, state=r.state,
        attempts=r.attempts, next_try=r.next_try, lease_until=r.lease_until, last_error=r.last_error,
        delivered_at=r.delivered_at, alert=alert_from_row(r, r.alert_id),
    )


class OutboxMixin:
    def claim_outbox(self, worker: str, lease: float) -> list[OutboxRow]:
        """Take the next due delivery for `lease` seconds: one webhook row, or every due email row of
        one rule and address list (one digest). Empty when nothing is due."""
        now = utcnow()
        with self.reading() as conn:
            candidates = conn.execute(
                select(alert_outbox.c.id, alert_outbox.c.channel, alert_outbox.c.endpoint, alerts.c.rule_id)
                .join(alerts, alerts.c.id == alert_outbox.c.alert_id)
                .where(_due(now)).order_by(alert_outbox.c.id)
            ).all()
        for first in candidates:
            group = [first.id] if first.channel == "webhook" else [
                c.id for c in candidates
                if (c.channel, c.endpoint, c.rule_id) == (first.channel, first.endpoint, first.rule_id)
            ]
            claimed = [row_id for row_id in group if self._claim(row_id, worker, now, later(lease))]
            if claimed:
                with self.reading() as conn:
                    rows = conn.execute(_joined().where(alert_outbox.c.id.in_(claimed)).order_by(alert_outbox.c.id))
                    return [_row(r) for r in rows]
        return []

    def _claim(self, row_id: int, worker: str, now: str, until: str) -> bool:
        """One conditional UPDATE: true when this call, and no other deliverer, took the row."""
        with self.transaction() as conn:
            taken = conn.execute(
                alert_outbox.update().where(alert_outbox.c.id == row_id, _due(now)).values(
                    state="sending", claimed_by=worker, lease_until=until, attempts=alert_outbox.c.attempts + 1)
            )
        return taken.rowcount == 1

    def settle_outbox(self, row_ids: Iterable[int], worker: str, *, tries: int, error: str | None = None,
                      next_try: str | None = None) -> None:
        """Record a claimed delivery's outcome: delivered (no error), back to pending until `next_try`,
        or failed (an error and no next try). `tries` counts the attempts this claim made."""
        ids = list(row_ids)
        o = alert_outbox.c
        extra = {"attempts": o.attempts + max(0, tries - 1), "lease_until": None}
        if error is None:
            values = {**extra, "state": "delivered", "delivered_at": utcnow(), "last_error": None}
            mine = o.state != "delivered"
        else:
            values = {**extra, "state": "pending" if next_try else "failed", "last_error": error[:2000],
                      "next_try": next_try or utcnow()}
            mine = and_(o.state == "sending", o.claimed_by == worker)
        with self.transaction() as conn:
            conn.execute(alert_outbox.update().where(o.id.in_(ids), mine).values(**values))

    def list_outbox(self, state: str | None = None, rule: str | None = None,
                    limit: int | None = None) -> list[OutboxRow]:
        """Deliveries, newest first, optionally of one state or one rule."""
        query = _joined().order_by(alert_outbox.c.id.desc())
        if state:
            query = query.where(alert_outbox.c.state == state)
        if rule:
            query = query.where(watch_rules.c.name == rule)
        if limit is not None:
            query = query.limit(limit)
        with self.reading() as conn:
            return [_row(r) for r in conn.execute(query)]

    def retry_outbox(self, row_ids: Iterable[int] = (), *, failed: bool = False) -> int:
        """Make the given rows (or every failed row) due now; returns how many will be tried again."""
        o = alert_outbox.c
        chosen = o.state == "failed" if failed else and_(o.id.in_(list(row_ids)), o.state.in_(("failed", "pending")))
        with self.transaction() as conn:
            return conn.execute(
                alert_outbox.update().where(chosen).values(state="pending", next_try=utcnow(), lease_until=None)
            ).rowcount

    def outbox_counts(self) -> dict[str, int]:
        """How many rows are in each state, and how many of them are due now (`due`)."""
        with self.reading() as conn:
            counts = dict(conn.execute(select(alert_outbox.c.state, func.count()).group_by(alert_outbox.c.state)).all())
            due = conn.execute(select(func.count()).select_from(alert_outbox).where(_due(utcnow()))).scalar()
        return {**{s: counts.get(s, 0) for s in STATES}, "due": due}
