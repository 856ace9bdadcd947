"""Email digests over SMTP: one message per rule listing its new alerts with their evidence.

Server from `TIEWATCH_SMTP_HOST` (default localhost) and `TIEWATCH_SMTP_PORT` (default 25),
sender from `TIEWATCH_SMTP_FROM` (default tiewatch@localhost); `TIEWATCH_SMTP_USER` and
`TIEWATCH_SMTP_PASSWORD` log in after STARTTLS when set.
"""

from __future__ import annotations

import os
import smtplib
from email.message import EmailMessage
from typing import Any, Sequence


def compose(rule_name: str, recipients: Sequence[str], alerts: Sequence[Any]) -> EmailMessage:
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


def recipients_of(addresses: str) -> list[str]:
    return [a.strip() for a in addresses.replace(";", ",").split(",") if a.strip()]


def send(rule_name: str, addresses: str, alerts: Sequence[Any], timeout: float = 30.0) -> str:
    """Send the digest; returns "sent ..." or raises RuntimeError with the SMTP problem."""
    recipients = recipients_of(addresses)
    host = os.environ.get("TIEWATCH_SMTP_HOST", "localhost")
    port = int(os.environ.get("TIEWATCH_SMTP_PORT", "25"))
    message = compose(rule_name, recipients, alerts)
    try:
        with smtplib.SMTP(host, port, timeout=timeout) as smtp:
            if os.environ.get("TIEWATCH_SMTP_USER"):
                smtp.starttls()
                smtp.login(os.environ["TIEWATCH_SMTP_USER"], os.environ.get("TIEWATCH_SMTP_PASSWORD", ""))
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise RuntimeError(f"email to {', '.join(recipients)} via {host}:{port} failed: {exc}") from None
    return f"sent to {', '.join(recipients)}"
