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
import random
from typing import Callable, Iterable

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
    claimants_checked: int = 0  # matched gold ties that name a claimant
    claimants_all: int = 0  # every gold tie that names a claimant (a missed tie counts as wrong)
    polarity_right: int = 0
    polarity_checked: int = 0  # gold ties some claim matches by ends and type, whatever its polarity
    ends_found: int = 0
    ends_total: int = 0  # gold tie ends (per document) that some mention names
    ref_right: int = 0
    ref_claims: int = 0  # distinct claims standing on a back-reference ("the group", "it", a profile's topic)
    by_type: dict[str, list[int]] = field(default_factory=dict)  # gold type -> [matched, total]
    parts: list[tuple[Score, Score]] = field(default_factory=list)  # per document: (typed, pairs), for intervals

    @property
    def claimant_accuracy(self) -> float | None:
        return self.claimants_right / self.claimants_checked if self.claimants_checked else None

    @property
    def claimant_recall(self) -> float | None:
        """Gold claimants named by a matching claim, over all gold ties that name one."""
        return self.claimants_right / self.claimants_all if self.claimants_all else None

    @property
    def polarity_accuracy(self) -> float | None:
        return self.polarity_right / self.polarity_checked if self.polarity_checked else None

    @property
    def mention_recall(self) -> float | None:
        return self.ends_found / self.ends_total if self.ends_total else None

    @property
    def reference_precision(self) -> float | None:
        return self.ref_right / self.ref_claims if self.ref_claims else None

    def add(self, other: Result) -> None:
        self.typed.add(other.typed)
        self.pairs.add(other.pairs)
        for name in ("claimants_right", "claimants_checked", "claimants_all", "polarity_right", "polarity_checked",
                     "ends_found", "ends_total", "ref_right", "ref_claims"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name, (matched, count) in other.by_type.items():
            counts = self.by_type.setdefault(name, [0, 0])
            counts[0] += matched
            counts[1] += count
        self.parts.append((other.typed, other.pairs))


def _overlaps(span: tuple[int, int], mention: Mention) -> bool:
    return mention.start < span[1] and span[0] < mention.end


def mention_names(mention: Mention) -> set[str]:
    """The keys a mention answers to: its text and its canonical name."""
    return {name_key(n) for n in (mention.text, mention.canonical) if n}


def end_matches(names: tuple[str, ...], span: tuple[int, int] | None, mention: Mention) -> bool:
    if span is not None:
        return _overlaps(span, mention)
    return bool(mention_names(mention) & {name_key(n) for n in names})


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


def _typed_any_polarity(tie: GoldTie, claim: Claim) -> bool:
    if claim.type not in tie.types:
        return False
    return _ends(tie, claim, False) or (tie.is_symmetric() and _ends(tie, claim, True))


def _side_metrics(result: Result, gold: GoldDoc, claims: list[Claim], mentions: list[Mention] | None, by_span: bool) -> None:
    """Polarity, claimants over all gold claimants, mention recall of tie ends, back-references."""
    for tie in gold.ties:
        typed = [c for c in claims if _typed_any_polarity(tie, c)]
        if typed:
            result.polarity_checked += 1
            result.polarity_right += any(c.polarity == tie.polarity for c in typed)
        result.claimants_all += bool(tie.claimant)
    if mentions is not None and not by_span:
        ends = {frozenset(name_key(n) for n in names) for t in gold.ties for names in (t.subject, t.object)}
        named = {k for m in mentions for k in mention_names(m)}
        result.ends_total += len(ends)
        result.ends_found += sum(bool(end & named) for end in ends)
    for claim in distinct(claims, by_span, pairs=False):
        if claim.subject.label == "ref" or claim.object.label == "ref":
            result.ref_claims += 1
            result.ref_right += any(pair_match(t, claim) for t in gold.ties)


def score_document(gold: GoldDoc, claims: list[Claim], goldset: GoldSet, mentions: list[Mention] | None = None) -> Result:
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
    _side_metrics(result, gold, claims, mentions, goldset.by_span)
    return result


def score(goldset: GoldSet, claims_by_doc: dict[str, list[Claim]],
          mentions_by_doc: dict[str, list[Mention]] | None = None) -> Result:
    """The whole set's result: counts summed over documents (micro-averaged); `parts` keeps each
    document's counts for a bootstrap over documents."""
    total = Result()
    for doc in goldset.docs:
        mentions = None if mentions_by_doc is None else mentions_by_doc.get(doc.id, [])
        total.add(score_document(doc, claims_by_doc.get(doc.id, []), goldset, mentions))
    return total


RESAMPLES = 1000
SEED = 7


def interval(parts: list[Score], stat: Callable[[Score], float] = lambda s: s.f1,
             resamples: int = RESAMPLES, seed: int = SEED) -> tuple[float, float]:
    """The 95 % bootstrap interval of `stat` (default F1) over documents: the documents' counts are
    resampled with replacement, the micro-averaged score recomputed, and the 2.5th and 97.5th
    percentiles of `resamples` draws returned. The seed is fixed: the same claims, the same interval."""
    if not parts:
        return 0.0, 0.0
    rng = random.Random(seed)
    values = []
    for _ in range(resamples):
        total = Score()
        for _ in parts:
            total.add(parts[rng.randrange(len(parts))])
        values.append(stat(total))
    values.sort()
    return values[int(0.025 * (resamples - 1))], values[int(0.975 * (resamples - 1))]
