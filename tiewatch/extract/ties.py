"""Noun rules: ties said with nouns rather than verbs.

- role nouns: "X's military wing", "the leader of X", "X, the leader of Y", "X spokesman Y",
  "X commander Y", "Y is a member of X", "served as commander of X";
- relation nouns: "cooperation between X and Y", "X's ties with Y", "X maintains ties with Y",
  "support for X from Y";
- "X-backed Y", "pro-X Y", and judgements ("declared X apostates", "treats X as apostates").
"""

from __future__ import annotations

from typing import Any, Iterator

from tiewatch.extract.actors import ActorSpan, Paragraph
from tiewatch.extract.lexicon import lexicon
from tiewatch.extract.rules import Found, actor, actors, is_passive, lex_symmetric, subject_tokens

RELATUM_PREPS = ("of", "for", "to", "within", "inside")
NAMING_VERBS = ("know", "call", "name", "dub", "style")
CIRCUMSTANCE_PREPS = ("after", "during", "amid", "following", "despite")
SIDE_B_PREPS = ("with", "to", "for", "against", "on", "of", "toward", "towards", "into", "upon", "over", "alongside")


def identity(para: Paragraph, n: Any, depth: int = 0) -> list[ActorSpan]:
    """The actors a role noun names: "Abu X, the leader of Y" -> Abu X."""
    if depth > 4:
        return []
    own = para.mention_at(n.i)
    if own and any(t.pos_ == "PROPN" for t in para.doc[own.start:own.end] if t.i != n.i):
        return [own]
    out: list[ActorSpan] = []
    elaborates = any(c.lower_ in ("particularly", "especially", "including", "notably", "namely") for c in n.children)
    if n.dep_ == "appos" and not elaborates:
        out += actors(para, n.head)
    for c in n.children:
        if c.dep_ == "appos":
            out += actors(para, c)
        if c.dep_ == "acl" and c.lemma_.lower() in NAMING_VERBS:  # "a faction known as Y"
            out += [a for p in c.children if p.dep_ == "prep" and p.lower_ == "as"
                    for o in p.children if o.dep_ == "pobj" for a in actors(para, o)]
        if c.dep_ == "prep":
            out += [a for o in c.children for p in o.children if p.dep_ == "appos"
                    for a in actors(para, p) if a.kind == "person"]
    if n.dep_ in ("compound", "nmod"):
        h = n.head
        while h.dep_ in ("compound", "nmod") and para.mention_at(h.i) is None:
            h = h.head
        if para.mention_at(h.i):  # "Wagner Group commanders A and B"
            out += actors(para, h)
    if n.dep_ == "attr":
        out += [a for t in subject_tokens(n.head) for a in actors(para, t)]
    if n.dep_ == "pobj" and n.head.lower_ == "as":
        verb = n.head.head
        held = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")] or subject_tokens(verb)
        out += [a for t in held for a in actors(para, t)]
    if n.dep_ == "pobj" and n.head.head.lemma_.lower() in lexicon().words("quantity_nouns"):
        out += identity(para, n.head.head, depth + 1)
    if n.dep_ == "conj" and not out:
        out += identity(para, n.head, depth + 1)
    return [m for i, m in enumerate(out) if all(m is not o for o in out[:i])]


def relatum(para: Paragraph, n: Any, exclude: list[ActorSpan]) -> list[ActorSpan]:
    """The group a role noun is "of": "X's wing", "ISIS leader", "member of X"."""
    out: list[ActorSpan] = []
    named = para.mention_at(n.i) is not None  # "Front" inside "Popular Front for ...": only X's counts
    for c in n.children:
        if c.dep_ in ("poss", "compound", "nmod") and c.i < n.i:
            out += actors(para, c)
        elif c.dep_ == "prep" and c.lower_ in RELATUM_PREPS and not named:
            out += [a for o in c.children if o.dep_ == "pobj" for a in actors(para, o)]
    own = para.mention_at(n.i)
    return [m for m in out if m is not own and all(m is not e for e in exclude)]


