"""Claims -> ties: one tie per (subject, type, object), symmetric types stored once (lower id first).

A tie counts its claims by polarity (rejected claims excluded; an analyst's reviewed type and
direction applied), its independent sources *supporting* it (asserting or hedging: near-duplicate
documents count once, so do documents of one publisher; deniers are counted apart, in the grade),
first and last seen (document date: published, else ingested, over all its claims) and its
Admiralty grade (`grading`). Ties are never deleted: a tie whose claims
all moved away (a merge, a rejection) keeps its row with zero counts and is hidden from lists,
so an undone merge finds its old tie, id and creation time again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from tiewatch.graph.grading import best_reliability, credibility, independent
from tiewatch.model import vocabulary
from tiewatch.store.ties import TIE_FIELDS, ClaimFact

Key = tuple[int, str, int]
EMPTY = {"asserted": 0, "denied": 0, "hedged": 0, "sources": 0, "first_seen": None, "last_seen": None,
         "reliability": "F", "credibility": 6}


def stamp() -> str:
    """Now, to the microsecond, so "what's new since the last look" never straddles a second."""
    return datetime.now(timezone.utc).isoformat()


@dataclass
class AggregateReport:
    created: int = 0
    updated: int = 0
    claims_linked: int = 0


def tie_key(fact: ClaimFact) -> Key | None:
    """The tie a claim counts towards, or None (rejected, unresolved end, or an actor tied to itself)."""
    if fact.status == "rejected" or fact.subject_id is None or fact.object_id is None:
        return None
    if fact.subject_id == fact.object_id:
        return None
    subject, obj = fact.subject_id, fact.object_id
    tie_type = vocabulary().get(fact.type)
    if tie_type is not None and tie_type.symmetric and subject > obj:
        subject, obj = obj, subject
    return subject, fact.type, obj


def summarise(members: list[ClaimFact]) -> dict[str, Any]:
    """Counts, independent sources, dates and grade of one tie's claims."""
    by_polarity: dict[str, list[ClaimFact]] = {"asserted": [], "denied": [], "hedged": []}
    for fact in members:
        by_polarity.setdefault(fact.polarity, []).append(fact)

    def docs(facts: list[ClaimFact]) -> list[tuple[int, int | None, int | None]]:
        return [(f.document_id, f.cluster_id, f.source_id) for f in facts]

    supporting = by_polarity["asserted"] + by_polarity["hedged"]
    asserting = independent(docs(by_polarity["asserted"]))
    sources = independent(docs(supporting))
    denying = independent(docs(by_polarity["denied"]))
    dates = sorted(f.date for f in members if f.date)
    return {
        "asserted": len(by_polarity["asserted"]),
        "denied": len(by_polarity["denied"]),
        "hedged": len(by_polarity["hedged"]),
        "sources": sources,
        "first_seen": dates[0] if dates else None,
        "last_seen": dates[-1] if dates else None,
        "reliability": best_reliability(f.reliability for f in (supporting or members)),
        "credibility": credibility(asserting, sources - asserting, denying),
    }


def aggregate(store) -> AggregateReport:
    """Recompute every tie from the claims in one pass; write only what changed."""
    report = AggregateReport()
    existing = store.tie_records()
    by_id = {tie["id"]: tie for tie in existing.values()}
    groups: dict[Key, list[ClaimFact]] = {}
    facts = store.claim_facts()
    for fact in facts:
        key = tie_key(fact)
        if key is not None:
            groups.setdefault(key, []).append(fact)
    now = stamp()
    new: list[dict[str, Any]] = []
    changed: list[tuple[int, dict[str, Any]]] = []
    for key, tie in existing.items():
        values = summarise(groups[key]) if key in groups else EMPTY
        delta = {f: values[f] for f in TIE_FIELDS if tie[f] != values[f]}
        if values["denied"] and tie["first_denied_at"] is None:
            delta["first_denied_at"] = now
        if delta:
            changed.append((tie["id"], delta))
    for key, members in groups.items():
        if key in existing:
            continue
        values = summarise(members)
        earlier = [by_id[f.tie_id] for f in members if f.tie_id in by_id]
        denied_at = [t["first_denied_at"] for t in earlier if t["first_denied_at"]]
        new.append({
            "subject_id": key[0], "type": key[1], "object_id": key[2], **values,
            "created_at": min((t["created_at"] for t in earlier), default=now),
            "first_denied_at": min(denied_at, default=now) if values["denied"] else None,
        })
    claim_ties: list[tuple[int, Any]] = []
    for fact in facts:
        key = tie_key(fact)
        target = existing[key]["id"] if key in existing else key
        if fact.tie_id != target:
            claim_ties.append((fact.id, target))
    if new or changed or claim_ties:
        store.save_ties(new, changed, claim_ties, now)
    report.created, report.updated, report.claims_linked = len(new), len(changed), len(claim_ties)
    return report
