"""The `rules` extractor: parse, find actors, run the tie rules, settle kinds, polarity and
claimant, and keep the evidence (sentence, offsets, rule, confidence) on every claim."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, Iterator

from tiewatch.extract.actors import ActorSpan, Paragraph, harmonise, paragraph_actors
from tiewatch.extract.paragraph import UNIVERSAL
from tiewatch.extract.attribution import Voices, claimant, default_claimant, listen, speaker_phrase
from tiewatch.extract.lexicon import lexicon
from tiewatch.extract.nlp import normalise, parse
from tiewatch.extract.polarity import polarity
from tiewatch.extract.rules import Found, verb_claims
from tiewatch.extract.spans import define_acronyms, same_by_acronym
from tiewatch.extract.themes import theme_claims
from tiewatch.extract.universal import spread
from tiewatch.extract.ties import (haven_claims, judgement_claims, location_claims, modifier_claims, noun_claims,
                                   possessive_claims)
from tiewatch.model import EXTRACTED_CHARS, Claim, Document, Mention, vocabulary

RULES = (verb_claims, judgement_claims, noun_claims, modifier_claims, location_claims, possessive_claims, haven_claims,
         theme_claims)


@dataclass
class SentenceActors:
    """One sentence of a document and the actor mentions in it (offsets into the stored text)."""

    start: int
    end: int
    text: str
    mentions: list[Mention]


def _mention(doc: Document, para: Paragraph, span: ActorSpan) -> Mention:
    offset = para.offset if span.offset is None else span.offset  # a speaker named paragraphs before
    start, end = offset + span.char_start, offset + span.char_end
    text = doc.text[start:end]
    tidy = " ".join(normalise(text).split()).strip("' ")
    canonical = span.canonical or (tidy if tidy != text else None)
    return Mention(text=text, start=start, end=end, kind=span.kind, label=span.label,
                   canonical=canonical, document_id=doc.id)


def _sentence_bounds(doc: Document, para: Paragraph, sent: Any) -> tuple[int, int]:
    start, end = para.offset + sent.start_char, para.offset + sent.end_char
    while start < end and doc.text[start].isspace():
        start += 1
    while end > start and doc.text[end - 1].isspace():
        end -= 1
    return start, end


def fits(type_name: str, subject: ActorSpan, obj: ActorSpan) -> bool:
    """Whether the actor kinds at the two ends allow the tie ("a place leads a group": no); the
    tagger's "organisation" that leads a group counts as the person it is."""
    spec = vocabulary()[type_name]
    leader = type_name == "leads" and subject.kind == "group" and subject.label == "ORG"
    return (subject.kind in spec.subject_kinds or leader) and obj.kind in spec.object_kinds


def choose_type(found: Found) -> str | None:
    """The first of the candidate types (in priority order) whose actor kinds fit both ends."""
    lex = lexicon()
    for name in sorted(found.types, key=lex.priority):
        if name not in vocabulary():
            continue
        if name == "leads" and found.subject.kind == "group" and found.subject.label == "ORG":
            found.subject.kind = "person"  # the tagger's "organisation" that leads a group is a person
        if fits(name, found.subject, found.object):
            return name
    return None


def is_english(doc: Document) -> bool:
    """The English model reads only English: a document whose language is set and is not "en"
    is left alone (French read as English makes actors of "la" and "Fait à")."""
    return not doc.language or doc.language.lower().split("-")[0] in ("en", "eng", "english")


def readable_part(doc: Document) -> str:
    """The text extraction reads: all of it, or up to where the ingest budget stopped it."""
    text = doc.text or ""
    end = (doc.metadata or {}).get(EXTRACTED_CHARS)
    return text[:end] if isinstance(end, int) and 0 <= end < len(text) else text


