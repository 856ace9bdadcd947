"""Webhook delivery: a JSON POST signed with HMAC-SHA256, retried with exponential backoff.

The receiver checks `X-Tiewatch-Signature: sha256=<hex>`, the HMAC-SHA256 of the raw body keyed
with the shared secret (the rule's, else `TIEWATCH_WEBHOOK_SECRET`); without a secret the header
is left out. Connection errors, timeouts, 408, 429 and 5xx answers are retried; other answers are
final.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import time
from typing import Any

import httpx

SIGNATURE_HEADER = "X-Tiewatch-Signature"
ATTEMPTS = 4
BACKOFF = 0.5  # seconds before the second attempt; doubles each time
RETRYABLE = {408, 429}


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def secret_for(rule: Any) -> str | None:
    return getattr(rule, "webhook_secret", None) or os.environ.get("TIEWATCH_WEBHOOK_SECRET") or None


def post(url: str, document: dict[str, Any], secret: str | None, *, attempts: int = ATTEMPTS,
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
