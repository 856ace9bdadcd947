"""Candidate pairs and their features: the unit the learned tie classifier decides on.

A candidate is two actor mentions in one sentence — the mentions the actor finder sees, and the
back-references ("the group", "its leader") the rules resolve — with the rules' votes attached.
`features(pair)` describes it as a set of strings a linear model can weigh:

- `k=` the two kinds in text order, `lbl=` their tagger labels;
- `p=` the shortest dependency path between the two heads (lemmas and arcs), `pl=` / `pd=` each
  lemma and arc on it, `plen=` its length; `lca=` the lemma where the two branches meet;
- `cue=` / `cueb=` the tie types whose cue words (tiewatch/model/ties.yaml) stand on the path or
  between the two names; `bw=` the words between them (up to eight) and `gap=` how many;
- structure: `appos`, `poss`, `compound`, the prepositions on the path, passive voice (`agent`),
  which end is the clause subject (`subj=`);
- `vote=` / `rule=` the type and direction each hand-written rule gives the pair (labelling
  functions, not the final word).

Directions are written relative to text order: `>` the first mention is the subject, `<` the
second is, `=` a symmetric type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Iterable

from tiewatch.extract.lexicon import lexicon
from tiewatch.extract.paragraph import ActorSpan, Paragraph
from tiewatch.extract.rules import Found
from tiewatch.model import vocabulary

NONE = "none"
MAX_BETWEEN = 8
MAX_PATH = 7


@dataclass
class Pair:
    """Two mentions of one sentence, in text order, and the rules' findings about them."""

    first: ActorSpan
    second: ActorSpan
    sent: Any
    votes: list[tuple[Found, str]] = field(default_factory=list)  # (finding, its label)
    others_between: int = 0  # actor mentions standing between the two


def label(type_name: str, subject_first: bool) -> str:
    """The class a typed, directed tie between a pair's two mentions gets."""
    if vocabulary()[type_name].symmetric:
        return f"{type_name}="
    return f"{type_name}{'>' if subject_first else '<'}"


def parse_label(value: str) -> tuple[str, bool]:
    """(type, whether the first mention is the subject) of a class name."""
    return value[:-1], value[-1] != "<"


def _key(span: ActorSpan) -> tuple[int, int]:
    return span.start, span.end


def head(span: ActorSpan, doc: Any) -> Any:
    """The token of a mention whose syntactic head lies outside it."""
    tokens = doc[span.start:span.end]
    for t in tokens:
        if not (span.start <= t.head.i < span.end) or t.head.i == t.i:
            return t
    return tokens[-1]


SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
TOPIC_HEAD = 14  # a heading that names a profile's topic is at most this many tokens long


def topic(para: Paragraph) -> ActorSpan | None:
    """The actor a profile paragraph is about: a group or person named at its very start, in a
    heading that ends its first sentence ("Ansar al-Dine (AAD). History: formed in 2011 ...").
    Worked out once per paragraph."""
    if para.doc.user_data.get("tw_topic", False) is False:
        para.doc.user_data["tw_topic"] = _topic(para)
    return para.doc.user_data["tw_topic"]


def _topic(para: Paragraph) -> ActorSpan | None:
    first = next(iter(para.doc.sents), None)
    if first is None or len(first) > TOPIC_HEAD or len(first) == len(para.doc):
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in first):
        return None  # a sentence, not a heading: "Hamas attacked Israel on Monday."
    opening = [m for m in para.mentions if m.start <= 1 and m.kind in ("group", "person") and m.label != "ref"]
    return opening[0] if opening else None


def _has_subject(verb: Any, colons: list[int]) -> bool:
    """Whether a verb has a subject of its own, or shares one with the verb it is coordinated
    with (a subject before a field label's colon does not count: "Goals: seeks ...")."""
    for t in [verb, *([verb.head] if verb.dep_ == "conj" else [])]:
        before = [c for c in colons if c < t.i]
        if any(c.dep_ in SUBJECT_DEPS and not (before and c.i < before[-1]) for c in t.children):
            return True
    return False


