"""Turning what changed in the graph into alerts, once each.

A rule matches ties by actor (at either end: every actor its name stands for by resolve's lookup,
looked up again at each evaluation, so a later alias or spelling counts), tie type, polarity (the tie has a claim
of it) and a minimum of independent sources. It raises three events:

- `new_tie`: a tie it matches appears (rules without --min-sources);
- `sources_reached`: a tie it matches reaches the rule's N independent sources (rules with it);
- `first_denial`: a tie it matches is denied for the first time.

Each (rule, tie, event) is recorded once in the store, so re-ingesting or re-aggregating never
raises it again, and a tie merely seen again raises nothing. A new rule does not flood: what is
already true when it is added becomes its baseline, and only later changes raise alerts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from tiewatch.export.records import strongest, tie_record
from tiewatch.model import Tie, TiewatchError, vocabulary, web_address
from tiewatch.model.records import POLARITIES
from tiewatch.resolve import actor_ids
from tiewatch.store import ClaimView, WatchRule

log = logging.getLogger(__name__)


@dataclass
class Alert:
    """One event on one tie for one rule, as delivered (the payload is fixed when raised)."""

    id: int
    rule: str
    event: str
    tie_id: int
    at: str
    payload: dict[str, Any]

    @classmethod
    def of(cls, record: Any, rule_name: str) -> "Alert":
        """From the store's AlertRecord."""
        return cls(record.id, rule_name, record.event, record.tie_id, record.at, record.payload)

    @property
    def title(self) -> str:
        return str(self.payload.get("title", f"{self.event} on tie {self.tie_id}"))

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "rule": self.rule, "event": self.event, "tie_id": self.tie_id, "at": self.at,
                **self.payload}


def _phrase(tie: Tie) -> str:
    return f"{tie.subject} {tie.type.replace('_', ' ')} {tie.object}"


def title(event: str, tie: Tie, rule_sources: int | None = None, denier: str | None = None) -> str:
    if event == "new_tie":
        return f"New tie: {_phrase(tie)} (grade {tie.grade}, {tie.sources} independent source(s))"
    if event == "first_denial":
        by = f" by {denier}" if denier else ""
        return f"First denial{by}: {_phrase(tie)} ({tie.denied} denial(s) beside {tie.asserted} assertion(s))"
    return f"Corroborated: {_phrase(tie)} reached {rule_sources or tie.sources} independent sources (grade {tie.grade})"


def evidence_record(claim: ClaimView) -> dict[str, Any]:
    return {
        "sentence": claim.sentence, "claimant": claim.claimant, "polarity": claim.polarity,
        "source": claim.source, "reliability": claim.reliability, "date": claim.date,
        "document": claim.document_label, "origin": web_address(claim.document_origin),
    }


def payload(store: Any, rule: Any, event: str, tie: Tie) -> dict[str, Any]:
    evidence = [evidence_record(c) for c in strongest(store.claims_for_tie(tie.id), event)]
    denier = next((e["claimant"] for e in evidence if e["polarity"] == "denied"), None)
    return {"title": title(event, tie, rule.min_sources, denier), "tie": tie_record(tie), "evidence": evidence}


def watched_actors(store: Any, rule: WatchRule) -> list[int]:
    """The actors a rule's actor name stands for now: one name may stand for several, and the
    loose "name containing it" step of the lookup is left out (a rule on ISIS is not one on
    every group whose name holds the word)."""
    return actor_ids(store, rule.actor, contained=False) if rule.actor else []


def add_rule(store: Any, rule: WatchRule) -> WatchRule:
    """Store a rule; what is already true for it becomes its baseline and raises nothing."""
    return store.add_watch_rule(rule, watched_actors(store, rule))


def evaluate(store: Any) -> list[Alert]:
    """Record every event that holds now and was not recorded before, each queued in the outbox for
    its rule's webhook and email; return the new alerts. No network: `deliver` sends them."""
    raised: list[Alert] = []
    for rule in store.list_watch_rules():
        for tie_id, event in store.unrecorded_events(rule, watched_actors(store, rule)):
            tie = store.get_tie(tie_id)
            record = store.record_alert(rule, tie_id, event, payload(store, rule, event, tie))
            if record is not None:
                raised.append(Alert.of(record, rule.name))
    if raised:
        log.info("%d new alert(s)", len(raised))
    return raised


def alerts_of(store: Any, rule_name: str, limit: int | None = None) -> list[Alert]:
    """The alerts a rule has raised, newest first."""
    rule = store.get_watch_rule(rule_name)
    return [Alert.of(a, rule.name) for a in store.list_alerts(rule.id, limit)]


def new_rule(name: str, *, actor: str | None = None, type: str | None = None, min_sources: int | None = None,
             polarity: str | None = None, webhook_url: str | None = None, webhook_secret: str | None = None,
             email: str | None = None) -> WatchRule:
    """A checked rule, ready for `add_rule`; TiewatchError says what to fix."""
    if not name.strip() or "/" in name or len(name) > 100:
        raise TiewatchError(f"rule name {name!r} must be 1-100 characters without '/'")
    if type and type not in vocabulary():
        raise TiewatchError(f"unknown tie type {type!r}; known: {', '.join(vocabulary())}")
    if polarity and polarity not in POLARITIES:
        raise TiewatchError(f"unknown polarity {polarity!r}; choose asserted, denied or hedged")
    if min_sources is not None and min_sources < 1:
        raise TiewatchError("--min-sources must be 1 or more")
    if webhook_url and not webhook_url.startswith(("http://", "https://")):
        raise TiewatchError(f"webhook {webhook_url!r} must be an http:// or https:// URL")
    if email and not all("@" in a for a in email.replace(";", ",").split(",") if a.strip()):
        raise TiewatchError(f"{email!r} is not a list of email addresses")
    return WatchRule(name=name.strip(), actor=actor, type=type, min_sources=min_sources, polarity=polarity,
                     webhook_url=webhook_url, webhook_secret=webhook_secret, email=email)
