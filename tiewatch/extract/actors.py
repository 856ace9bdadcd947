"""Actor mentions in a parsed paragraph: NER and ruler spans, trimmed and expanded to the whole
name, each with a kind (group, person, state, place); doctrines, platforms and page furniture are
dropped (tiewatch.extract.missed adds what the tagger missed; tiewatch.extract.paragraph holds the
records and resolves back-references)."""

from __future__ import annotations

from typing import Any

from tiewatch.extract.lexicon import lexicon
from tiewatch.extract.missed import (acronyms, drop_titles, named_areas, national_organs, titled, unnamed_organs,
                                     unnamed_people)
from tiewatch.extract.paragraph import ActorSpan, Paragraph
from tiewatch.extract.ruler import watchlist_index
from tiewatch.extract.spans import whole_names
from tiewatch.extract.universal import universal_mentions

__all__ = ["ActorSpan", "Paragraph", "harmonise", "paragraph_actors"]

ACTOR_LABELS = {"ORG", "PERSON", "NORP", "GPE", "LOC", "FAC"}
NAME_PARTICLES = {"al", "el", "bin", "ibn", "bint", "ul", "ud", "wal", "as", "ash", "ad", "-", "'"}
TRIM_POS = {"VERB", "AUX", "DET", "CCONJ", "SCONJ", "PRON", "PART"}


def _trim(span: Any) -> tuple[int, int]:
    start, end = span.start, span.end
    doc = span.doc
    if span.label_ in ("ORG", "PERSON") and span.ent_id_ and span.ent_id_ != "watchlist":
        for i in range(start + 1, end):
            t = doc[i]
            member = t.lower_ in lexicon().words("member_nouns") and span.ent_id_ in ("province-lc", "abu-name")
            if t.pos_ in TRIM_POS and t.lower_ not in NAME_PARTICLES or member:
                end = i
                break
    if span.ent_id_ == "abu-name":
        end = _two_words(doc, start, end)
    while start < end and (doc[start].lower_ in ("pro", "-", "the", "a", "an", "'", '"', "of", "for") or doc[start].is_space):
        start += 1
    roles = lexicon().words("group_roles")
    while end - 1 > start and span.label_ == "ORG" and doc[end - 1].is_lower and doc[end - 1].lower_ in roles:
        end -= 1  # "the Tebu Desert Shield militia": the name
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ == "'s"
                           or doc[end - 1].pos_ == "ADP" and doc[end - 1].lower_ not in NAME_PARTICLES):
        end -= 1
    return start, end


def _two_words(doc: Any, start: int, end: int) -> int:
    """"Abu X al-Y" keeps two words after Abu (one more per further "al-" name: "Abu Hafs
    al-Hashimi al-Qurashi"), so a title-case headline does not run on."""
    words, limit = 0, 2
    for i in range(start + 1, end):
        joined = doc[i].text in ("-", "'") or doc[i - 1].text in ("-", "'") and not doc[i - 1].whitespace_
        if not joined:
            words += 1
            limit += doc[i].lower_ in ("al", "el") and words > 2
            if words > limit:
                return i
    return end


