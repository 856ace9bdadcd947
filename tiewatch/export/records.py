"""Flat records for actors, ties and claims: the rows of the CSV export, the lines of the JSON-lines
export (written here, one object per item, saying which in `record`, in stream order), the
payloads of alerts; which claims to quote first; and the stable ids and dates exporters share."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from tiewatch.export.exporter import ExportOptions, Exporter
from tiewatch.model import Actor, Document, Tie, web_address
from tiewatch.store import ClaimView

ACTOR_FIELDS = ("id", "name", "kind", "aliases", "designation", "external_ids", "first_seen", "claim_count")
TIE_FIELDS = (
    "id", "subject_id", "subject", "type", "object_id", "object", "asserted", "denied", "hedged",
    "sources", "first_seen", "last_seen", "grade",
)
CLAIM_FIELDS = (
    "id", "tie_id", "type", "polarity", "status", "claimant", "subject", "object", "sentence", "start", "end",
    "document_id", "document_title", "document_origin", "published", "source", "reliability", "rule",
    "confidence", "extractor",
)


# Ids in exports are uuid5(NAMESPACE, stable key), so a re-export updates what another tool holds
# rather than adding a copy; STIX and MISP share it, so one actor has one uuid in both.
NAMESPACE = uuid.UUID("c1f3a6d2-5b0e-4c47-9a3e-7d2f0b8e61a4")


def stable_uuid(*key: object) -> uuid.UUID:
    """uuid5 of a stable key such as ("actor", "group", "Hamas"), blind to case and outer spaces."""
    return uuid.uuid5(NAMESPACE, "\x1f".join(str(part).strip().casefold() for part in key))


def timestamp(value: str | None) -> datetime | None:
    """A UTC datetime from "2016", "2016-02", "2016-02-24" or a full ISO datetime; None if unreadable."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    if len(text) == 4:
        text += "-01-01"
    elif len(text) == 7:
        text += "-01"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def document_address(document: Document) -> str | None:
    """A document's web address: the one it was read from, else the one it declares or an analyst
    gave it (`canonical_url`); None for a file that names none, whose path never leaves."""
    return web_address(document.origin) or web_address((document.metadata or {}).get("canonical_url"))


def designation(actor: Actor) -> str:
    """Designations in one line: "US Treasury OFAC SDGT since 2001-10-31; ..."."""
    parts = []
    for d in actor.designations:
        words = [str(d.get("by") or ""), str(d.get("programme") or "")]
        if d.get("since"):
            words.append(f"since {d['since']}")
        parts.append(" ".join(w for w in words if w))
    return "; ".join(p for p in parts if p)


def actor_record(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id, "name": actor.name, "kind": actor.kind, "aliases": list(actor.aliases),
        "designation": designation(actor), "designations": list(actor.designations),
        "external_ids": dict(actor.external_ids), "first_seen": actor.first_seen,
        "claim_count": actor.claim_count,
    }


def tie_record(tie: Tie) -> dict[str, Any]:
    record = {name: getattr(tie, name) for name in TIE_FIELDS if name != "grade"}
    record["grade"] = tie.grade
    return record


def claim_record(claim: ClaimView) -> dict[str, Any]:
    record = {name: getattr(claim, name) for name in CLAIM_FIELDS}
    record["date"] = claim.date
    return record


POLARITY_ORDER = {"asserted": 0, "hedged": 1, "denied": 2}


def strongest(claims: list[ClaimView], event: str = "asserted", limit: int = 3) -> list[ClaimView]:
    """The claims to quote first: denials when `event` is about a denial, else assertions, then
    hedges; within those, more reliable sources, higher confidence, earlier dates."""
    denial = event in ("denied", "first_denial")

    def rank(c: ClaimView) -> tuple:
        polarity = 0 if denial == (c.polarity == "denied") else 1 + POLARITY_ORDER.get(c.polarity, 3)
        return (polarity, c.reliability or "F", -c.confidence, c.date or "9999", c.id)

    return sorted((c for c in claims if c.status != "rejected"), key=rank)[:limit]


class JsonLinesExporter(Exporter):
    name = "jsonl"

    def __init__(self, out: Path, store: Any, options: ExportOptions):
        super().__init__(out, store, options)
        self.file = self.out.open("w", encoding="utf-8")

    def _line(self, kind: str, record: dict[str, Any]) -> None:
        self.file.write(json.dumps({"record": kind, **record}, ensure_ascii=False) + "\n")

    def write_actor(self, actor: Actor) -> None:
        self._line("actor", actor_record(actor))

    def write_tie(self, tie: Tie) -> None:
        self._line("tie", tie_record(tie))

    def write_claim(self, claim: ClaimView) -> None:
        self._line("claim", claim_record(claim))

    def finalize(self) -> None:
        self.file.close()
