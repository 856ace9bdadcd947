"""Watch rules and the alerts they raise.

An alert row is unique per (rule, tie, event), so an event is recorded at most once. When a rule
is added, every event already true for it is recorded as a *baseline* row: known, never delivered,
never shown. After that only what changes raises an alert, and each alert is queued in the outbox
(`outbox.py`) for the rule's webhook and email in the same transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Iterable

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.engine import Connection

from tiewatch.model import NotFound, StoreError
from tiewatch.store.base import utcnow
from tiewatch.store.tables import alert_outbox, alerts, ties, watch_rules

EVENTS = ("new_tie", "first_denial", "sources_reached")


@dataclass
class WatchRule:
    """What an analyst wants to be told about. Empty filters match everything."""

    name: str
    actor: str | None = None
    type: str | None = None
    min_sources: int | None = None
    polarity: str | None = None
    webhook_url: str | None = None
    webhook_secret: str | None = None
    email: str | None = None
    created_at: str | None = None
    id: int | None = None

    @property
    def events(self) -> tuple[str, ...]:
        """With a source threshold a tie counts once it reaches it; otherwise when it appears."""
        return ("sources_reached", "first_denial") if self.min_sources else ("new_tie", "first_denial")


@dataclass
class AlertRecord:
    id: int
    rule_id: int
    tie_id: int
    event: str
    at: str
    payload: dict[str, Any]


def _rule_from_row(row: Any) -> WatchRule:
    return WatchRule(
        id=row.id, name=row.name, actor=row.actor, type=row.type, min_sources=row.min_sources,
        polarity=row.polarity, webhook_url=row.webhook_url, webhook_secret=row.webhook_secret, email=row.email,
        created_at=row.created_at,
    )


def alert_from_row(row: Any, alert_id: int | None = None) -> AlertRecord:
    """From a row of `alerts` (or a join carrying its columns, with the alert's id given apart)."""
    return AlertRecord(
        id=row.id if alert_id is None else alert_id, rule_id=row.rule_id, tie_id=row.tie_id, event=row.event,
        at=row.at, payload=dict(row.payload or {}),
    )


def _matching_ties(rule: WatchRule, event: str, actor_ids: Iterable[int]) -> Any:
    """Ids of ties the rule covers for which `event` holds and no alert row exists yet; a rule on
    an actor covers the ties of `actor_ids`, the actors its name stands for now (resolve's lookup)."""
    query = select(ties.c.id).where(ties.c.asserted + ties.c.denied + ties.c.hedged > 0)
    if rule.actor:
        named = list(actor_ids)
        query = query.where(or_(ties.c.subject_id.in_(named), ties.c.object_id.in_(named)))
    if rule.type:
        query = query.where(ties.c.type == rule.type)
    if rule.polarity in ("asserted", "denied", "hedged"):
        query = query.where(ties.c[rule.polarity] > 0)
    if rule.min_sources:
        query = query.where(ties.c.sources >= rule.min_sources)
    if event == "first_denial":
        query = query.where(ties.c.denied > 0)
    recorded = exists().where(
        and_(alerts.c.rule_id == rule.id, alerts.c.tie_id == ties.c.id, alerts.c.event == event)
    )
    return query.where(~recorded).order_by(ties.c.id)


def enqueue(conn: Connection, alert_id: int, rule: WatchRule, at: str) -> None:
    """Queue the alert on each channel the rule delivers to (inside the caller's transaction)."""
    rows = [
        {"alert_id": alert_id, "channel": channel, "endpoint": endpoint, "key": uuid.uuid4().hex,
         "state": "pending", "attempts": 0, "next_try": at, "created_at": at}
        for channel, endpoint in (("webhook", rule.webhook_url), ("email", rule.email)) if endpoint
    ]
    if rows:
        conn.execute(alert_outbox.insert(), rows)


class WatchMixin:
    # --- rules ----------------------------------------------------------------------------
    def add_watch_rule(self, rule: WatchRule, actor_ids: Iterable[int] = ()) -> WatchRule:
        """Store a rule and record what is already true for it as its baseline (`actor_ids`: the
        actors the rule's actor name stands for now; `tiewatch.alerts.add_rule` looks them up)."""
        with self.transaction() as conn:
            taken = conn.execute(select(watch_rules.c.id).where(watch_rules.c.name == rule.name)).scalar()
            if taken is not None:
                raise StoreError(f"a watch rule named {rule.name!r} exists; remove it first or pick another name")
            rule.created_at = utcnow()
            rule.id = conn.execute(
                watch_rules.insert().values(
                    name=rule.name, actor=rule.actor, type=rule.type, min_sources=rule.min_sources,
                    polarity=rule.polarity, webhook_url=rule.webhook_url, webhook_secret=rule.webhook_secret,
                    email=rule.email, created_at=rule.created_at,
                )
            ).inserted_primary_key[0]
            for event in rule.events:
                rows = [
                    {"rule_id": rule.id, "tie_id": tie_id, "event": event, "at": rule.created_at,
                     "payload": {}, "baseline": 1}
                    for tie_id in conn.execute(_matching_ties(rule, event, actor_ids)).scalars()
                ]
                if rows:
                    conn.execute(alerts.insert(), rows)
        return rule

    def list_watch_rules(self) -> list[WatchRule]:
        with self.reading() as conn:
            return [_rule_from_row(r) for r in conn.execute(select(watch_rules).order_by(watch_rules.c.name))]

    def get_watch_rule(self, name: str) -> WatchRule:
        with self.reading() as conn:
            row = conn.execute(select(watch_rules).where(watch_rules.c.name == name)).first()
        if row is None:
            raise NotFound(f"no watch rule named {name!r}; `tiewatch watch list` shows them")
        return _rule_from_row(row)

    def remove_watch_rule(self, name: str) -> None:
        rule = self.get_watch_rule(name)
        with self.transaction() as conn:
            conn.execute(alerts.delete().where(alerts.c.rule_id == rule.id))
            conn.execute(watch_rules.delete().where(watch_rules.c.id == rule.id))

    # --- alerts ---------------------------------------------------------------------------
    def unrecorded_events(self, rule: WatchRule, actor_ids: Iterable[int] = ()) -> list[tuple[int, str]]:
        """(tie id, event) pairs that hold for the rule now and have not been recorded."""
        with self.reading() as conn:
            return [
                (tie_id, event)
                for event in rule.events
                for tie_id in conn.execute(_matching_ties(rule, event, actor_ids)).scalars()
            ]

    def record_alert(self, rule: WatchRule, tie_id: int, event: str, payload: dict[str, Any]) -> AlertRecord | None:
        """Insert one alert and queue it for the rule's channels; None when (rule, tie, event) is known."""
        with self.transaction() as conn:
            known = conn.execute(
                select(alerts.c.id).where(
                    alerts.c.rule_id == rule.id, alerts.c.tie_id == tie_id, alerts.c.event == event
                )
            ).scalar()
            if known is not None:
                return None
            at = utcnow()
            alert_id = conn.execute(
                alerts.insert().values(rule_id=rule.id, tie_id=tie_id, event=event, at=at, payload=payload, baseline=0)
            ).inserted_primary_key[0]
            enqueue(conn, alert_id, rule, at)
        return AlertRecord(id=alert_id, rule_id=rule.id, tie_id=tie_id, event=event, at=at, payload=payload)

    def list_alerts(self, rule_id: int | None = None, limit: int | None = None) -> list[AlertRecord]:
        """Alerts raised (baseline rows excluded), newest first."""
        query = select(alerts).where(alerts.c.baseline == 0).order_by(alerts.c.at.desc(), alerts.c.id.desc())
        if rule_id is not None:
            query = query.where(alerts.c.rule_id == rule_id)
        if limit is not None:
            query = query.limit(limit)
        with self.reading() as conn:
            return [alert_from_row(r) for r in conn.execute(query)]
