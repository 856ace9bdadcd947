"""After every ingest: raise the new alerts, then deliver what each rule has not yet delivered.

Channels, per rule:
- webhook: one JSON POST per rule and run, `{"rule": NAME, "alerts": [...]}`, signed in
  `X-Tiewatch-Signature: sha256=<hex>` = HMAC-SHA256 of the raw body keyed with the rule's secret,
  else `TIEWATCH_WEBHOOK_SECRET` (no header without a secret). Connection errors, timeouts, 408,
  429 and 5xx are retried with exponential backoff; other answers are final.
- email: one digest per rule and run over SMTP: `TIEWATCH_SMTP_HOST` (default localhost),
  `TIEWATCH_SMTP_PORT` (25), `TIEWATCH_SMTP_FROM` (tiewatch@localhost); `TIEWATCH_SMTP_USER` and
  `TIEWATCH_SMTP_PASSWORD` log in after STARTTLS when set.

Each alert notes per channel how delivery went (`delivered` = {"webhook": "sent ..." |
"failed: ...", "email": ...}). A failed channel is tried again after the next ingest, for the
rule's most recent alerts; a delivery problem is logged and never stops an ingest.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import smtplib
import time
from email.message import EmailMessage
from typing import Any, Callable, Sequence

import httpx

from tiewatch.alerts.rules import Alert, raise_alerts

log = logging.getLogger(__name__)
RETRY_WINDOW = 100
SIGNATURE_HEADER = "X-Tiewatch-Signature"
ATTEMPTS = 4
BACKOFF = 0.5  # seconds before the second attempt; doubles each time
RETRYABLE = {408, 429}


# --- webhook ----------------------------------------------------------------------------------
def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def post_webhook(url: str, document: dict[str, Any], secret: str | None, *, attempts: int = ATTEMPTS,
                 backoff: float = BACKOFF, timeout: float = 10.0) -> str:
    """POST `document` as JSON; returns "sent ..." or raises RuntimeError saying why it failed."""
    body = json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8")
    headers = {"Content-Type": "application/json", "User-Agent": "tiewatch-alerts"}
    if secret:
        headers[SIGNATURE_HEADER] = sign(body, secret)
    problem = "not attempted"
    for attempt in range(1, attempts + 1):
        try:
            response = httpx.post(url, content=body, headers=headers, timeout=timeout)
        except httpx.HTTPError as exc:
            problem = f"{type(exc).__name__}: {exc}"
        else:
            if response.status_code < 300:
                return f"sent after {attempt} attempt(s), HTTP {response.status_code}"
            problem = f"HTTP {response.status_code}"
            if response.status_code < 500 and response.status_code not in RETRYABLE:
                break
        if attempt < attempts:
            time.sleep(backoff * 2 ** (attempt - 1))
    raise RuntimeError(f"webhook {url} failed: {problem}")


# --- email ------------------------------------------------------------------------------------
def compose_digest(rule_name: str, recipients: Sequence[str], alerts: Sequence[Alert]) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = f"tiewatch: {len(alerts)} new alert(s) for {rule_name}"
    message["From"] = os.environ.get("TIEWATCH_SMTP_FROM", "tiewatch@localhost")
    message["To"] = ", ".join(recipients)
    lines = [f"Watch rule {rule_name!r} raised {len(alerts)} alert(s).", ""]
    for alert in alerts:
        lines.append(f"* {alert.title}")
        for quote in alert.payload.get("evidence", []):
            where = ", ".join(str(x) for x in (quote.get("source"), quote.get("date")) if x)
            lines.append(f"    {quote['claimant']} ({quote['polarity']}): \"{quote['sentence']}\"")
            lines.append(f"      - {quote['document']}" + (f" ({where})" if where else ""))
        lines.append("")
    message.set_content("\n".join(lines))
    return message


def send_digest(rule_name: str, addresses: str, alerts: Sequence[Alert], timeout: float = 30.0) -> str:
    """Send the digest; returns "sent ..." or raises RuntimeError with the SMTP problem."""
    recipients = [a.strip() for a in addresses.replace(";", ",").split(",") if a.strip()]
    host = os.environ.get("TIEWATCH_SMTP_HOST", "localhost")
    port = int(os.environ.get("TIEWATCH_SMTP_PORT", "25"))
    message = compose_digest(rule_name, recipients, alerts)
    try:
        with smtplib.SMTP(host, port, timeout=timeout) as smtp:
            if os.environ.get("TIEWATCH_SMTP_USER"):
                smtp.starttls()
                smtp.login(os.environ["TIEWATCH_SMTP_USER"], os.environ.get("TIEWATCH_SMTP_PASSWORD", ""))
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise RuntimeError(f"email to {', '.join(recipients)} via {host}:{port} failed: {exc}") from None
    return f"sent to {', '.join(recipients)}"


# --- the run after an ingest ------------------------------------------------------------------
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


def deliver(store: Any, *, attempts: int = ATTEMPTS, backoff: float = BACKOFF) -> None:
    """Send each rule's undelivered alerts: one webhook POST and one email digest per rule."""
    for rule in store.list_watch_rules():
        if rule.webhook_url:
            pending = _pending(store, rule, "webhook")
            if pending:
                document = {"rule": rule.name, "alerts": [a.as_json() for a in pending]}
                secret = rule.webhook_secret or os.environ.get("TIEWATCH_WEBHOOK_SECRET") or None
                _attempt(store, pending, "webhook", lambda: post_webhook(
                    rule.webhook_url, document, secret, attempts=attempts, backoff=backoff))
        if rule.email:
            pending = _pending(store, rule, "email")
            if pending:
                _attempt(store, pending, "email", lambda: send_digest(rule.name, rule.email, pending))


def evaluate(store: Any, *, send: bool = True) -> list[Alert]:
    """Raise the alerts the latest changes call for (each exactly once), deliver them, return them."""
    raised = raise_alerts(store)
    if send:
        deliver(store)
    return raised