def _governing_verb(n: Any) -> Any | None:
    """The verb whose object (directly or through conjuncts, appositions and "including") is `n`."""
    h = n
    for _ in range(6):
        if h.dep_ in ("conj", "appos", "compound"):
            h = h.head
        elif h.dep_ == "pobj" and h.head.head.lemma_.lower() in ("responsibility", "credit", "blame"):
            h = h.head.head
        elif h.dep_ == "pobj" and h.head.lower_ in ("including", "like", "as", "such"):
            h = h.head.head
        elif h.dep_ == "pobj" and h.head.lower_ in CIRCUMSTANCE_PREPS and h.head.head.pos_ == "VERB":
            return h.head.head  # "seized the town after fierce fighting with X"
        elif h.dep_ in ("dobj", "attr", "nsubjpass") or h.dep_ == "pobj" and h.head.lower_ in ("at", "in", "into") and h.head.head.pos_ in ("VERB", "AUX"):
            verb = h.head if h.dep_ != "pobj" else h.head.head
            return verb if verb.pos_ in ("VERB", "AUX") else None
        else:
            return None
    return None


def relation_claims(para: Paragraph, n: Any, types: tuple[str, ...]) -> Iterator[Found]:
    lex = lexicon()
    kinds = [lex.noun_types[c.lemma_.lower()] for c in n.children
             if c.dep_ in ("compound", "amod") and c.i < n.i and c.lemma_.lower() in lex.noun_types]
    if kinds and all(lex_symmetric(t) for t in types):
        types = kinds[0]  # "the funding tie between X and Y", "a weapons link": the modifier names the tie
    side_a: list[ActorSpan] = []
    side_b: list[ActorSpan] = []
    givers: list[ActorSpan] = []
    between: list[ActorSpan] = []
    preps = [c for c in n.children if c.dep_ == "prep"]
    preps += [p for c in n.children if c.dep_ == "acl" and c.tag_ == "VBN" for p in c.children if p.dep_ in ("prep", "agent")]
    if n.dep_ == "nsubj" and n.head.lemma_.lower() in ("come", "arrive", "flow", "originate"):
        preps += [c for c in n.head.children if c.dep_ == "prep" and c.lower_ == "from"]
    for c in n.children:
        if c.dep_ in ("poss", "compound", "nmod") and c.i < n.i:
            side_a += actors(para, c)
    for c in preps:
        if c.lower_ in ("by", "from"):
            givers += [a for o in c.children if o.dep_ == "pobj" for a in actors(para, o)]
        elif c.lower_ in ("between", "among"):
            between += [a for o in c.children if o.dep_ == "pobj" for a in actors(para, o, split=True)]
        elif c.lower_ in SIDE_B_PREPS or "operates_in" in types and c.lower_ in lex.words("location_preps"):
            side_b += [a for o in c.children if o.dep_ == "pobj" for a in actors(para, o)]
            if c.lower_ == "of":
                side_b += [a for o in c.children for p in o.children if p.dep_ == "prep" and p.lower_ in SIDE_B_PREPS
                           for g in p.children if g.dep_ == "pobj" for a in actors(para, g)]
    if givers:
        side_a, side_b = givers, side_b or side_a
    verb = _governing_verb(n) if len(between) < 2 else None
    if verb is not None:
        idiom = lex.mapping("idioms").get(f"{verb.lemma_.lower()} {n.lemma_.lower()}", False)
        if idiom is None:
            return
        types = (idiom,) if idiom else types  # "cut its ties with X": no longer tied
        busy = verb.lemma_.lower() in lex.verb_types or verb.lemma_.lower() in lex.words("transfer_verbs")
        busy = busy and not (n.dep_ == "pobj" and n.head.lower_ in CIRCUMSTANCE_PREPS)
        if not side_b and not between and not busy:
            wanted = set(SIDE_B_PREPS) - {"of"} | (lex.words("location_preps") if "operates_in" in types else set())
            side_b = [a for c in verb.children if c.dep_ == "prep" and c.lower_ in wanted
                      for o in c.children if o.dep_ == "pobj" for a in actors(para, o)]
        if not side_a and not busy:
            subjects = [a for t in subject_tokens(verb) for a in actors(para, t)]
            if verb.lemma_.lower() in lex.words("reverse_light_verbs"):
                side_b = side_b or subjects
            else:
                side_a = subjects
    symmetric = all(lex_symmetric(t) for t in types)
    if symmetric and len(between) > 1 and not side_a:
        for i, a in enumerate(between):
            for b in between[i + 1:]:
                yield Found(a, b, types, f"noun:{n.lemma_.lower()}:between", n, 0.7)
        return
    if kinds and len(between) == 2 and not side_a:  # "the funding tie between X and Y": X gives, Y gets
        yield Found(between[0], between[1], types, f"noun:{n.lemma_.lower()}:between", n, 0.6)
        return
    side_b += between
    if symmetric and not side_b and len(side_a) > 1:
        side_a, side_b = side_a[:1], side_a[1:]
    for a in side_a:
        for b in side_b:
            if a is not b and a.name != b.name:
                yield Found(a, b, types, f"noun:{n.lemma_.lower()}", n, 0.65)