def _expand(doc: Any, start: int, end: int, label: str) -> tuple[int, int, str | None]:
    """Grow a span to the whole actor: "the Malian army", "the Islamic State in Mozambique"."""
    lex = lexicon()
    national = label == "NORP" or doc[start:end].text.lower() in lex.demonyms
    if national and end < len(doc) and doc[end].ent_iob_ == "B" and doc[end].ent_type_ == "ORG":
        j = end + 1
        while j < len(doc) and doc[j].ent_iob_ == "I":
            j += 1
        return start, j, "group"  # "the Afghan Taliban", "the Pakistani Taliban": one group
    if label in ("NORP", "GPE") and end < len(doc):
        t = doc[end - 1]
        while t.dep_ in ("amod", "compound", "nmod", "npadvmod") and t.i < t.head.i <= t.i + 3 and t.head.pos_ == "NOUN":
            t = t.head
            if t.lower_ in lex.words("people_heads") and not (t.dep_ == "compound" and t.head.i == t.i + 1 and t.head.lower_ in lex.words("people_heads")):
                break
        heads = lex.words("people_heads")
        j = t.i
        if any(w.lower_ not in heads and w.pos_ != "ADJ" for w in doc[end:j]):
            j = end
        if j >= end and doc[j].lower_ in heads:
            if j + 1 < len(doc) and doc[j + 1].ent_iob_ == "B" and doc[j + 1].ent_type_ in ("ORG", "PERSON"):
                return start, start, None  # "Iraqi militia Kataib Hezbollah": the name is the actor
            if start > 0 and doc[start - 1].lower_ == "the":
                start -= 1
            return start, j + 1, "state" if doc[j].lower_ in lex.words("state_organ_heads") else "group"
    if label in ("NORP", "GPE") and end < len(doc):
        nxt = doc[end]
        two = f"{nxt.lower_} {doc[end + 1].lower_}" if end + 1 < len(doc) else ""
        size = 2 if two in lex.words("state_organ_heads") else 1 if nxt.lower_ in lex.words("state_organ_heads") else 0
        if size:
            if start > 0 and doc[start - 1].lower_ == "the":
                start -= 1
            return start, end + size, "state"
    if label == "PERSON" and end < len(doc) and doc[end].lower_ in lex.words("namesake_heads") and doc[end - 1].head.i == end:
        return start, end + 1, "group"  # "the Haqqani network"
    if label in ("GPE", "LOC", "FAC", "PERSON", "NORP") and end < len(doc) and doc[end].lower_ in lex.words("place_nouns"):
        return start, end + 1, "place"
    if label == "ORG" and doc[end - 1].lower_ in lex.words("franchise_heads") and end + 1 < len(doc):
        if doc[end].lower_ == "in":
            j = end + 1 + (doc[end + 1].lower_ == "the")
            if j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].is_title and doc[j].ent_type_ in ("", "GPE", "LOC", "PERSON") and (
                    doc[j].ent_iob_ != "I" or doc[j - 1].lower_ == "the"):
                while j + 1 < len(doc) and doc[j].ent_type_ == "" and doc[j + 1].pos_ == "PROPN" and doc[j + 1].is_title:
                    j += 1  # "the Arabian Peninsula", "the Sahel" where the tagger saw no place
                if doc[j].ent_type_ not in ("GPE", "LOC"):
                    return start, j + 1, None
                while j < len(doc) and doc[j].ent_iob_ in ("B", "I") and doc[j].ent_type_ in ("GPE", "LOC"):
                    j += 1
                    if j < len(doc) and doc[j].ent_iob_ != "I":
                        break
                return start, j, None
    return start, end, None


def _is_concept(doc: Any, start: int) -> bool:
    """A name introduced as a principle, doctrine or slogan, or glossed in parentheses."""
    concepts = lexicon().words("concept_nouns")
    i, seen = start - 1, 0
    while i >= 0 and seen < 1:
        t = doc[i]
        if t.lemma_.lower() in concepts:
            return True
        if not (t.is_punct or t.is_space or t.pos_ in ("DET", "ADP")):
            seen += 1
        i -= 1
    if start > 1 and doc[start - 1].text == "(" and doc[start - 2].pos_ == "NOUN":
        return any(t.lemma_.lower() in concepts for t in doc[max(0, start - 12):start])
    return False


def _kind(text: str, label: str, ruler_id: str) -> str | None:
    lex = lexicon()
    lower = text.lower()
    if lower in lex.stoplist:
        return None
    if lower in watchlist_index() or ruler_id in ("watchlist", "wilayat", "province", "province-lc", "named-unit"):
        return "group"
    if label in ("PERSON", "ORG", "GPE") and lex.is_state(text):
        return "state"
    if len(text) > 2 and text.replace("-", "").isalpha() and text.isupper():
        return "group"  # an acronym the tagger took for a place or a person: "SPLA-IO"
    if ruler_id == "abu-name" or label == "PERSON":
        return "person"
    if label == "ORG":
        return "state" if lex.is_state(text) else "group"
    if label == "GPE":
        return "state" if lex.is_state(text) else "place"
    if label in ("LOC", "FAC"):
        return "place"
    return None


def paragraph_actors(doc: Any, offset: int) -> Paragraph:
    """The actor mentions of one parsed paragraph (offset = its start in the document text)."""
    para = Paragraph(doc, offset)
    lowered = doc.text.lower()
    if len(doc) < 60 and any(b in lowered for b in lexicon().words("boilerplate")):
        para.index()
        return para
    taken: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS or ent.start in taken:
            continue
        start, end = _trim(ent)
        if end <= start:
            continue
        start, end, forced = _expand(doc, start, end, ent.label_)
        if end <= start or any(i in taken for i in range(start, end)):
            continue
        span = doc[start:end]
        kind = forced or _kind(span.text, ent.label_, ent.ent_id_)
        if kind is None:
            continue
        if kind not in ("state",) and ent.ent_id_ != "watchlist" and _is_concept(doc, start):
            para.concepts.add(span.text.lower())
            continue
        if kind in ("group", "place") and ent.ent_id_ not in ("watchlist", "named-unit", "wilayat", "province") and titled(doc, start, end):
            kind = "person"
        elif kind == "person" and ent.ent_id_ != "abu-name" and titled(doc, start, end, "group_roles"):
            kind = "group"
        taken.update(range(start, end))
        para.mentions.append(ActorSpan(start, end, kind, ent.ent_id_ or ent.label_, span.text,
                                       span.start_char, span.end_char, head=span.root.i))
    whole_names(para)
    taken = {i for m in para.mentions for i in range(m.start, m.end)}
    unnamed_people(para, taken)
    named_areas(para, taken)
    unnamed_organs(para, taken)
    national_organs(para, taken)
    acronyms(para, taken)
    universal_mentions(para, taken)
    drop_titles(para)
    para.index()
    _places_by_position(para)
    return para


