"""Denials with a universal object: "the charity has never given a single franc to any armed
group", "X denies that the charity funds any armed group", "no group received weapons from X".

"any armed group" names no actor, so it is a mention of its own (label "any") that the rules can
take as an end, never stored. At the end of a document each *denied* claim with such an end is
spread to every actor the document claims that tie with: the charity denies funding each group the
document says it funds, with the denial's sentence, offsets and claimant. An asserted claim about
"any group" says nothing about a named actor and is dropped.
"""

from __future__ import annotations

from dataclasses import replace

from tiewatch.extract.lexicon import lexicon
from tiewatch.extract.paragraph import UNIVERSAL, ActorSpan, Paragraph
from tiewatch.model import Claim, Mention

QUANTIFIERS = {"any", "no"}


def universal_mentions(para: Paragraph, taken: set[int]) -> None:
    """Add "any (armed) group", "no militia" as universal mentions (label "any")."""
    nouns = lexicon().words("backref_nouns")
    for t in para.doc:
        if t.i in taken or t.lemma_.lower() not in nouns or t.pos_ != "NOUN":
            continue
        quantifier = [c for c in t.children if c.dep_ == "det" and c.lower_ in QUANTIFIERS]
        named = any(c.lower_ in ("including", "like", "such", "especially", "notably") for c in t.subtree)
        if not quantifier or named:  # "any group, including X": the rules take X itself
            continue
        start = min([quantifier[0].i, *(c.i for c in t.children if c.dep_ in ("amod", "compound") and c.i < t.i)])
        span = para.doc[start:t.i + 1]
        taken.update(range(span.start, span.end))
        para.mentions.append(ActorSpan(span.start, span.end, "group", UNIVERSAL, span.text, span.start_char,
                                       span.end_char, head=t.i))


def _name(m: Mention) -> str:
    return (m.canonical or m.text).casefold()


def spread(claims: list[Claim]) -> list[Claim]:
    """The document's claims with each universal denial spread over the named actors it covers
    and every claim on a universal end removed."""
    named = [c for c in claims if UNIVERSAL not in (c.subject.label, c.object.label)]
    out = list(named)
    seen = set()
    for denial in claims:
        if denial.polarity != "denied" or UNIVERSAL not in (denial.subject.label, denial.object.label):
            continue
        object_any = denial.object.label == UNIVERSAL
        known = denial.subject if object_any else denial.object
        for claim in named:
            if claim.type != denial.type or claim.polarity != "asserted":
                continue
            other = claim.object if object_any else claim.subject
            key = (denial.start, denial.type, _name(known), _name(other))
            if _name(claim.subject if object_any else claim.object) != _name(known) or key in seen:
                continue
            seen.add(key)
            ends = {"object": other} if object_any else {"subject": other}
            out.append(replace(denial, rule=f"{denial.rule}+any", **ends))
    return out
