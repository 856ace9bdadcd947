"""Delivering the outbox: `tiewatch alerts deliver` and the worker in `tiewatch serve`.

Ingest only raises alerts (`evaluate`); each lands in the outbox, one row per channel. A deliverer
claims a due row (or, for email, every due row of one rule and address list: one digest), sends
it and notes the outcome:

- each attempt is cut after `timeout` seconds, and one delivery (all its attempts and the waits
  between them, exponential from `backoff`) after `deadline` seconds, so a server that never
  answers or answers one byte a second holds a deliverer no longer than that;
- connection problems, timeouts, 408/425/429 and 5xx are tried again: within the delivery, then in
  later runs from `retry_after` seconds on, doubling, until `give_up` attempts, when the row fails;
  any other answer fails it at once. `tiewatch alerts retry` makes failed rows due again;
- a claim lasts `lease` seconds (90; at least `deadline`); a deliverer killed mid-send leaves its
  row claimed, and the first run after the lease sends it again with the same idempotency key (at
  least once, and a receiver that keeps keys sees each event once).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any, Callable

from tenacity import Retrying, retry_if_exception, stop_after_attempt, stop_before_delay, wait_exponential

from tiewatch.alerts.digest import compose_digest, send_digest
from tiewatch.alerts.rules import Alert
from tiewatch.alerts.webhook import post, webhook_request
from tiewatch.model import AlertError, NotFound, TiewatchError, environment
from tiewatch.store.outbox import later

log = logging.getLogger(__name__)
MAX_WAIT = 3600.0  # the longest wait between two runs' attempts


@dataclass(frozen=True)
class Policy:
    """How hard one delivery tries; the defaults suit a receiver on the internet."""

    attempts: int = 4
    backoff: float = 0.5
    timeout: float = 10.0
    deadline: float = 30.0
    retry_after: float = 60.0
    give_up: int = 20
    lease: float = 90.0

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.give_up < 1:
            raise TiewatchError("attempts must be 1 or more")
        if min(self.timeout, self.deadline) <= 0 or min(self.backoff, self.retry_after) < 0:
            raise TiewatchError("timeout and deadline must be above 0 seconds, backoff and retry-after 0 or more")
        if self.lease < self.deadline:
            raise TiewatchError(f"the lease ({self.lease:g} s) must be at least the deadline ({self.deadline:g} s), "
                                "or a slow delivery could be taken over and sent twice")

    def wait_after(self, attempts: int) -> float:
        """Seconds before the next run tries a row that has had `attempts` attempts."""
        return min(MAX_WAIT, self.retry_after * 2 ** max(0, attempts // self.attempts - 1))


@dataclass
class Summary:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return f"{self.delivered} delivered, {self.retrying} to retry later, {self.failed} failed"


def persist(send: Callable[[float], str], policy: Policy) -> tuple[AlertError | None, int]:
    """Call `send(seconds_left)` until it succeeds, a final error, or the attempts or the deadline run
    out; returns (the last error or None, attempts made)."""
    start = time.monotonic()
    retrying = Retrying(
        stop=stop_after_attempt(policy.attempts) | stop_before_delay(policy.deadline),
        wait=wait_exponential(multiplier=policy.backoff, max=policy.deadline),
        retry=retry_if_exception(lambda exc: isinstance(exc, AlertError) and exc.retryable),
        reraise=True,
    )
    try:
        for attempt in retrying:
            with attempt:
                left = policy.deadline - (time.monotonic() - start)
                if left <= 0:
                    raise AlertError(f"the delivery deadline of {policy.deadline:g} s passed")
                send(min(policy.timeout, left))
    except AlertError as exc:
        return exc, retrying.statistics.get("attempt_number", 1)
    return None, retrying.statistics.get("attempt_number", 1)


def _sender(store: Any, rows: list[Any]) -> Callable[[float], str]:
    """What sends the claimed rows once: a webhook POST of one alert, or one email digest."""
    first = rows[0]
    if first.channel == "webhook":
        rule = store.get_watch_rule(first.rule)
        fallback = environment().webhook_secret
        secret = rule.webhook_secret or (fallback.get_secret_value() if fallback else None) or None
        body, headers = webhook_request(first.rule, first.key, Alert.of(first.alert, first.rule), secret)
        return lambda seconds: post(first.endpoint, body, headers, seconds)
    message = compose_digest(first.rule, first.endpoint, [Alert.of(r.alert, r.rule) for r in rows], [r.key for r in rows])
    return lambda seconds: send_digest(message, seconds)


def deliverer_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def deliver(store: Any, policy: Policy = Policy(), *, worker: str | None = None,
            progress: Callable[[int], None] | None = None) -> Summary:
    """Send everything that is due now, once each; returns what happened."""
    worker = worker or deliverer_name()
    summary = Summary()
    while rows := store.claim_outbox(worker, policy.lease):
        ids = [r.id for r in rows]
        try:
            error, tries = persist(_sender(store, rows), policy)
        except NotFound:  # the rule was removed meanwhile; its rows went with it
            continue
        attempts = rows[0].attempts + tries - 1
        if error is None:
            store.settle_outbox(ids, worker, tries=tries)
            summary.delivered += len(rows)
        elif error.retryable and attempts < policy.give_up:
            store.settle_outbox(ids, worker, tries=tries, error=str(error), next_try=later(policy.wait_after(attempts)))
            summary.retrying += len(rows)
        else:
            reason = str(error) if not error.retryable else f"gave up after {attempts} attempts: {error}"
            store.settle_outbox(ids, worker, tries=tries, error=reason)
            summary.failed += len(rows)
        if error is not None:
            log.warning("%s", error)
        if progress:
            progress(len(rows))
    return summary


def deliver_forever(store: Any, policy: Policy, interval: float, stop: threading.Event,
                    report: Callable[[Summary], None] | None = None) -> None:
    """Deliver what is due every `interval` seconds until `stop` is set; a failing pass is logged."""
    worker = deliverer_name()
    while not stop.is_set():
        try:
            summary = deliver(store, policy, worker=worker)
        except Exception:  # a locked or unreachable database must not end the worker
            log.exception("alert delivery pass failed; trying again in %g s", interval)
        else:
            if report and (summary.delivered or summary.retrying or summary.failed):
                report(summary)
        stop.wait(interval)