def implicit_subjects(para: Paragraph, sent: Any) -> list[ActorSpan]:
    """In a profile paragraph, the unstated subject of each clause without one ("formed in 2011
    under Iyad Ag Ghali; joined JNIM in 2017") is the paragraph's topic, as a mention on the verb."""
    about = topic(para)
    if about is None or sent.start == 0:
        return []
    out = []
    colons = [t.i for t in sent if t.text == ":"]
    for verb in sent:
        opens = verb.i > sent.start and verb.doc[verb.i - 1].text in (":", ";")  # starts a clause of the field
        if verb.pos_ == "VERB" and (verb.dep_ in ("ROOT", "conj", "parataxis") or opens) and not _has_subject(verb, colons):
            out.append(ActorSpan(verb.i, verb.i + 1, about.kind, "ref", verb.text, verb.idx, verb.idx + len(verb.text),
                                 canonical=about.name, head=verb.i, offset=para.offset))
    return out


def candidates(para: Paragraph, sent: Any, found: Iterable[tuple[Found, str]]) -> list[Pair]:
    """Every pair of actor mentions in the sentence, plus the pairs the rules found through a
    back-reference and those of a profile's unstated subject; each with the rules' votes on it.
    A mention never pairs with itself or with another mention of the same name."""
    spans: dict[tuple[int, int], ActorSpan] = {}
    for m in para.mentions:
        if sent.start <= m.start < sent.end:
            spans.setdefault(_key(m), m)
    for m in implicit_subjects(para, sent):
        spans.setdefault(_key(m), m)
    found = list(found)
    for f, _type in found:
        for span in (f.subject, f.object):
            if sent.start <= span.start < sent.end:
                spans.setdefault(_key(span), span)
    ordered = sorted(spans.values(), key=_key)
    pairs: dict[tuple[tuple[int, int], tuple[int, int]], Pair] = {}
    for (n, a), (m, b) in combinations(enumerate(ordered), 2):
        if a.name.casefold() != b.name.casefold() and not (a.start < b.end and b.start < a.end):
            inside = sum(1 for c in ordered[n + 1:m] if a.end <= c.start and c.end <= b.start)
            pairs[(_key(a), _key(b))] = Pair(a, b, sent, others_between=inside)
    for f, type_name in found:
        forward = (_key(f.subject), _key(f.object))
        backward = (forward[1], forward[0])
        if forward in pairs:
            pairs[forward].votes.append((f, label(type_name, True)))
        elif backward in pairs:
            pairs[backward].votes.append((f, label(type_name, False)))
    return list(pairs.values())


def path_between(a: Any, b: Any) -> tuple[list[Any], list[Any], Any]:
    """Tokens from `a` up to the lowest common ancestor, and from `b` up to it, and the ancestor."""
    up_a = [a, *a.ancestors]
    index = {t.i: n for n, t in enumerate(up_a)}
    up_b = []
    for t in [b, *b.ancestors]:
        if t.i in index:
            return up_a[:index[t.i]], up_b, t
        up_b.append(t)
    return up_a, up_b, up_a[-1]


def cue_types(token: Any) -> tuple[str, ...]:
    lex = lexicon()
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX"):
        return lex.verb_types.get(lemma, ())
    if token.pos_ in ("NOUN", "PROPN", "ADJ"):
        return lex.noun_types.get(lemma, ()) or lex.verb_types.get(lemma, ())
    return ()


def _word(token: Any) -> str:
    return token.lemma_.lower() if not token.like_num else "#"


def features(pair: Pair, doc: Any) -> set[str]:
    """The feature strings of one candidate pair (see the module docstring)."""
    a, b = head(pair.first, doc), head(pair.second, doc)
    out = {f"k={pair.first.kind}|{pair.second.kind}", f"lbl={pair.first.label}|{pair.second.label}", "bias"}
    for end in (pair.first, pair.second):
        if end.label == "ref" and end.end == end.start + 1 and doc[end.start].pos_ == "VERB":
            out.add(f"implicit={doc[end.start].lemma_.lower()}")  # a profile's unstated subject
    left, right, lca = path_between(a, b)
    path = [*left, lca, *reversed(right)]
    out |= _path_features(pair, a, b, left, right, lca)
    out |= _between_features(pair, doc)
    out |= _structure(a, b, lca, path)
    for f in [f for f in out if f.startswith("cue=")]:
        out.update(f"{f}|{r}" for r in roles(out))
    for found, value in pair.votes:
        out.add(f"vote={value}")
        out.add(f"rule={found.rule.split('+')[0]}|{value[-1]}")
    if not pair.votes:
        out.add("novote")
    return out


