"""Polarity of a tie: asserted, denied or hedged, read from the clause that carries it.

- denied: the tie's verb (or the verb governing a tie noun) is negated ("did not meet", "never
  met"), its subject is "no one" ("no member of the front has met X", "nobody"), the tie noun has
  "no" ("no contact with"), a denial verb governs it ("denied supplying",
  "rejects the charge that"), or the claim it sits in is called false ("reports that ... are false").
- hedged: a modal (could, may, might, would, should) on the tie's clause, or the clause sits under
  "if", "unless" or "whether", or the sentence says "hypothetically"/"perhaps"/"possibly".
  A hypothetical wins over a negation.
- "reportedly" and "allegedly" leave the tie asserted (someone does assert it) but lower its
  confidence: `Polarity.weak` is set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tiewatch.extract.lexicon import lexicon


@dataclass
class Polarity:
    value: str  # asserted | denied | hedged
    weak: bool = False
    denier: Any = None  # the denial verb, when a denial verb governs the tie


def _path(cue: Any) -> list[Any]:
    return [cue, *cue.ancestors]


def _clause_verbs(cue: Any) -> list[Any]:
    """The cue and the verbs above it up to (not including) the first speech verb."""
    speech = lexicon().words("speech_verbs")
    out = []
    for t in _path(cue):
        if t.i != cue.i and t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in speech:
            break
        out.append(t)
    return out


def polarity(cue: Any) -> Polarity:
    lex = lexicon()
    modals, marks = lex.words("hedge_modals"), lex.words("hedge_marks")
    negations, weakeners = lex.words("negation_words"), lex.words("weakeners")
    sent = cue.sent
    clause = _clause_verbs(cue)
    weak = any(c.lower_ in weakeners for t in _path(cue) for c in t.children)
    hedged = any(c.lower_ in marks for t in clause for c in t.children if c.dep_ in ("mark", "advmod"))
    hedged |= any(c.lower_ in modals and not (c.lower_ == "would" and any(n.dep_ == "neg" for n in t.children))
                  for t in clause if t.pos_ in ("VERB", "AUX") for c in t.children if c.dep_ == "aux")  # "would not allow": a refusal
    hedged |= any(t.lower_ in ("hypothetically",) for t in sent)
    hedged |= any(t.lemma_.lower() in lex.words("hedge_verbs") for t in _path(cue))
    if hedged:
        return Polarity("hedged", weak)
    first_verb = next((t for t in clause if t.pos_ in ("VERB", "AUX")), None)
    negated = any(c.dep_ == "neg" or c.dep_ == "det" and c.lower_ == "no" for c in cue.children)
    if first_verb is not None and first_verb.i != cue.i:
        negated |= any(c.dep_ == "neg" for c in first_verb.children)
    negated |= any(c.lower_ in negations and c.dep_ in ("neg", "det", "advmod") for c in cue.children)
    if cue.pos_ in ("VERB", "AUX"):  # "no member of the front has met X", "nobody supplied them", "not one dinar"
        negated |= any(c.lower_ in ("nobody", "none") or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
                       or any(d.dep_ in ("nummod", "quantmod", "amod") and any(n.dep_ == "neg" for n in d.children)
                              for d in c.children)
                       for c in cue.children if c.dep_ in ("nsubj", "nsubjpass"))
    for t in _path(cue)[1:]:
        if t.lower_ in lex.words("concessive_words"):
            break  # "denied backing X, despite a report that said ...": the report is not denied
        in_subject = any(cue in c.subtree for c in t.children if c.dep_ in ("nsubj", "nsubjpass"))
        denial_negated = any(c.dep_ == "neg" or c.lower_ in negations for c in [*t.children, *(g for c in t.children for g in c.children if g.dep_ in ("preconj", "det"))])
        if t.lemma_.lower() in lex.words("denial_verbs") and not in_subject and not denial_negated:
            return Polarity("denied", weak, denier=t)
        if t.lemma_.lower() in lex.words("evidence_nouns") and t.i != cue.i:
            verb = t.head
            if any(c.lower_ in ("no", "any") for c in t.children) and (
                    any(c.lower_ == "no" for c in t.children) or any(c.dep_ == "neg" for c in verb.children)):
                return Polarity("denied", weak, denier=verb)
        if t.lemma_.lower() in lex.words("claim_nouns"):
            verb = t.head
            if any(c.lemma_.lower() in lex.words("falsity_words") for c in verb.children if c.dep_ in ("acomp", "attr", "oprd")):
                return Polarity("denied", weak, denier=verb)
    return Polarity("denied" if negated else "asserted", weak)