def _places_by_position(para: Paragraph) -> None:
    """A tagger's person or organisation that is coordinated with a place ("in Rutshuru and
    Walikale") or sits where people never do ("near Lubero") is a place."""
    doc = para.doc
    taken = {i for m in para.mentions for i in range(m.start, m.end)}
    for m in list(para.mentions):
        if m.kind == "place":
            for c in doc[m.head].conjuncts:
                if c.i not in taken and c.pos_ == "PROPN" and c.is_title:
                    taken.add(c.i)
                    para.mentions.append(ActorSpan(c.i, c.i + 1, "place", "GPE", c.text, c.idx, c.idx + len(c.text), head=c.i))
        if m.kind not in ("group", "person") or m.label not in ("ORG", "PERSON"):
            continue
        t = doc[m.head]
        partner = para.mention_at(t.head.i) if t.dep_ == "conj" else None
        if partner is not None and partner.kind == "place" and " " not in m.text:
            m.kind = "place"
        elif m.kind == "person" and t.dep_ == "pobj" and t.head.lower_ in ("in", "near", "around", "outside", "inside", "across"):
            m.kind = "place"
        elif t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ in lexicon().words("place_nouns"):
            m.kind = "place"  # "the town of Adan Yabaal"
    para.index()


def harmonise(paras: list[Paragraph]) -> None:
    """One sense per document: a name seen as a group anywhere is a group everywhere; a short
    form of a person's full name is that person; a name once seen as a doctrine is dropped."""
    concepts = {c for p in paras for c in p.concepts}
    groups = {m.text.lower() for p in paras for m in p.mentions if m.kind == "group"}
    surnames = _word_suffixes(m.text.lower() for p in paras for m in p.mentions if m.kind == "person" and " " in m.text)
    previous: list[ActorSpan] = []
    for p in paras:
        for m in p.mentions:
            lower = m.text.lower()
            if m.kind in ("place", "state", "person") and lower in groups and m.label != "abu-name":
                m.kind = "group"
            elif m.kind in ("group", "place") and m.label != "watchlist" and lower in surnames:
                m.kind = "person"
        p.mentions = [m for m in p.mentions if m.text.lower() not in concepts]
        p.context = previous
        previous = (previous + [m for m in p.mentions if m.label != "ref"])[-30:]
        known = {m.text: m for q in paras for m in q.mentions if m.kind in ("group", "person")}
        _add_repeats(p, dict(sorted(known.items(), key=lambda item: -len(item[0]))))
        p.index()
    voice = _voice(paras)
    for p in paras:
        p.voice = voice


def _word_suffixes(names) -> set[str]:
    """Every ending of these names that starts after a space ("ag elkhair", "elkhair" of "moussa ag
    elkhair"): a set, so a long document checks each mention once, not against every full name."""
    return {name[i + 1:] for name in set(names) for i, char in enumerate(name) if char == " "}


def _voice(paras: list[Paragraph]) -> ActorSpan | None:
    """Who "we" and "our" are in a statement or a channel post: the first group the text has speak
    ("The Kora Liberation Front categorically denies ..."), else the first group it names."""
    speech = lexicon().words("speech_verbs")
    groups = [(p, m) for p in paras for m in p.mentions if m.kind == "group" and m.label != "ref"]
    for p, m in groups:
        token = p.doc[m.head if m.head >= 0 else m.end - 1]
        if token.dep_ == "nsubj" and token.head.lemma_.lower() in speech:
            return m
    return groups[0][1] if groups else None


def _add_repeats(para: Paragraph, known: dict[str, ActorSpan]) -> None:
    """Mentions for other occurrences of a group or person the document names ("ISIS Sinai" also
    finds "ISIS-Sinai")."""
    text = para.doc.text
    taken = {i for m in para.mentions for i in range(m.start, m.end)}
    variants = [(v, m) for name, m in known.items() for v in dict.fromkeys([name, name.replace(" ", "-")])]
    for name, model in variants:
        if len(name) < 3:
            continue
        pos = text.find(name)
        while pos >= 0:
            span = para.doc.char_span(pos, pos + len(name))
            if span is not None and not any(i in taken for i in range(span.start, span.end)):
                taken.update(range(span.start, span.end))
                para.mentions.append(ActorSpan(span.start, span.end, model.kind, model.label, span.text,
                                               span.start_char, span.end_char, head=span.root.i))
            pos = text.find(name, pos + len(name))
