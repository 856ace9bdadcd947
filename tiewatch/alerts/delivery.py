"""After every ingest: raise the new alerts, then deliver what each rule has not yet delivered.

Each alert notes per channel how delivery went (`delivered` = {"webhook": "sent ..." |
"failed: ...", "email": ...}). A failed channel is tried again after the next ingest, for the
rule's most recent alerts; a delivery problem is logged and never stops an ingest.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from tiewatch.alerts import digest, webhook
from tiewatch.alerts.rules import Alert, raise_alerts

log = logging.getLogger(__name__)
RETRY_WINDOW = 100


def _pending(store: Any, rule: Any, channel: str) -> list[Alert]:
    return [
        Alert(a.id, rule.name, a.event, a.tie_id, a.at, a.payload)
        for a in reversed(store.list_alerts(rule.id, RETRY_WINDOW))
        if not str(a.delivered.get(channel, "")).startswith("sent")
    ]


def _attempt(store: Any, alerts: list[Alert], channel: str, send: Callable[[], str]) -> None:
    try:
        outcome = send()
    except RuntimeError as exc:
        outcome = f"failed: {exc}"
        log.warning("%s", exc)
    store.mark_delivered([a.id for a in alerts], channel, outcome)


def deliver(store: Any, *, attempts: int = webhook.ATTEMPTS, backoff: float = webhook.BACKOFF) -> None:
    """Send each rule's undelivered alerts: one webhook POST and one email digest per rule."""
    for rule in store.list_watch_rules():
        if rule.webhook_url:
            pending = _pending(store, rule, "webhook")
            if pending:
                document = {"rule": rule.name, "alerts": [a.as_json() for a in pending]}
                _attempt(store, pending, "webhook", lambda: webhook.post(
                    rule.webhook_url, document, webhook.secret_for(rule), attempts=attempts, backoff=backoff))
        if rule.email:
            pending = _pending(store, rule, "email")
            if pending:
                _attempt(store, pending, "email", lambda: digest.send(rule.name, rule.email, pending))


def evaluate(store: Any, *, send: bool = True) -> list[Alert]:
    """Raise the alerts the latest changes call for (each exactly once), deliver them, return them."""
    raised = raise_alerts(store)
    if send:
        deliver(store)
    return raised
