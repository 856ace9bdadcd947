"""The `cooccurrence` extractor: the baseline tiewatch is measured against.

It claims a tie between every pair of actor mentions that share a sentence — what a tool that
links "every pair of names in a sentence" does — using exactly the mentions the `rules` engine
sees (`tiewatch.extract.actor_sentences`), so a benchmark compares ties, not entity recognition.

A co-occurrence says nothing about the kind of tie, yet the typed score needs one. The baseline
gives each pair the single type that is most frequent for its ends' kinds in tiewatch's
development set (benchmarks/devset), the best a type-blind guess can do there:

- a group, person or state beside a place: `operates_in`, the place as object;
- a person beside a group (or a state): `leads`, the person as subject;
- any other pair (group-group, group-state, person-person...): `part_of`, in text order.

Every claim is `asserted`, by the document's default claimant, with a low confidence. The pair
score of the benchmark ignores the type and direction and is the fairer comparison.
"""

from __future__ import annotations

from itertools import combinations
from typing import Iterable, Iterator

from tiewatch.model import Claim, Document, Mention

CONFIDENCE = 0.1
PLACE_KINDS = ("place",)
AGENT_KINDS = ("group", "person", "state")


def guess(first: Mention, second: Mention) -> tuple[str, Mention, Mention]:
    """The type and direction the baseline gives a co-occurring pair (see the module docstring)."""
    kinds = {first.kind, second.kind}
    if second.kind in PLACE_KINDS and first.kind in AGENT_KINDS:
        return "operates_in", first, second
    if first.kind in PLACE_KINDS and second.kind in AGENT_KINDS:
        return "operates_in", second, first
    if kinds in ({"person", "group"}, {"person", "state"}):
        return ("leads", first, second) if first.kind == "person" else ("leads", second, first)
    return "part_of", first, second


def _same_actor(a: Mention, b: Mention) -> bool:
    return (a.canonical or a.text).casefold() == (b.canonical or b.text).casefold()


class CooccurrenceExtractor:
    """Every pair of actor mentions in a sentence is a claimed tie."""

    name = "cooccurrence"

    def extract(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Mention], list[Claim]]]:
        from tiewatch.extract import actor_sentences
        from tiewatch.extract.attribution import default_claimant

        for doc, sentences in actor_sentences(docs):
            who = default_claimant(doc)
            mentions: list[Mention] = []
            claims: list[Claim] = []
            for sentence in sentences:
                mentions.extend(sentence.mentions)
                for first, second in combinations(sentence.mentions, 2):
                    if _same_actor(first, second):
                        continue
                    type_name, subject, obj = guess(first, second)
                    claims.append(Claim(
                        subject=subject, object=obj, type=type_name, polarity="asserted", claimant=who,
                        sentence=sentence.text, start=sentence.start, end=sentence.end,
                        rule="cooccurrence", confidence=CONFIDENCE, extractor=self.name,
                        document_id=doc.id,
                    ))
            yield doc, mentions, claims