def noun_claims(para: Paragraph, sent: Any) -> Iterator[Found]:
    lex = lexicon()
    agents, resources = lex.words("agent_nouns"), lex.words("resource_nouns")
    for n in sent:
        if n.pos_ not in ("NOUN", "PROPN"):
            continue
        lemma = n.lemma_.lower()
        key = lemma if lemma in lex.noun_types else n.lower_
        if n.i > 1 and para.doc[n.i - 1].text == "-" and f"{para.doc[n.i - 2].lower_}-{n.lower_}" in lex.noun_types:
            key = f"{para.doc[n.i - 2].lower_}-{n.lower_}"
        types = lex.noun_types.get(key)
        if not types or key in resources:
            continue
        if key in agents:
            ids = identity(para, n)
            for s in ids:
                for o in relatum(para, n, ids):
                    if s.name != o.name:
                        yield Found(s, o, types, f"noun:{key}:role", n, 0.75)
        else:
            yield from relation_claims(para, n, types)


def modifier_claims(para: Paragraph, sent: Any) -> Iterator[Found]:
    """"X-backed Y" (X supports Y) and "pro-X Y" (Y supports X)."""
    participles = lexicon().mapping("hyphen_participles")
    doc = para.doc
    for t in sent:
        i = t.i
        if t.lower_ in participles and i >= 2 and doc[i - 1].text == "-":
            giver = para.mention_at(i - 2) or _nationality(para, doc[i - 2])
            if giver is None:
                continue
            where = participles[t.lower_] == "operates_in"  # "a UAE-based company": the company is there
            h = t.head if t.dep_ in ("amod", "compound", "npadvmod", "advmod") else t
            own = para.mention_at(h.i) or actor(para, h)  # "Turkey-backed factions of the SNA"
            targets = identity(para, h) or ([own] if own else [])
            for o in targets:
                if o is not giver:
                    yield Found(*((o, giver) if where else (giver, o)), (participles[t.lower_],), f"modifier:{t.lower_}", t, 0.7)
        elif t.lower_ == "pro" and i + 2 < len(doc) and doc[i + 1].text == "-":
            supported = para.mention_at(i + 2)
            if supported is None:
                continue
            h = doc[supported.head] if supported.head >= 0 else doc[i + 2]
            while h.i < len(doc) and para.mention_at(h.i) is supported and h.head.i != h.i:
                h = h.head
            backers = [o for o in identity(para, h) or actors(para, h) if o.name != supported.name]
            for o in backers or _apposed(para, h):
                yield Found(o, supported, ("supports",), "modifier:pro", t, 0.7)


def _apposed(para: Paragraph, h: Any) -> list[ActorSpan]:
    """A name set off by a comma right after a noun phrase that the parser did not attach as an
    apposition ("a group of pro-X activists in Gaza, Y, which ..."): Y."""
    doc = para.doc
    for t in doc[h.i + 1:h.sent.end]:
        if t.pos_ in ("VERB", "AUX"):
            return []
        if t.text == ",":
            named = para.mention_at(t.i + 1) if t.i + 1 < len(doc) else None
            return [named] if named is not None and named.start == t.i + 1 and named.kind in ("group", "person") else []
    return []


def _nationality(para: Paragraph, t: Any) -> ActorSpan | None:
    if t.ent_type_ in ("NORP", "GPE"):
        return ActorSpan(t.i, t.i + 1, "state", t.ent_type_, t.text, t.idx, t.idx + len(t.text), head=t.i)
    return None


