"""Verb rules over the dependency parse: who does what to whom, for every verb cue in the tie
vocabulary. Arguments are collected from the verb and from its objects ("supplied rifles to X"),
passives and "receive from" are turned the right way round, conjuncts on either side are expanded,
and the thing given ("weapons", "training") decides which tie a transfer verb makes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from tiewatch.extract.actors import ActorSpan, Paragraph
from tiewatch.extract.lexicon import lexicon

SUBJECT_DEPS = ("nsubj", "csubj")


@dataclass
class Found:
    """A candidate tie before kinds, polarity and claimant are settled."""

    subject: ActorSpan
    object: ActorSpan
    types: tuple[str, ...]
    rule: str
    cue: Any  # the token whose clause carries the tie
    confidence: float


def conjuncts(token: Any) -> list[Any]:
    return [token, *(c for c in token.conjuncts if c.i > token.i)]


def actor(para: Paragraph, t: Any, depth: int = 0) -> ActorSpan | None:
    """The actor a token stands for: its own mention, a back-reference, or the group of a member
    noun ("ISIS fighters", "instructors from X", "members of X")."""
    found = para.mention_at(t.i)
    if found and t.dep_ == "appos" and not any(w.pos_ == "PROPN" for w in para.doc[found.start:found.end]):
        named = para.mention_at(t.head.i)
        if named is not None and named.kind == found.kind:
            return named
    if found or depth > 3:
        return found
    lex = lexicon()
    if t.lower_ in lex.words("relative_pronouns") and t.head.dep_ in ("relcl", "acl"):
        return actor(para, t.head.head, depth + 1)
    ref = para.refer(t)
    if ref:
        return ref
    if t.pos_ not in ("NOUN", "PROPN"):
        return None
    if t.dep_ == "appos" and t.pos_ == "NOUN":  # "X, a militia that ...": X
        named = actor(para, t.head, depth + 1)
        if named is not None:
            return named
    if t.lower_ in lex.words("group_roles"):  # "the Ahl al-Sunna insurgent group"
        compounds = [para.mention_at(c.i) for c in reversed(list(t.lefts)) if c.dep_ in ("compound", "nmod")]
        nearest = next((m for m in compounds if m is not None), None)
        between = para.doc[nearest.end:t.i] if nearest is not None else []
        if nearest is not None and nearest.kind == "group" and all(w.dep_ in ("compound", "amod") and w.pos_ != "PROPN" for w in between):
            return nearest
    owned = any(c.dep_ in ("compound", "poss", "nmod", "amod") and para.mention_at(c.i) for c in t.children)
    if not owned and t.lower_ in lex.words("state_organ_heads") | lex.words("office_nouns"):
        organ = _organ_of(para, t)
        if organ is not None:
            return organ
    people = lex.words("member_nouns") | lex.words("people_heads") | lex.words("agent_nouns")
    if t.pos_ == "NOUN" and t.lower_ not in people and t.lemma_.lower() not in people:
        return None
    for c in t.children:
        if c.dep_ in ("compound", "nmod", "amod", "poss") and c.i < t.i:
            found = para.mention_at(c.i) or (para.refer(c) if c.dep_ == "poss" else None) or next(
                (para.mention_at(k.i) for k in c.children if k.dep_ == "compound" and para.mention_at(k.i)), None)
            if found and found.kind in ("group", "state", "person"):
                return _branch(para, t, found) or found
    if t.lower_ in lex.words("member_nouns") or t.lemma_.lower() in lex.words("member_nouns"):
        for prep in t.children:
            if prep.dep_ == "poss" and prep.lower_ == "whose" and t.head.dep_ in ("relcl", "acl"):
                return actor(para, t.head.head, depth + 1)  # "X, a network whose members trained"
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "with"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return actor(para, obj, depth + 1)
    return None


def _branch(para: Paragraph, t: Any, parent: ActorSpan) -> ActorSpan | None:
    """"ISIS fighters in Sinai" where the document names "ISIS Sinai": that branch."""
    for prep in t.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for place in prep.children:
                wanted = f"{parent.name} {place.text}".lower()
                if any(m.name.lower() == wanted and m.kind == "group" for m in [*para.mentions, *para.context]):
                    span = para.doc[min(parent.start, t.i):place.i + 1]
                    return ActorSpan(span.start, span.end, "group", "branch", span.text, span.start_char,
                                     span.end_char, canonical=f"{parent.name} {place.text}", head=t.i)
    return None


def _organ_of(para: Paragraph, t: Any) -> ActorSpan | None:
    """"Authorities in Bamako", "police in Srinagar": a state organ; "the governor of Gao": its officer."""
    for prep in t.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "of"):
            for place in prep.children:
                found = para.mention_at(place.i) if place.dep_ == "pobj" else None
                office = t.lower_ in lexicon().words("office_nouns")
                if found is not None and (found.kind in ("state", "place") or office and found.kind == "person"):
                    start = min(w.i for w in t.subtree if w.dep_ != "det" or w.i == t.i)
                    span = para.doc[start:found.end]
                    kind = "person" if office else "state"
                    return ActorSpan(span.start, span.end, kind, "organ", span.text, span.start_char, span.end_char, head=t.i)
    return None


def actors(para: Paragraph, t: Any, split: bool = False) -> list[ActorSpan]:
    """The actors of a token and of its conjuncts ("Hamas and Al-Qassam"); `split`: also those
    conjoined to any token of its name, for names the parser split ("between X and Y")."""
    out = []
    listed = conjuncts(t)
    own = para.mention_at(t.i) if split else None
    if own is not None:
        listed += [c for w in para.doc[own.start:own.end] if w.i != t.i for c in conjuncts(w)[1:]]
    for c in list(listed):
        listed += [a for a in c.children if a.dep_ == "appos" and para.mention_at(a.i) for a in conjuncts(a)]
    lex = lexicon()
    for c in list(listed):
        if c.pos_ == "NOUN":
            listed += [m for k in c.children if k.dep_ in ("compound", "nmod") and k.i < c.i for m in k.conjuncts]
    for c in listed:
        found = actor(para, c)
        if found is None and c.pos_ == "NOUN" and any(p.lower_ == "including" for p in c.children):
            out += [a for p in c.children if p.lower_ == "including" for o in p.children if o.dep_ == "pobj" for a in actors(para, o)]
        elif found is None and c.lemma_.lower() in lex.words("place_nouns") | lex.words("quantity_nouns"):
            out += [a for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                    for o in p.children if o.dep_ == "pobj" for a in actors(para, o)]
        elif found and all(found is not o for o in out):
            out.append(found)
    return out


def is_passive(v: Any) -> bool:
    own_subject = any(c.dep_ in ("nsubj", "aux") for c in v.children)  # "evidence that X had armed Y"
    return any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in v.children) or (v.dep_ == "acl" and v.tag_ == "VBN" and not own_subject)


def subject_tokens(v: Any, depth: int = 0) -> list[Any]:
    """Tokens standing for who does `v`, inherited from the governing clause when `v` has none."""
    if is_passive(v):
        return [p for c in v.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    found = [c for c in v.children if c.dep_ in SUBJECT_DEPS]
    if found or depth > 3:
        return found
    head = v.head
    if v.dep_ == "xcomp" and is_passive(head):
        return [c for c in head.children if c.dep_ == "nsubjpass"]
    if v.dep_ == "conj" or v.dep_ in ("xcomp", "advcl") and head.pos_ in ("VERB", "AUX"):
        return subject_tokens(head, depth + 1)
    if v.dep_ == "relcl" or v.dep_ == "acl" and v.tag_ == "VBG":
        return [head]
    if v.dep_ == "acomp":
        return subject_tokens(head, depth + 1)
    if v.dep_ == "amod" and v.pos_ == "ADJ" and head.i < v.i:
        return [head]
    if v.dep_ == "pcomp" and head.dep_ == "prep":
        verb = head.head
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        return objects or subject_tokens(verb, depth + 1)
    return []


def object_tokens(v: Any) -> Iterator[tuple[Any, str]]:
    """(token, how it attaches) for each argument on the receiving side of `v`."""
    if is_passive(v):
        patients = [c for c in v.children if c.dep_ == "nsubjpass"]
        if not patients and v.dep_ in ("advcl", "conj", "xcomp"):
            patients = [c for c in v.head.children if c.dep_ == "nsubjpass"]
        for c in patients:
            yield c, "patient"
        if v.dep_ in ("acl", "relcl") and not any(c.dep_ == "nsubjpass" for c in v.children):
            yield v.head, "patient"
    holders = [v, *(c for c in v.children if c.dep_ in ("prt", "advmod") or c.dep_ == "nsubjpass" and c.pos_ == "NOUN")]
    if v.dep_ == "acomp":
        holders.append(v.head)
    # "funded and armed X": X is the object of both; not "split from X and follows Y"
    shared = [] if any(c.dep_ in ("dobj", "prep", "dative") for c in v.children) else [
        o for c in v.children if c.dep_ == "conj" and c.pos_ == "VERB"
        and not any(k.dep_ in ("nsubj", "nsubjpass") for k in c.children)  # "..., and no one has met X": own clause
        for o in c.children if o.dep_ == "dobj"]
    for c in [*v.children, *shared]:
        if c.dep_ in ("dobj", "dative", "attr", "oprd") and c.pos_ != "ADP":
            yield c, c.dep_
            holders.extend(conjuncts(c))
        elif c.dep_ == "dative":
            holders.append(c)
    for h in holders:
        for prep in [p for c in h.children for p in ([c, *c.conjuncts] if c.dep_ == "prep" else [c])]:
            if prep.dep_ in ("prep", "dative", "agent") and prep.pos_ == "ADP" and not (h.i == v.i and prep.dep_ == "agent"):
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.lower_ == "behalf":  # "on behalf of X": for X
                        yield from ((o, "for") for p in obj.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj")
                    elif obj.dep_ == "pobj":
                        yield obj, prep.lower_ if prep.dep_ != "dative" else "to"
            if prep.dep_ == "prep" and prep.pos_ == "ADP":
                for grand in prep.children:
                    if grand.dep_ == "prep":
                        yield from ((o, grand.lower_) for o in grand.children if o.dep_ == "pobj")


def theme_lemmas(tokens: list[Any]) -> set[str]:
    """Words describing the thing given: the noun, its modifiers, conjuncts and "of" objects."""
    out: set[str] = set()
    for t in tokens:
        for c in conjuncts(t):
            out.update((c.lemma_.lower(), c.lower_))
            for m in c.children:
                if m.dep_ in ("compound", "amod", "nmod"):
                    out.update((m.lemma_.lower(), m.lower_))
                if m.dep_ == "prep" and m.lower_ == "of":
                    out.update(o.lemma_.lower() for o in m.children if o.dep_ == "pobj")
    return out


def verb_types(v: Any, themes: set[str], objects: list[tuple[Any, str]]) -> tuple[str, ...]:
    lex = lexicon()
    lemma = v.lemma_.lower()
    for obj, how in objects:
        idiom = lex.mapping("idioms").get(f"{lemma} {obj.lemma_.lower()}", False)
        if how == "dobj" and idiom is not False:
            return (idiom,) if idiom else ()
    own = lex.verb_types.get(lemma, ())
    by_theme = lex.theme_types(themes)
    both = tuple(t for t in own if t in by_theme)
    if both:
        return both
    if lemma in lex.words("transfer_verbs"):
        if by_theme:
            return tuple(by_theme)
        default = lex.mapping("theme_defaults").get(lemma)
        return (default,) if default else ()
    resource = set(lex.raw["theme_types"])
    if own and all(t in resource for t in own) and len(own) > 1:
        default = lex.mapping("theme_defaults").get(lemma)
        return (default,) if default else ()
    return own


def verb_claims(para: Paragraph, sent: Any) -> Iterator[Found]:
    lex = lexicon()
    reverse = lex.mapping("reverse_verbs")
    place_only = lex.words("place_preps") - {"to", "from", "into", "on"}
    for v in sent:
        if v.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        lemma = v.lemma_.lower()
        if lemma not in lex.verb_types and lemma not in lex.words("transfer_verbs") and lemma not in lex.words("merge_verbs"):
            continue
        objects = list(object_tokens(v))
        actor_objects = [(o, how) for o, how in objects if actors(para, o)]
        themes = theme_lemmas([o for o, how in objects if how in ("dobj", "with", "for", "patient") and not actor(para, o)])
        themes |= theme_lemmas([o for o, how in objects if how in ("dobj", "patient")])
        subjects = [a for t in subject_tokens(v) for a in actors(para, t)]
        if v.tag_ in ("VBD", "VBZ", "VBP") and v.dep_ in ("amod", "compound", "nmod", "npadvmod"):
            yield from _linear(para, sent, v)
            continue
        if lemma in lex.words("merge_verbs"):
            if not subjects and v.dep_ in ("acl", "relcl"):  # "three groups, A, B and C, united under X"
                subjects = actors(para, v.head)
            yield from _merge(para, v, subjects, objects)
            continue
        types = verb_types(v, themes, objects)
        if types and v.dep_ == "xcomp" and v.head.lemma_.lower() in lex.verb_types and "threatens" in lex.verb_types[v.head.lemma_.lower()]:
            types = ("threatens",)
        if lemma in lex.words("judgement_verbs") and any(t.lower_ == "as" for t in [*v.subtree, *sent[v.i - sent.start:]]):
            continue
        if "leads" in types and any(how == "dobj" and not actors(para, o) for o, how in objects):
            types = tuple(t for t in types if t != "leads")  # "running fuel to X": one leads a group, not a thing
        if not types:
            continue
        givers = reverse.get(lemma)
        if lemma in lex.words("whole_verbs"):
            givers = {"dobj", "attr"}
        if not subjects and is_passive(v) and set(types) & lex.words("passive_subject_types"):
            patients = [o for o, how in objects if how == "patient"]
            subjects = [a for p in patients for a in actors(para, p)]
            actor_objects = [(o, how) for o, how in actor_objects if how != "patient"]
        if "denounces" in types:
            actor_objects = _perpetrators(objects) or actor_objects
        between = [a for o, how in objects if how in ("between", "among") for a in actors(para, o)]
        for n, a in enumerate(between):
            for b in between[n + 1:]:
                yield Found(a, b, tuple(t for t in types if lex_symmetric(t)) or types, f"verb:{lemma}:between", v, 0.7)
        emitted = False
        for obj, how in actor_objects:
            if how in place_only and "operates_in" not in types or how in ("between", "among"):
                continue
            if types == ("operates_in",) and how not in lex.words("location_preps"):
                continue
            kinds = types
            if how == "alongside" or how == "with" and lemma in ("fight", "battle"):
                kinds = ("cooperates_with",) if how == "alongside" else types
            elif "splinter_of" in types and how in ("to", "into"):
                kinds = ("part_of", "pledges_allegiance")
            for o in actors(para, obj):
                if givers and how in givers:
                    pairs = [(o, s) for s in subjects]
                else:
                    pairs = [(s, o) for s in subjects]
                for s, target in (distinct_ends(para, a, b) for a, b in pairs):
                    if s is not target and s.name != target.name:
                        emitted = True
                        yield Found(s, target, kinds, f"verb:{lemma}", v, 0.8)
        reciprocal = any(o.lower_ in ("other", "another") for o, how in objects)
        if reciprocal and len(subjects) > 1:
            types = ("cooperates_with",) if any(how == "alongside" for o, how in objects) else types
        coordinated = any(len(conjuncts(t)) > 1 or any(len(conjuncts(k)) > 1 for k in t.children if k.dep_ in ("compound", "nmod"))
                          for t in subject_tokens(v))
        if (not emitted or reciprocal) and len(subjects) > 1 and coordinated and any(lex_symmetric(t) for t in types):
            if "fights" in types and any(how in ("dobj", "against") for o, how in objects):
                types = ("cooperates_with",)  # "X and Y attacked a base": side by side, not at each other
            for n, a in enumerate(subjects):
                for b in subjects[n + 1:]:
                    yield Found(a, b, tuple(t for t in types if lex_symmetric(t)), f"verb:{lemma}:together", v, 0.7)


def distinct_ends(para: Paragraph, a: ActorSpan, b: ActorSpan) -> tuple[ActorSpan, ActorSpan]:
    """A back-reference that lands on the other end ("accused the army of torturing its
    supporters"): the actor before that one it can refer to."""
    if a.name == b.name:
        for ref, other, first in ((b, a, False), (a, b, True)):
            if ref.label == "ref" and ref.head >= 0:
                alt = para.refer(para.doc[ref.head], skip=other.name)
                if alt is not None and alt.name != other.name:
                    return (alt, other) if first else (other, alt)
    return a, b


def _perpetrators(objects: list[tuple[Any, str]]) -> list[tuple[Any, str]]:
    """"condemns the attack perpetrated by X against Y": X is condemned, not Y."""
    return [(p, "dobj") for o, how in objects if how == "dobj" for acl in o.children if acl.dep_ == "acl"
            for agent in acl.children if agent.dep_ == "agent" for p in agent.children if p.dep_ == "pobj"]


def lex_symmetric(type_name: str) -> bool:
    from tiewatch.model import vocabulary

    return vocabulary()[type_name].symmetric


def _merge(para: Paragraph, v: Any, subjects: list[ActorSpan], objects: list[tuple[Any, str]]) -> Iterator[Found]:
    """"A, B and C merged (to form D | into D)": each joins D; without a D they ally."""
    lex = lexicon()
    new: list[ActorSpan] = []
    for obj, how in objects:
        if how in ("into", "as", "under"):
            new.extend(actors(para, obj))
    for c in v.children:
        if c.dep_ in ("xcomp", "advcl", "conj") and c.lemma_.lower() in lex.words("form_verbs"):
            for o in c.children:
                if o.dep_ in ("dobj", "attr"):
                    new.extend(actors(para, o))
    partners = list(subjects) + [a for obj, how in objects if how == "with" for a in actors(para, obj)]
    if new:
        for s in partners:
            for d in new:
                if s is not d:
                    yield Found(s, d, ("part_of",), "verb:merge:into", v, 0.8)
        return
    for n, a in enumerate(partners):
        for b in partners[n + 1:]:
            yield Found(a, b, ("cooperates_with",), "verb:merge:with", v, 0.7)


def _linear(para: Paragraph, sent: Any, v: Any) -> Iterator[Found]:
    """A finite cue verb the parser took for a modifier ("the Houthis smuggled drone engines for
    Hizballah"): the nearest actor before it does the deed to the nearest actor after it."""
    before = [m for m in para.mentions if sent.start <= m.start and m.end <= v.i and m.kind != "place"]
    after = [m for m in para.mentions if v.i < m.start < sent.end and m.kind != "place"]
    if not before or not after:
        return
    target = after[0]
    between = para.doc[v.i + 1:target.start]
    if any(t.pos_ in ("VERB", "AUX") or t.is_punct for t in between):
        return
    themes = theme_lemmas([t for t in between if t.pos_ == "NOUN"])
    types = verb_types(v, themes, [])
    if types:
        yield Found(before[-1], target, types, f"verb:{v.lemma_.lower()}:linear", v, 0.6)
