"""Actor mentions in a parsed paragraph: NER and ruler spans, trimmed and expanded to the whole
name, each with a kind (group, person, state, place); doctrines, platforms and page furniture are
dropped. `Paragraph.refer` resolves back-references ("the group", "its", "he") on demand."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tiewatch.extract.lexicon import lexicon
from tiewatch.extract.ruler import watchlist_index

ACTOR_LABELS = {"ORG", "PERSON", "NORP", "GPE", "LOC", "FAC"}
NAME_PARTICLES = {"al", "el", "bin", "ibn", "bint", "ul", "ud", "wal", "as", "ash", "ad", "-", "'"}
TRIM_POS = {"VERB", "AUX", "DET", "CCONJ", "SCONJ", "PRON", "PART"}


@dataclass
class ActorSpan:
    """A mention inside one paragraph, by token indices (end exclusive) and paragraph characters."""

    start: int
    end: int
    kind: str
    label: str
    text: str
    char_start: int
    char_end: int
    canonical: str | None = None
    head: int = -1

    @property
    def name(self) -> str:
        return self.canonical or self.text


@dataclass
class Paragraph:
    doc: Any
    offset: int
    mentions: list[ActorSpan] = field(default_factory=list)
    at: list[int] = field(default_factory=list)  # token index -> index into mentions, or -1
    concepts: set[str] = field(default_factory=set)  # names introduced as doctrines or slogans
    context: list[ActorSpan] = field(default_factory=list)  # actors of the paragraphs before

    def index(self) -> None:
        self.mentions.sort(key=lambda m: m.start)
        self.at = [-1] * len(self.doc)
        for n, m in enumerate(self.mentions):
            for i in range(m.start, m.end):
                self.at[i] = n

    def mention_at(self, i: int) -> ActorSpan | None:
        n = self.at[i] if 0 <= i < len(self.at) else -1
        return self.mentions[n] if n >= 0 else None

    def refer(self, token: Any, skip: str | None = None) -> ActorSpan | None:
        """The actor a pronoun or "the group"-like phrase refers back to, as a new mention
        (`skip`: an actor it cannot be, such as the other end of the tie)."""
        lex = lexicon()
        lower = token.lower_
        pronouns = lex.mapping("backref_pronouns")
        if lower in pronouns:
            kinds, cue, start, end = set(pronouns[lower]), "", token.i, token.i + 1
        elif token.lemma_.lower() in lex.words("backref_nouns") and any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in token.children
        ) and not any(c.dep_ in ("compound", "poss", "amod", "nmod") and self.mention_at(c.i) for c in token.children):
            cue = token.lemma_.lower()
            kinds = {"state"} if cue in lex.words("state_organ_heads") | {"regime", "state"} else {"group"}
            start = min(c.i for c in token.children if c.dep_ in ("det", "amod", "compound")) if any(
                c.dep_ in ("det", "amod", "compound") and c.i < token.i for c in token.children) else token.i
            end = token.i + 1
        else:
            return None
        target = (self._speaker(token, kinds) if not cue else None) or self._antecedent(token.idx, kinds, cue, skip)
        if target is None:
            return None
        span = self.doc[start:end]
        return ActorSpan(start, end, target.kind, "ref", span.text, span.start_char, span.end_char,
                         canonical=target.name, head=token.i)

    def _speaker(self, token: Any, kinds: set[str]) -> ActorSpan | None:
        """"The movement said it had formed ...": the subject pronoun of a reported clause is the
        one who reports it, when of a fitting kind."""
        if token.dep_ not in ("nsubj", "nsubjpass"):
            return None
        verb = token.head
        while verb.dep_ in ("ccomp", "conj") and verb.head.i != verb.i:
            verb = verb.head
            if verb.pos_ == "VERB" and verb.lemma_.lower() in lexicon().words("speech_verbs"):
                for subject in (c for c in verb.children if c.dep_ == "nsubj" and c.i != token.i):
                    found = self.mention_at(subject.i) or (self.refer(subject) if subject.pos_ != "PRON" else None)
                    return found if found is not None and found.kind in kinds else None
        return None

    def _antecedent(self, char: int, kinds: set[str], cue: str, skip: str | None = None) -> ActorSpan | None:
        """The nearest earlier actor of a fitting kind, preferring one whose name contains the cue
        word ("the front") and passing over places where something happened ("in Niger"); when
        the paragraph names none before, the last fitting one of the paragraphs before."""
        before = [m for m in self.mentions if m.char_end <= char and m.kind in kinds and m.name != skip]
        if not before:
            before = [m for m in self.context if m.kind in kinds]
            named = [m for m in before if cue and cue in m.name.lower()]
            return (named or before or [None])[-1]
        if cue:
            named = [m for m in before if cue in m.name.lower()]
            headed = [m for m in named if m.name.lower().endswith(cue) or m.name.lower().endswith(cue + "s")]
            before = headed or named or before
        actors = [m for m in before if not _location(self.doc[m.head])]
        before = actors or before
        return before[-1] if before else None


def _location(t: Any) -> bool:
    """A name standing where something happens ("in Niger"), not an actor to refer back to."""
    return t.dep_ == "pobj" and t.head.lower_ in lexicon().words("location_preps") | {"at", "near"}


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
    """"Abu X al-Y" keeps two words after Abu, so a title-case headline does not run on."""
    words = 0
    for i in range(start + 1, end):
        joined = doc[i].text in ("-", "'") or doc[i - 1].text in ("-", "'") and not doc[i - 1].whitespace_
        if not joined:
            words += 1
            if words > 2:
                return i
    return end


def _expand(doc: Any, start: int, end: int, label: str) -> tuple[int, int, str | None]:
    """Grow a span to the whole actor: "the Malian army", "the Islamic State in Mozambique"."""
    lex = lexicon()
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
    if label in ("GPE", "LOC", "FAC", "PERSON", "NORP") and end < len(doc) and doc[end].lower_ in lex.words("place_nouns"):
        return start, end + 1, "place"
    if label == "ORG" and doc[end - 1].lower_ in lex.words("franchise_heads") and end + 1 < len(doc):
        if doc[end].lower_ == "in":
            j = end + 1 + (doc[end + 1].lower_ == "the")
            if j < len(doc) and doc[j].ent_type_ in ("GPE", "LOC") and doc[j].ent_iob_ == "B":
                while j < len(doc) and doc[j].ent_iob_ in ("B", "I") and doc[j].ent_type_ in ("GPE", "LOC"):
                    j += 1
                    if j < len(doc) and doc[j].ent_iob_ != "I":
                        break
                return start, j, None
    return start, end, None


def _titled(doc: Any, start: int, end: int, roles: str = "person_roles") -> bool:
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
        if kind in ("group", "place") and ent.ent_id_ not in ("watchlist", "named-unit", "wilayat", "province") and _titled(doc, start, end):
            kind = "person"
        elif kind == "person" and ent.ent_id_ != "abu-name" and _titled(doc, start, end, "group_roles"):
            kind = "group"
        taken.update(range(start, end))
        para.mentions.append(ActorSpan(start, end, kind, ent.ent_id_ or ent.label_, span.text,
                                       span.start_char, span.end_char, head=span.root.i))
    _unnamed_people(para, taken)
    _named_areas(para, taken)
    _unnamed_organs(para, taken)
    _drop_titles(para)
    para.index()
    _places_by_position(para)
    return para


def _named_areas(para: Paragraph, taken: set[int]) -> None:
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


def _drop_titles(para: Paragraph) -> None:
    """"[Egyptian President] Al-Sisi", "Russian Deputy Defence Minister X": an office right before
    a person's name is that person's title, not a second actor."""
    para.mentions.sort(key=lambda m: m.start)
    doc, drop = para.doc, set()
    for n, (m, nxt) in enumerate(zip(para.mentions, para.mentions[1:])):
        if m.kind == "state" and nxt.kind == "person" and all(t.is_space or t.is_punct and t.text != "," for t in doc[m.end:nxt.start]):
            drop.add(n)
    para.mentions = [m for n, m in enumerate(para.mentions) if n not in drop]


def _unnamed_organs(para: Paragraph, taken: set[int]) -> None:
    """"government forces", "security forces": a state's organ though no state is named."""
    doc = para.doc
    organs = lexicon().words("unnamed_state_organs")
    for t in doc[1:]:
        if f"{doc[t.i - 1].lower_} {t.lower_}" in organs and t.i not in taken and t.i - 1 not in taken:
            span = doc[t.i - 1:t.i + 1]
            taken.update((t.i - 1, t.i))
            para.mentions.append(ActorSpan(span.start, span.end, "state", "organ", span.text, span.start_char, span.end_char, head=t.i))


