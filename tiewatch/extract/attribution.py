"""Who claims a tie: the subject of a speech verb above it ("X said", "X told", "X denied"),
"according to X", a parenthetical speaker ("Hamas, he says, is ..."), the last speaker of a quoted
passage, otherwise the document's author, publisher, site or title."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tiewatch.extract.actors import ActorSpan, Paragraph
from tiewatch.extract.lexicon import lexicon
from tiewatch.model import Document, web_address

SPEAKER_MAX_TOKENS = 8


@dataclass
class Voices:
    """Attribution state across one document: its default claimant and the last named speaker."""

    default: str
    last_speaker: tuple[str, ActorSpan | None] | None = None
    seen: set[int] = field(default_factory=set)


def default_claimant(doc: Document) -> str:
    meta = doc.metadata or {}
    for value in (doc.author, doc.source.name if doc.source else None, meta.get("site_name"), meta.get("channel"), doc.title):
        if value and str(value).strip():
            return str(value).strip()
    return web_address(doc.origin) or "unattributed"  # never a local file name: claimants are shown and exported


def speaker_phrase(para: Paragraph, t: Any) -> tuple[str, ActorSpan | None]:
    """The speaker a subject token names: an actor's name, or its noun phrase ("Officials in Niamey")."""
    found = para.mention_at(t.i) or para.refer(t)
    if found is None:  # "whose spokesman, Abu X, said": the named one
        found = next((m for c in t.children if c.dep_ == "appos" for m in [para.mention_at(c.i)]
                      if m is not None and m.kind in ("person", "group", "state")), None)
    if found is not None:
        return found.name, found
    skip = {w.i for c in t.children if c.dep_ in ("relcl", "appos", "acl", "punct", "cc", "conj") for w in c.subtree}
    span = [t]
    for w in t.subtree:
        if w.i in skip or w.lower_ in lexicon().words("relative_pronouns"):
            continue
        if w.i < t.i or w.i == span[-1].i + 1:
            span.append(w)
    span = sorted(set(span), key=lambda w: w.i)[:SPEAKER_MAX_TOKENS]
    text = para.doc[span[0].i:span[-1].i + 1].text.strip(" ,")
    if text.lower().startswith(("the ", "a ", "an ")) and len(span) > 1:
        text = text.split(" ", 1)[1]
    return text, None


def _speaker_of(para: Paragraph, verb: Any) -> tuple[str, ActorSpan | None] | None:
    from tiewatch.extract.rules import subject_tokens

    subjects = [t for t in subject_tokens(verb) if t.lower_ not in ("it", "this", "that", "which")]
    if not subjects and verb.dep_ in ("acl", "relcl") and verb.i > verb.head.i:
        subjects = [verb.head]
    if not subjects:
        return None
    if subjects[0].pos_ == "PRON" and not (para.mention_at(subjects[0].i) or para.refer(subjects[0])):
        return None
    return speaker_phrase(para, subjects[0])


def _according_to(para: Paragraph, sent: Any) -> tuple[str, ActorSpan | None] | None:
    for t in sent:
        if t.lower_ == "according":
            for prep in t.children:
                if prep.lower_ == "to":
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            return speaker_phrase(para, obj)
    return None


def _quoted(para: Paragraph, sent: Any) -> bool:
    text = para.doc.text
    return text.lstrip().startswith('"') or text[:sent.start_char].count('"') % 2 == 1


def claimant(para: Paragraph, cue: Any, voices: Voices, denier: Any = None, below: Any = None) -> tuple[str, ActorSpan | None]:
    """The claimant of the tie carried by `cue`, and its mention when it is a named actor.
    `below`: look only under this token (the one who asserted what a denier denies)."""
    speech, claim_nouns = lexicon().words("speech_verbs"), lexicon().words("claim_nouns")
    if denier is not None:
        found = _speaker_of(para, denier)
        if found:
            return found
    for t in [cue, *cue.ancestors]:
        if below is not None and t.i == below.i:
            return voices.default, None
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in speech and not _in_subject(t, cue):
            found = _speaker_of(para, t)
            if found:
                return found
    sent = cue.sent
    found = _according_to(para, sent)
    if found:
        return found
    for t in sent:
        own = any(c.dep_ == "nsubj" for c in t.children) or t.dep_ in ("acl", "relcl")
        aside = t.dep_ in ("parataxis", "advcl", "ccomp") or t.dep_ in ("acl", "relcl") and t.head.lemma_.lower() in claim_nouns
        if own and aside and t.lemma_.lower() in speech and cue not in t.subtree:
            found = _speaker_of(para, t)
            if found:
                return found
    if _quoted(para, sent) and voices.last_speaker:
        return voices.last_speaker
    return voices.default, None


def _in_subject(verb: Any, cue: Any) -> bool:
    return any(cue in c.subtree for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))


def listen(para: Paragraph, sent: Any, voices: Voices) -> None:
    """Remember the last actor who speaks outside quotes, for the quoted passages that follow."""
    if _quoted(para, sent):
        return
    speech = lexicon().words("speech_verbs")
    for t in sent:
        if t.pos_ == "VERB" and t.lemma_.lower() in speech:
            found = _speaker_of(para, t)
            if found and found[1] is not None and found[1].kind in ("person", "group", "state"):
                voices.last_speaker = found
