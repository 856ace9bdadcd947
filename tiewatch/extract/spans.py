"""Whole names: mend the spans the tagger cuts or over-extends, before mentions are indexed.

- an unbalanced bracket is not part of a name: "Office of Foreign Assets Control (OFAC" is cut
  before the "(" (the acronym in it is found by the acronym pass);
- an institutional name the tagger split at an inner "of" is one name: "the U.S. Department" +
  "of the" + "Treasury" -> "U.S. Department of the Treasury" (the first part must end in one of
  `institution_heads` of the lexicon, the second be a named actor right after "of" or "of the");
- a franchise name the tagger split at "in (the)" is one name when the tagger took the second part
  for a group: "al-Qa'ida" + "in the" + "Islamic Maghreb";
- a group name and a unit name joined only by a spaced dash are one name: "Popular Front for the
  Liberation of Palestine – General Command" (the second part ends in an institutional head or
  "faction"; "Hamas – Fatah talks" stays two).

Each repair keeps the first part's kind and label, and its offsets cover the whole name.
"""

from __future__ import annotations

from typing import Any

from tiewatch.extract.lexicon import lexicon
from tiewatch.extract.paragraph import ActorSpan, Paragraph

DASHES = {"-", "\u2013", "\u2014"}


def whole_names(para: Paragraph) -> None:
    """Mend every mention of the paragraph in place (see the module docstring)."""
    para.mentions = [m for m in (_balanced(para.doc, m) for m in para.mentions) if m is not None]
    para.mentions.sort(key=lambda m: m.start)
    para.mentions = _joined(para.doc, para.mentions)


def _span(doc: Any, start: int, end: int, model: ActorSpan) -> ActorSpan:
    span = doc[start:end]
    return ActorSpan(start, end, model.kind, model.label, span.text, span.start_char, span.end_char,
                     canonical=model.canonical, head=span.root.i, offset=model.offset)


def _balanced(doc: Any, m: ActorSpan) -> ActorSpan | None:
    tokens = [t.text for t in doc[m.start:m.end]]
    if "(" in tokens and ")" not in tokens[tokens.index("("):]:
        end = m.start + tokens.index("(")
        while end > m.start and (doc[end - 1].is_space or doc[end - 1].is_punct):
            end -= 1
        return _span(doc, m.start, end, m) if end > m.start else None
    if ")" in tokens and "(" not in tokens[:tokens.index(")")]:
        start = m.start + tokens.index(")") + 1
        return _span(doc, start, m.end, m) if start < m.end else None
    return m


def _link(doc: Any, a: ActorSpan, b: ActorSpan) -> bool:
    """Whether the words between two mentions make them one name."""
    gap = [t.lower_ for t in doc[a.end:b.start]]
    if a.kind not in ("group", "state") or b.kind == "person":
        return False
    if gap in (["of"], ["of", "the"]) and doc[a.end - 1].lower_ in lexicon().words("institution_heads"):
        return True
    if gap in (["in"], ["in", "the"]) and doc[a.end - 1].lower_ in lexicon().words("franchise_heads") and b.kind == "group":
        return True  # "al-Qa'ida in the Islamic Maghreb", where the tagger made a group of the region
    spaced = b.start == a.end + 1 and doc[a.end].whitespace_ and doc[a.end - 1].whitespace_
    unit = doc[b.end - 1].lower_ in lexicon().words("institution_heads") | {"faction"}  # "– General Command", not "– Fatah"
    return len(gap) == 1 and gap[0] in DASHES and bool(spaced) and a.kind == b.kind == "group" and unit


def _joined(doc: Any, mentions: list[ActorSpan]) -> list[ActorSpan]:
    out: list[ActorSpan] = []
    for m in mentions:
        if out and m.start > out[-1].start and _link(doc, out[-1], m):
            out[-1] = _span(doc, out[-1].start, m.end, out[-1])
        else:
            out.append(m)
    return out


LINK_WORDS = {"of", "the", "and", "for", "in", "de", "la", "y", "wa", "wal"}


def _initials(name: str) -> set[str]:
    """The acronyms a name can have: of its capitalised words ("Asa'ib Ahl al-Haqq" -> AAH), or of
    every word but the linking ones ("al-Nusrah Front" -> ANF)."""
    words = name.replace("-", " ").split()
    capitalised = "".join(w[0] for w in words if w[:1].isupper() or w[:1].isdigit())
    every = "".join(w[0] for w in words if w.lower() not in LINK_WORDS)
    return {capitalised.upper(), every.upper()}


def define_acronyms(paras: list[Paragraph]) -> None:
    """"the Coast Army (CA) ... the CA fought": an acronym a document defines in brackets after a
    name names that actor everywhere in the document, so each later bare use carries the full name
    as its canonical form (and "CA" beside "Coast Army" is one actor, not two)."""
    defined: dict[str, ActorSpan] = {}
    for para in paras:
        doc = para.doc
        for m in para.mentions:
            if m.label == "ref" or m.end + 2 >= len(doc) or doc[m.end].text != "(" or doc[m.end + 2].text != ")":
                continue
            acronym = doc[m.end + 1].text
            if m.kind in ("group", "state") and acronym not in m.text and same_by_acronym(acronym, m.name):
                defined.setdefault(acronym, m)
    if not defined:
        return
    for para in paras:
        for m in para.mentions:
            full = defined.get(m.text)
            if full is not None and m.canonical is None and m is not full and m.label != "watchlist":
                m.canonical = full.name
                m.kind = full.kind
        taken = {i for m in para.mentions for i in range(m.start, m.end)}
        added = [t for t in para.doc if t.text in defined and t.i not in taken]
        for t in added:  # a later bare use the tagger did not take for a name
            full = defined[t.text]
            para.mentions.append(ActorSpan(t.i, t.i + 1, full.kind, "ORG", t.text, t.idx, t.idx + len(t.text),
                                           canonical=full.name, head=t.i, offset=para.offset))
        if added:
            para.index()


def same_by_acronym(a: str, b: str) -> bool:
    """"AAH" and "Asa'ib Ahl al-Haqq": an upper-case short name made of the other's initials."""
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if not (short.replace("-", "").isupper() and len(short) >= 2 and (" " in long_ or "-" in long_)):
        return False
    stripped = long_.replace("al-", "").replace("Al-", "")
    return short.replace("-", "") in _initials(long_) | _initials(stripped)
