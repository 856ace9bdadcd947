"""Precision, recall and F1 of claims against a gold set.

Typed: a claim matches a gold tie when its type is one the tie accepts, its polarity is the tie's,
and its subject and object are the tie's ends in that order (either order when the type is
symmetric, or the gold tie says `symmetric: true`). Pairs: only the two ends count, in either order.

Claims are counted once per (document, subject, type, object, polarity) — once per pair for the
pair score — so an engine is not rewarded or punished for saying the same thing in two sentences.
Precision is the share of those distinct claims that match some gold tie; recall is the share of
gold ties that some claim matches. When the gold set names ends by span (re3d), a claim counts
only when both its mentions overlap an annotated actor, and only claims of the set's mapped types
enter the typed score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from tiewatch.bench.gold import GoldDoc, GoldSet, GoldTie, name_key
from tiewatch.model import Claim, Mention, vocabulary


@dataclass
class Score:
    matched_claims: int = 0
    claims: int = 0
    matched_gold: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched_claims / self.claims if self.claims else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.matched_claims += other.matched_claims
        self.claims += other.claims
        self.matched_gold += other.matched_gold
        self.gold += other.gold


@dataclass
class Result:
    typed: Score = field(default_factory=Score)
    pairs: Score = field(default_factory=Score)
    claimants_right: int = 0
    claimants_checked: int = 0
    by_type: dict[str, list[int]] = field(default_factory=dict)  # gold type -> [matched, total]

    @property
    def claimant_accuracy(self) -> float | None:
        return self.claimants_right / self.claimants_checked if self.claimants_checked else None


def _overlaps(span: tuple[int, int], mention: Mention) -> bool:
    return mention.start < span[1] and span[0] < mention.end


def _names(mention: Mention) -> set[str]:
    return {name_key(n) for n in (mention.text, mention.canonical) if n}


def end_matches(names: tuple[str, ...], span: tuple[int, int] | None, mention: Mention) -> bool:
    if span is not None:
        return _overlaps(span, mention)
    return bool(_names(mention) & {name_key(n) for n in names})


def _ends(tie: GoldTie, claim: Claim, swap: bool) -> bool:
    first, second = (claim.object, claim.subject) if swap else (claim.subject, claim.object)
    return end_matches(tie.subject, tie.subject_span, first) and end_matches(tie.object, tie.object_span, second)


def typed_match(tie: GoldTie, claim: Claim) -> bool:
    if claim.type not in tie.types or claim.polarity != tie.polarity:
        return False
    return _ends(tie, claim, False) or (tie.is_symmetric() and _ends(tie, claim, True))


def pair_match(tie: GoldTie, claim: Claim) -> bool:
    return _ends(tie, claim, False) or _ends(tie, claim, True)


def _end_key(mention: Mention, by_span: bool) -> object:
    return (mention.start, mention.end) if by_span else name_key(mention.canonical or mention.text)


def distinct(claims: Iterable[Claim], by_span: bool, pairs: bool) -> list[Claim]:
    """One claim per distinct (subject, type, object, polarity), or per unordered pair."""
    types = vocabulary()
    seen: dict[object, Claim] = {}
    for claim in claims:
        s, o = _end_key(claim.subject, by_span), _end_key(claim.object, by_span)
        if pairs:
            key: object = frozenset((s, o))
        else:
            symmetric = claim.type in types and types[claim.type].symmetric
            ends = tuple(sorted((s, o), key=repr)) if symmetric else (s, o)
            key = (ends, claim.type, claim.polarity)
        seen.setdefault(key, claim)
    return list(seen.values())


def _claimant_right(gold: str, claim: Claim) -> bool:
    g, c = name_key(gold), name_key(claim.claimant or "")
    return bool(c) and (g in c or c in g)


def score_document(gold: GoldDoc, claims: list[Claim], goldset: GoldSet) -> Result:
    if goldset.by_span:
        claims = [c for c in claims if any(_overlaps(s, c.subject) for s in gold.actor_spans)
                  and any(_overlaps(s, c.object) for s in gold.actor_spans) and c.subject.start != c.object.start]
    typed_claims = distinct([c for c in claims if not goldset.scored_types or c.type in goldset.scored_types],
                            goldset.by_span, pairs=False)
    pair_claims = distinct(claims, goldset.by_span, pairs=True)
    result = Result()
    result.typed = Score(
        matched_claims=sum(any(typed_match(t, c) for t in gold.ties) for c in typed_claims),
        claims=len(typed_claims), gold=len(gold.ties),
        matched_gold=sum(any(typed_match(t, c) for c in typed_claims) for t in gold.ties),
    )
    result.pairs = Score(
        matched_claims=sum(any(pair_match(t, c) for t in gold.ties) for c in pair_claims),
        claims=len(pair_claims), gold=len(gold.ties),
        matched_gold=sum(any(pair_match(t, c) for c in pair_claims) for t in gold.ties),
    )
    for tie in gold.ties:
        found = [c for c in claims if typed_match(tie, c)]
        counts = result.by_type.setdefault(tie.types[0], [0, 0])
        counts[0] += bool(found)
        counts[1] += 1
        if tie.claimant and found:
            result.claimants_checked += 1
            result.claimants_right += any(_claimant_right(tie.claimant, c) for c in found)
    return result


def score(goldset: GoldSet, claims_by_doc: dict[str, list[Claim]]) -> Result:
    """The whole set's result: counts summed over documents (micro-averaged)."""
    total = Result()
    for doc in goldset.docs:
        part = score_document(doc, claims_by_doc.get(doc.id, []), goldset)
        total.typed.add(part.typed)
        total.pairs.add(part.pairs)
        total.claimants_right += part.claimants_right
        total.claimants_checked += part.claimants_checked
        for name, (matched, count) in part.by_type.items():
            counts = total.by_type.setdefault(name, [0, 0])
            counts[0] += matched
            counts[1] += count
    return total
