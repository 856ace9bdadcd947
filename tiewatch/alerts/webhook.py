"""One webhook delivery: a JSON POST of one alert, signed, with its idempotency key.

The body is `{"rule": NAME, "idempotency_key": KEY, "alerts": [ALERT]}` (sorted keys, UTF-8), sent
with `Idempotency-Key: KEY` and, when the rule or `TIEWATCH_WEBHOOK_SECRET` has a secret,
`X-Tiewatch-Signature: sha256=<hex>` = HMAC-SHA256 of the raw body. The key and the body never
change for one outbox row, so a receiver that sees a key again (a deliverer died before it could
note the answer) can drop the copy.

Each attempt ends within the seconds it is given, however slowly the server sends: httpx's
timeouts bound each read and an asyncio deadline bounds the whole exchange.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json

import httpx

from tiewatch.alerts.rules import Alert
from tiewatch.model import AlertError

SIGNATURE_HEADER = "X-Tiewatch-Signature"
KEY_HEADER = "Idempotency-Key"
RETRYABLE = {408, 425, 429}


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def webhook_request(rule: str, key: str, alert: Alert, secret: str | None) -> tuple[bytes, dict[str, str]]:
    """The body and headers of the POST for one alert."""
    document = {"rule": rule, "idempotency_key": key, "alerts": [alert.as_json()]}
    body = json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8")
    headers = {"Content-Type": "application/json", "User-Agent": "tiewatch-alerts", KEY_HEADER: key}
    if secret:
        headers[SIGNATURE_HEADER] = sign(body, secret)
    return body, headers


async def _exchange(url: str, body: bytes, headers: dict[str, str], seconds: float) -> httpx.Response:
    async with httpx.AsyncClient(timeout=httpx.Timeout(seconds), follow_redirects=False) as client:
        return await client.post(url, content=body, headers=headers)


def post(url: str, body: bytes, headers: dict[str, str], seconds: float) -> str:
    """POST once within `seconds`; "HTTP 200" or AlertError (retryable unless the answer was a final 4xx)."""
    try:
        response = asyncio.run(asyncio.wait_for(_exchange(url, body, headers, seconds), seconds))
    except TimeoutError:
        raise AlertError(f"webhook {url}: no complete answer within {seconds:.3g} s") from None
    except httpx.HTTPError as exc:
        raise AlertError(f"webhook {url}: {type(exc).__name__}: {exc}".rstrip(": ")) from None
    if response.status_code < 300:
        return f"HTTP {response.status_code}"
    final = response.status_code < 500 and response.status_code not in RETRYABLE
    raise AlertError(f"webhook {url}: HTTP {response.status_code}", retryable=not final)
