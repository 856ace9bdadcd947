"""The mention record (`ActorSpan`) and a parsed paragraph with its mentions (`Paragraph`), which
resolves back-references ("the group", "its", "he", a pronoun under "said") on demand."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tiewatch.extract.lexicon import lexicon

UNIVERSAL = "any"  # the label of "any armed group", "no militia": an end that names no one (extract.universal)


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
    offset: int | None = None  # where its paragraph starts in the document; set by its Paragraph

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
    voice: ActorSpan | None = None  # who "we" are in this document (a statement's author group)

    def index(self) -> None:
        for m in self.mentions:
            m.offset = self.offset  # a span carried into later paragraphs keeps its own place
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
        first = lex.words("first_person")
        ours = [c for c in token.children if c.dep_ == "poss" and c.lower_ in first]
        if lower in first or (ours and token.lemma_.lower() in lex.words("first_person_nouns")):
            if self.voice is None or self.voice.name == skip:
                return None
            span = self.doc[min([token.i, *(c.i for c in ours)]):token.i + 1]
            return ActorSpan(span.start, span.end, self.voice.kind, "ref", span.text, span.start_char, span.end_char,
                             canonical=self.voice.name, head=token.i, offset=self.offset)
        if lower in pronouns:
            kinds, cue, start, end = set(pronouns[lower]), "", token.i, token.i + 1
        elif any(c.dep_ == "poss" and c.lower_ in ("his", "her") for c in token.children):
            return None  # "his group": the group of a person, which is not the nearest group named
        elif any(c.dep_ == "prep" and c.lower_ == "of" and any(self.mention_at(o.i) for o in c.children)
                 for c in token.children):
            return None  # "the smuggling network of X" names its owner; it refers back to no one
        elif token.lemma_.lower() in lex.words("backref_nouns") and any(
            c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "these", "those", "his", "her", "its", "their", "our")
            for c in token.children
        ) and not any(c.dep_ in ("compound", "poss", "amod", "nmod") and self.mention_at(c.i) for c in token.children):
            cue = token.lemma_.lower()
            kinds = {"state"} if cue in lex.words("state_organ_heads") | {"regime", "state", "junta"} else {"group"}
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
                         canonical=target.name, head=token.i, offset=self.offset)

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

    def _source(self, m: ActorSpan) -> bool:
        """A mention that only says where the information comes from ("according to the Panel
        of Experts", "UN investigators have concluded") is not what "the group" refers back to."""
        t = self.doc[m.head] if 0 <= m.head < len(self.doc) else None
        if t is None:
            return False
        if t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.head.lower_ == "according":
            return True
        speaker = t.head if t.dep_ == "compound" else None
        return speaker is not None and speaker.dep_ == "nsubj" and speaker.head.lemma_.lower() in lexicon().words("speech_verbs")

    def _antecedent(self, char: int, kinds: set[str], cue: str, skip: str | None = None) -> ActorSpan | None:
        """The nearest earlier actor of a fitting kind, preferring one whose name contains the cue
        word ("the front") and passing over places where something happened ("in Niger"); when
        the paragraph names none before, the last fitting one of the paragraphs before."""
        before = [m for m in self.mentions if m.char_end <= char and m.kind in kinds and m.name != skip
                  and m.label != UNIVERSAL and not self._source(m)]  # "any armed group" is no one to refer back to
        heads = set(lexicon().mapping("backref_heads").get(cue) or ())
        if not before:
            before = [m for m in self.context if m.kind in kinds and m.label != UNIVERSAL]
            named = [m for m in before if cue and cue in m.name.lower()]
            kin = [m for m in before if m.name.lower().rsplit(" ", 1)[-1] in heads]
            found = named or kin or before
            return found[-1] if found else None
        if cue:
            named = [m for m in before if cue in m.name.lower()]
            headed = [m for m in named if m.name.lower().endswith(cue) or m.name.lower().endswith(cue + "s")]
            kin = [m for m in before if m.name.lower().rsplit(" ", 1)[-1] in heads]
            before = headed or named or kin or before
        actors = [m for m in before if not _location(self.doc[m.head])]
        before = actors or before
        return before[-1] if before else None


def _location(t: Any) -> bool:
    """A name standing where something happens ("in Niger"), not an actor to refer back to."""
    return t.dep_ == "pobj" and t.head.lower_ in lexicon().words("location_preps") | {"at", "near"}