def _path_features(pair: Pair, a: Any, b: Any, left: list[Any], right: list[Any], lca: Any) -> set[str]:
    """The dependency path between the two heads: whole, its arcs, its words, its cues."""
    path = [*left, lca, *reversed(right)]
    arcs = [f"{t.dep_}^" for t in left] + [f"v{t.dep_}" for t in reversed(right)]
    out = {f"plen={min(len(path), MAX_PATH + 1)}", f"lca={_word(lca)}|{lca.pos_}", f"lcadep={lca.dep_}"}
    if len(path) <= MAX_PATH:
        out.add("p=" + " ".join(arcs[:len(left)] + [_word(lca)] + arcs[len(left):]))
        out.add("pd=" + " ".join(arcs))
    out.update(f"arc={arc}" for arc in arcs)
    for t in (t for t in path if t.i not in (a.i, b.i)):
        out.add(f"pl={_word(t)}")
        if t.pos_ == "ADP":
            out.add(f"prep={t.lower_}")
        for type_name in cue_types(t):
            out.add(f"cue={type_name}")
            out.add(f"cuek={type_name}|{pair.first.kind}|{pair.second.kind}")
    return out


def _between_features(pair: Pair, doc: Any) -> set[str]:
    """The words between the two names (when few), the cues, negations and clause marks among them."""
    between = doc[pair.first.end:pair.second.start]
    out = {f"gap={min(len(between), MAX_BETWEEN + 1)}"} | _window(pair, doc, between)
    if len(between) <= MAX_BETWEEN:
        out.update(f"bw={_word(t)}" for t in between)
    for t in between:
        out.update(f"cueb={type_name}" for type_name in cue_types(t))
        if t.lower_ in ("not", "never", "no", "n't"):
            out.add("neg_between")
        if t.text in (";", ":", "(", ")"):
            out.add(f"between={t.text}")  # a clause or an aside lies between the two names
    return out


def _window(pair: Pair, doc: Any, between: Any) -> set[str]:
    """The words around the two names: first and last word between them, the word before the
    first and after the second, and how many other actors stand between them."""
    out = set()
    if len(between):
        out.add(f"b1={_word(between[0])}")
        out.add(f"bl={_word(between[-1])}")
    if pair.first.start > pair.sent.start:
        out.add(f"pre={_word(doc[pair.first.start - 1])}")
    if pair.second.end < pair.sent.end:
        out.add(f"post={_word(doc[pair.second.end])}")
    out.add(f"mid={min(pair.others_between, 2)}")
    return out


def roles(feats: set[str]) -> list[str]:
    return sorted(f for f in feats if f.startswith("role"))


def _structure(a: Any, b: Any, lca: Any, path: list[Any]) -> set[str]:
    out = set()
    if b.dep_ == "appos" and b.head.i == a.i or a.dep_ == "appos" and a.head.i == b.i:
        out.add("appos")
    if any(t.dep_ == "appos" for t in path):
        out.add("appos_path")
    if a.dep_ == "poss" or b.dep_ == "poss":
        out.add("poss")
    if a.dep_ == "compound" and a.head.i == b.i or b.dep_ == "compound" and b.head.i == a.i:
        out.add("compound")
    if any(t.dep_ == "agent" or t.dep_ == "nsubjpass" for t in path) or any(c.dep_ == "auxpass" for c in lca.children):
        out.add("passive")
    for name, t in (("1", a), ("2", b)):
        role = next((x.dep_ for x in [t, *t.ancestors] if x.head.i == lca.i or x.i == lca.i), t.dep_)
        out.add(f"role{name}={role}")
    if any(c.dep_ == "neg" for c in lca.children):
        out.add("neg_lca")
    return out