def parsed(docs: Iterable[Document]) -> Iterator[tuple[Document, list[Paragraph]]]:
    """Each document with its paragraphs parsed and their actor mentions found; a document in
    another language than English gets no paragraphs."""
    docs_list: list[Document] = []

    def texts() -> Iterator[str]:
        for doc in docs:
            docs_list.append(doc)
            yield readable_part(doc) if is_english(doc) else ""

    for n, paras in enumerate(parse(texts())):
        found = [paragraph_actors(spacy_doc, offset) for offset, spacy_doc in paras]
        harmonise(found)
        define_acronyms(found)
        yield docs_list[n], found
        docs_list[n] = None  # type: ignore[call-overload]


def actor_sentences(docs: Iterable[Document]) -> Iterator[tuple[Document, list[SentenceActors]]]:
    """The same actor mentions the rules see, sentence by sentence (for the co-occurrence baseline)."""
    for doc, paras in parsed(docs):
        out = []
        for para in paras:
            for sent in para.doc.sents:
                start, end = _sentence_bounds(doc, para, sent)
                mentions = [_mention(doc, para, m) for m in para.mentions
                            if sent.start <= m.start < sent.end and m.label != UNIVERSAL]
                out.append(SentenceActors(start, end, doc.text[start:end], mentions))
        yield doc, out


def rule_findings(para: Paragraph, sent: Any) -> list[tuple[Found, str]]:
    """What the hand-written rules find in one sentence, each with the type its actor kinds allow."""
    out = []
    for rule in RULES:
        for found in rule(para, sent):
            type_name = choose_type(found)
            if type_name is None or same_actor(found.subject.name, found.object.name) or _asked(found.cue):
                continue
            out.append((found, type_name))
    return out


def settle(doc: Document, para: Paragraph, sent: Any, voices: Voices, findings: Iterable[tuple[Found, str]],
           extractor: str) -> Iterator[Claim]:
    """Claims from findings: polarity and claimant read from each finding's cue, the evidence kept,
    one claim per (ends, type, polarity) in a sentence, and a denier's own claim beside an
    assertion it disputes."""
    start, end = _sentence_bounds(doc, para, sent)
    best: dict[tuple[str, ...], Claim] = {}
    for found, type_name in findings:
        pol = polarity(found.cue)
        if pol.denier is not None and _reported_below(found.cue, pol.denier):
            accuser, accuser_span = claimant(para, found.cue, voices, None, below=pol.denier)
            _keep(best, _claim(doc, para, found, type_name, "asserted", accuser, accuser_span, found.confidence,
                               start, end, extractor))
        who, who_span = claimant(para, found.cue, voices, pol.denier)
        confidence = found.confidence - 0.15 * pol.weak
        confidence -= 0.1 * (found.subject.label == "ref") + 0.1 * (found.object.label == "ref")
        _keep(best, _claim(doc, para, found, type_name, pol.value, who, who_span, confidence, start, end, extractor))
    yield from best.values()
    yield from _disputed(doc, para, sent, list(best.values()))


def _asked(cue: Any) -> bool:
    """A question about who does it ("Who supplies Ansar al-Wadi?") claims nothing about anyone."""
    if "?" not in cue.sent.text:
        return False
    return any(c.tag_ in ("WP", "WDT") for c in cue.children if c.dep_ in ("nsubj", "nsubjpass", "dobj"))


def same_actor(a: str, b: str) -> bool:
    """One actor under two spellings in one sentence: "Michel Samaha" and "Samaha", "AAH" and
    "Asa'ib Ahl al-Haqq"."""
    if same_by_acronym(a, b):
        return True
    a, b = a.lower(), b.lower()
    return a == b or a.endswith(" " + b) or b.endswith(" " + a) or a + "s" == b or b + "s" == a


def _claim(doc: Document, para: Paragraph, found: Found, type_name: str, polarity_value: str, who: str,
           who_span: ActorSpan | None, confidence: float, start: int, end: int, extractor: str) -> Claim:
    return Claim(
        subject=_mention(doc, para, found.subject), object=_mention(doc, para, found.object),
        type=type_name, polarity=polarity_value, claimant=who, sentence=doc.text[start:end],
        start=start, end=end, rule=found.rule, confidence=round(max(0.05, confidence), 2),
        claimant_mention=_mention(doc, para, who_span) if who_span else None,
        extractor=extractor, document_id=doc.id,
    )


