"""The email digest: every waiting alert of one rule in one message, sent over SMTP.

`TIEWATCH_SMTP_HOST` (default localhost), `TIEWATCH_SMTP_PORT` (25), `TIEWATCH_SMTP_FROM`
(tiewatch@localhost); `TIEWATCH_SMTP_USER` and `TIEWATCH_SMTP_PASSWORD` log in after STARTTLS when
set. The Message-ID is made from the outbox keys, so a digest sent again after a crash carries the
same id and mail clients show it once.
"""

from __future__ import annotations

import hashlib
import smtplib
from email.message import EmailMessage
from typing import Sequence

from tiewatch.alerts.rules import Alert
from tiewatch.model import AlertError, ConfigError, environment


def recipients_of(addresses: str) -> list[str]:
    return [a.strip() for a in addresses.replace(";", ",").split(",") if a.strip()]


def compose_digest(rule_name: str, addresses: str, alerts: Sequence[Alert], keys: Sequence[str]) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = f"tiewatch: {len(alerts)} new alert(s) for {rule_name}"
    message["From"] = environment().smtp_from
    message["To"] = ", ".join(recipients_of(addresses))
    message["Message-ID"] = f"<{hashlib.sha256(' '.join(sorted(keys)).encode()).hexdigest()[:32]}@tiewatch>"
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


def send_digest(message: EmailMessage, seconds: float) -> str:
    """Send once, each SMTP step within `seconds`; "sent to ..." or a retryable AlertError."""
    try:
        env = environment()
    except ConfigError as exc:
        raise AlertError(str(exc), retryable=False) from None
    host, port = env.smtp_host, env.smtp_port
    try:
        with smtplib.SMTP(host, port, timeout=seconds) as smtp:
            if env.smtp_user:
                smtp.starttls()
                smtp.login(env.smtp_user, env.smtp_password.get_secret_value())
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise AlertError(f"email to {message['To']} via {host}:{port} failed: {exc}") from None
    return f"sent to {message['To']}"