def _unnamed_people(para: Paragraph, taken: set[int]) -> None:
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
        if j - i >= 2 and _titled(doc, i, j):
            span = doc[i:j]
            taken.update(range(i, j))
            para.mentions.append(ActorSpan(i, j, "person", "PERSON", span.text, span.start_char, span.end_char, head=span.root.i))
        i = max(j, i + 1)


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
    para.index()


def harmonise(paras: list[Paragraph]) -> None:
    """One sense per document: a name seen as a group anywhere is a group everywhere; a short
    form of a person's full name is that person; a name once seen as a doctrine is dropped."""
    concepts = {c for p in paras for c in p.concepts}
    groups = {m.text.lower() for p in paras for m in p.mentions if m.kind == "group"}
    people = [m.text.lower() for p in paras for m in p.mentions if m.kind == "person" and " " in m.text]
    previous: list[ActorSpan] = []
    for p in paras:
        for m in p.mentions:
            lower = m.text.lower()
            if m.kind in ("place", "state", "person") and lower in groups and m.label != "abu-name":
                m.kind = "group"
            elif m.kind in ("group", "place") and m.label != "watchlist" and any(
                full.endswith(" " + lower) for full in people
            ):
                m.kind = "person"
        p.mentions = [m for m in p.mentions if m.text.lower() not in concepts]
        p.context = previous
        previous = (previous + [m for m in p.mentions if m.label != "ref"])[-30:]
        known = {m.text: m for q in paras for m in q.mentions if m.kind in ("group", "person")}
        _add_repeats(p, dict(sorted(known.items(), key=lambda item: -len(item[0]))))
        p.index()


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