def _keep(best: dict[tuple[str, ...], Claim], claim: Claim) -> None:
    """One claim per (ends, type, polarity) in a sentence: the most confident."""
    ends = [(claim.subject.canonical or claim.subject.text).lower(), (claim.object.canonical or claim.object.text).lower()]
    if vocabulary()[claim.type].symmetric:
        ends.sort()
    key = (*ends, claim.type, claim.polarity)
    if key not in best or best[key].confidence < claim.confidence:
        best[key] = claim


def _reported_below(cue: Any, denier: Any) -> bool:
    """A denial of what a named accuser claimed: "India accused Pakistan of ...; Islamabad denied it"."""
    speech = lexicon().words("speech_verbs") - lexicon().words("denial_verbs")
    for t in cue.ancestors:
        if t.i == denier.i:
            return False
        if t.pos_ == "VERB" and t.lemma_.lower() in speech and any(c.dep_ in ("nsubj", "agent") for c in t.children):
            return True
    return False


def _disputed(doc: Document, para: Paragraph, sent: Any, claims: list[Claim]) -> Iterator[Claim]:
    """"X financed Y, a charge his lawyer denied": the denier's own claim beside the assertion."""
    lex = lexicon()
    for noun in sent:
        if noun.lemma_.lower() not in lex.words("claim_nouns") or noun.dep_ not in ("appos", "npadvmod", "dobj", "attr"):
            continue
        for verb in noun.children:
            if verb.dep_ == "relcl" and verb.lemma_.lower() in lex.words("denial_verbs"):
                denier = [c for c in verb.children if c.dep_ == "nsubj"]
                if not denier:
                    continue
                who = speaker_phrase(para, denier[0])[0]
                for claim in claims:
                    if claim.polarity == "asserted":
                        yield replace(claim, polarity="denied", claimant=who, rule=f"{claim.rule}+disputed",
                                      claimant_mention=None)

def _with_claim_mentions(mentions: list[Mention], claims: list[Claim]) -> list[Mention]:
    """Every mention a claim stands on is among the document's mentions (back-references and
    state organs are made while reading a sentence), each claim pointing at the listed object."""
    listed = {(m.start, m.end, m.kind, m.canonical): m for m in mentions}
    for claim in claims:
        for role in ("subject", "object", "claimant_mention"):
            m = getattr(claim, role)
            if m is not None:
                setattr(claim, role, listed.setdefault((m.start, m.end, m.kind, m.canonical), m))
    return sorted(listed.values(), key=lambda m: (m.start, m.end))


class RulesExtractor:
    """The default engine: dependency rules over spaCy's parse, offline on a CPU.

    It reads English only: a document whose `language` is set and is not "en" yields no mentions
    and no claims (an English model on French text makes actors of articles and place phrases)."""

    name = "rules"

    def extract(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Mention], list[Claim]]]:
        return extract_with(docs, rule_findings, self.name)


Finder = Callable[[Paragraph, Any], Iterable[tuple[Found, str]]]


def extract_with(docs: Iterable[Document], find: Finder, name: str) -> Iterator[tuple[Document, list[Mention], list[Claim]]]:
    """Each document with its mentions and claims, `find` giving the findings of each sentence."""
    return extract_parsed(parsed(docs), find, name)


def extract_parsed(docs: Iterable[tuple[Document, list[Paragraph]]], find: Finder,
                   name: str) -> Iterator[tuple[Document, list[Mention], list[Claim]]]:
    """The same from documents already parsed (training scores one parse under many models)."""
    for doc, paras in docs:
        voices = Voices(default=default_claimant(doc))
        mentions: list[Mention] = []
        claims: list[Claim] = []
        for para in paras:
            for sent in para.doc.sents:
                claims.extend(settle(doc, para, sent, voices, find(para, sent), name))
                listen(para, sent, voices)
            mentions.extend(_mention(doc, para, m) for m in para.mentions if m.label != UNIVERSAL)
        claims = spread(claims)
        yield doc, _with_claim_mentions(mentions, claims), claims
