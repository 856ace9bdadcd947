"""Transfers told from the thing's side: "money raised by X ended up with Y", "not one dinar
reached the mujahideen from X", "weapons from X went to Y". The subject of an arrival verb is a
thing given (money, weapons, training: the lexicon's theme cues decide the tie type); the
recipient is the verb's object or the object of "to", "with", "into"; the giver is the object of
"from" (on the verb or the thing) or the agent of a participle on the thing ("raised by X").
"""

from __future__ import annotations

from typing import Any, Iterator

from tiewatch.extract.paragraph import ActorSpan, Paragraph
from tiewatch.extract.lexicon import lexicon
from tiewatch.extract.rules import Found, actor

ARRIVAL_VERBS = {"reach", "go", "flow", "end", "arrive", "find", "pass", "make", "land"}
RECIPIENT_PREPS = {"to", "with", "into"}


def _objects(token: Any, preps: set[str]) -> list[Any]:
    return [o for p in token.children if p.dep_ == "prep" and p.lower_ in preps for o in p.children if o.dep_ == "pobj"]


def _givers(para: Paragraph, verb: Any, theme: Any) -> list[ActorSpan]:
    tokens = _objects(verb, {"from"}) + _objects(theme, {"from"})
    for participle in (c for c in theme.children if c.dep_ == "acl"):
        tokens += [o for a in participle.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    return [a for a in (actor(para, t) for t in tokens) if a is not None]


def theme_claims(para: Paragraph, sent: Any) -> Iterator[Found]:
    """Ties from an arrival verb whose subject is a thing given (see the module docstring)."""
    lex = lexicon()
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in ARRIVAL_VERBS:
            continue
        for theme in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
            types = lex.theme_types({theme.lemma_.lower()})
            if not types:
                continue
            tokens = [c for c in verb.children if c.dep_ == "dobj"] + _objects(verb, RECIPIENT_PREPS)
            tokens += [o for prt in verb.children if prt.dep_ == "prt" for o in _objects(prt, RECIPIENT_PREPS)]
            recipients = [a for a in (actor(para, t) for t in tokens) if a is not None]
            for giver in _givers(para, verb, theme):
                for recipient in recipients:
                    if giver.name != recipient.name:
                        yield Found(giver, recipient, tuple(types), f"theme:{verb.lemma_.lower()}", verb, 0.7)