def judgement_claims(para: Paragraph, sent: Any) -> Iterator[Found]:
    """"ISIS declared Hamas apostates", "treats Hamas as apostates", "considers Hamas to be an
    apostate movement": the judge denounces the judged."""
    lex = lexicon()
    labels = {c.lower() for c in lex.noun_types if "denounces" in lex.noun_types[c]} | lex.words("judgement_labels")
    for v in sent:
        if v.lemma_.lower() not in lex.words("judgement_verbs") or v.pos_ != "VERB" or is_passive(v):
            continue
        judged: list[Any] = [c for c in v.children if c.dep_ == "dobj"]
        complements: list[Any] = [c for c in v.children if c.dep_ in ("oprd", "attr", "xcomp", "ccomp")]
        complements += [c for c in v.children if c.dep_ == "advcl" and c.lemma_ == "be"]
        complements += [o for c in sent if c.i > v.i and c.lower_ == "as" for o in c.children if o.dep_ == "pobj"]
        for comp in list(complements):
            judged += [c for c in comp.children if c.dep_ == "nsubj"]
            complements += [c for c in comp.children if c.dep_ in ("attr", "acomp", "oprd")]
        words = {w.lemma_.lower() for c in complements + judged for w in [c, *c.children]} | {
            w.lemma_.lower() for j in judged for w in j.children if w.dep_ in ("appos", "oprd")}
        if not words & labels:
            continue
        subjects = [a for t in subject_tokens(v) for a in actors(para, t)]
        targets = [a for j in judged for a in actors(para, j)] or [
            a for j in judged for c in j.children if c.dep_ == "compound" for a in actors(para, c)]
        for target in targets:
            for s in subjects:
                if s.name != target.name:
                    yield Found(s, target, ("denounces",), f"judgement:{v.lemma_.lower()}", v, 0.7)


def possessive_claims(para: Paragraph, sent: Any) -> Iterator[Found]:
    """"al-Shabaab's Amniyat", "JNIM's Katiba Hanifa", "Hizballah's Financial Unit", "the group's
    Jaysh Ayman unit": a group owned by a group is part of it."""
    lex = lexicon()
    units = lex.words("agent_nouns") & lex.words("group_roles")
    for m in list(para.mentions):
        if m.kind != "group" or m.label == "ref" or not sent.start <= m.head < sent.end:
            continue
        t = para.doc[m.head]
        while t.dep_ in ("compound", "nmod") and t.head.lower_ in units and para.mention_at(t.head.i) is None:
            t = t.head
        for c in t.children:
            if c.dep_ == "poss":
                for owner in actors(para, c):
                    if owner.kind == "group" and owner.name != m.name:
                        yield Found(m, owner, ("part_of",), "possessive", t, 0.6)


def haven_claims(para: Paragraph, sent: Any) -> Iterator[Found]:
    """"Niamey allowed X to use its territory", "will not let X use Afghan soil": a safe haven."""
    lex = lexicon()
    for v in sent:
        if v.lemma_.lower() not in lex.words("permission_verbs") or v.pos_ != "VERB":
            continue
        uses = [c for c in v.children if c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() == "use"
                and any(o.dep_ == "dobj" and o.lemma_.lower() in lex.words("territory_nouns") for o in c.children)]
        guests = [c for c in v.children if c.dep_ == "dobj"] + [s for u in uses for s in u.children if s.dep_ == "nsubj"]
        for host in (a for t in subject_tokens(v) for a in actors(para, t)) if uses else ():
            for guest in (a for g in guests for a in actors(para, g)):
                if guest.name != host.name:
                    yield Found(host, guest, ("provides_safe_haven",), "haven:use", v, 0.7)


def location_claims(para: Paragraph, sent: Any) -> Iterator[Found]:
    """"the Ahl al-Sahil Movement in Ancuabe district": a group named with where it is."""
    lex = lexicon()
    preps = lex.words("location_preps")
    heads = lex.words("group_roles") | lex.words("member_nouns")
    for m in list(para.mentions):
        if m.kind != "group" or not sent.start <= m.head < sent.end:
            continue
        t = para.doc[m.head]
        while t.dep_ in ("compound", "nmod") and t.head.pos_ == "NOUN" and t.head.lower_ in heads:
            t = t.head  # "the Tebu Desert Shield militia in Murzuq", "Hurras al-Din cells in Idlib"
        for prep in t.children:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                for o in prep.children:
                    for place in actors(para, o) if o.dep_ == "pobj" else []:
                        if place.kind == "place":
                            yield Found(m, place, ("operates_in",), "location", prep, 0.6)
