"""Mentions the tagger misses or gets wrong: people named beside a role, places named with an
area noun, state organs named without their state, and offices standing as titles before a name."""

from __future__ import annotations

from typing import Any

from tiewatch.extract.lexicon import lexicon
from tiewatch.extract.paragraph import ActorSpan, Paragraph


def titled(doc: Any, start: int, end: int, roles: str = "person_roles") -> bool:
    """A name after a title ("Colonel X") or in apposition with a person's role ("X, a member of");
    with roles="group_roles", in apposition with a group's ("X, a front of Y")."""
    lex = lexicon()
    if roles == "person_roles" and start > 0 and doc[start - 1].lower_ in lex.words("person_titles"):
        return True
    root = doc[start:end].root
    linked = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
    if root.dep_ in ("nsubj", "nsubjpass"):
        verbs = [root.head, *(c for c in root.head.children if c.dep_ == "xcomp")]
        linked += [c for v in verbs for c in v.children if c.dep_ == "attr"]
    return any(t.lemma_.lower() in lex.words(roles) for t in linked)


def named_areas(para: Paragraph, taken: set[int]) -> None:
    """"the Itombwe plateau", "Ancuabe district": a name before an area noun is a place."""
    doc = para.doc
    areas = lexicon().words("place_nouns")
    for t in doc:
        if t.lower_ not in areas or t.i in taken or t.pos_ != "NOUN":
            continue
        names = [c for c in t.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.is_title and c.i not in taken]
        if names:
            span = doc[min(c.i for c in names):t.i + 1]
            taken.update(range(span.start, span.end))
            para.mentions.append(ActorSpan(span.start, span.end, "place", "LOC", span.text, span.start_char, span.end_char, head=t.i))


def drop_titles(para: Paragraph) -> None:
    """"[Egyptian President] Al-Sisi", "Russian Deputy Defence Minister X": an office right before
    a person's name is that person's title, not a second actor."""
    para.mentions.sort(key=lambda m: m.start)
    doc, drop = para.doc, set()
    for n, (m, nxt) in enumerate(zip(para.mentions, para.mentions[1:])):
        if m.kind == "state" and nxt.kind == "person" and all(t.is_space or t.is_punct and t.text != "," for t in doc[m.end:nxt.start]):
            drop.add(n)
    para.mentions = [m for n, m in enumerate(para.mentions) if n not in drop]


def unnamed_organs(para: Paragraph, taken: set[int]) -> None:
    """"government forces", "security forces": a state's organ though no state is named."""
    doc = para.doc
    organs = lexicon().words("unnamed_state_organs")
    for t in doc[1:]:
        if f"{doc[t.i - 1].lower_} {t.lower_}" in organs and t.i not in taken and t.i - 1 not in taken:
            span = doc[t.i - 1:t.i + 1]
            taken.update((t.i - 1, t.i))
            para.mentions.append(ActorSpan(span.start, span.end, "state", "organ", span.text, span.start_char, span.end_char, head=t.i))


def unnamed_people(para: Paragraph, taken: set[int]) -> None:
    """Runs of capitalised names the tagger left out, kept as people when a role or title says so:
    "Ibrahim Dheere is the deputy leader of ...", "Amadou Ag Intalla, the commander of ..."."""
    doc = para.doc
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j not in taken and (doc[j].pos_ == "PROPN" and doc[j].is_title or j > i and doc[j].text in ("-", "al", "bin", "ibn", "Ag", "ag")):
            j += 1
        while j > i and not doc[j - 1].is_title:
            j -= 1
        if j - i >= 2 and titled(doc, i, j):
            span = doc[i:j]
            taken.update(range(i, j))
            para.mentions.append(ActorSpan(i, j, "person", "PERSON", span.text, span.start_char, span.end_char, head=span.root.i))
        i = max(j, i + 1)


def acronyms(para: Paragraph, taken: set[int]) -> None:
    """"CODECO", "TTP": an upper-case acronym the tagger left out is a group (a state when it names one)."""
    lex = lexicon()
    skip = lex.words("not_actor_acronyms") | lex.stoplist
    for t in para.doc:
        text = t.text.strip(".")
        if (t.i in taken or not 3 <= len(text) <= 8 or not text.replace("-", "").isalpha() or not text.isupper()
                or t.pos_ not in ("PROPN", "NOUN") or text.lower() in skip or t.ent_type_ not in ("", "ORG")):
            continue
        taken.add(t.i)
        kind = "state" if lex.is_state(text) else "group"
        para.mentions.append(ActorSpan(t.i, t.i + 1, kind, "ORG", t.text, t.idx, t.idx + len(t.text), head=t.i))


def national_organs(para: Paragraph, taken: set[int]) -> None:
    """"Somali forces", "Burkinabe security forces": a nationality before a state organ that the
    tagger did not mark is that state's organ."""
    lex = lexicon()
    doc, heads = para.doc, lex.words("state_organ_heads")
    modifiers = heads | {"special", "armed", "national", "regular", "federal"}
    for t in doc:
        if t.lower_ not in lex.demonyms or t.i in taken:
            continue
        end = t.i + 1
        while end < len(doc) and end - t.i <= 3 and doc[end].lower_ in modifiers and end not in taken:
            end += 1
        while end > t.i + 1 and doc[end - 1].lower_ not in heads:
            end -= 1
        if end > t.i + 1:
            start = t.i - (t.i > 0 and doc[t.i - 1].lower_ == "the")
            span = doc[start:end]
            taken.update(range(start, end))
            para.mentions.append(ActorSpan(start, end, "state", "NORP", span.text, span.start_char, span.end_char, head=end - 1))
