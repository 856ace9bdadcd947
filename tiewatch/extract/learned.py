"""The `learned` extractor (the default): every candidate pair of a sentence is described by its
features (tiewatch.extract.pairs), the hand-written rules' findings among them, and the trained
classifier (tiewatch.extract.classifier) decides its type and direction, or no tie. Polarity and
claimant are then read from the clause of the tie's cue, exactly as for the rules, and every
claim keeps its evidence; `Claim.rule` names the rule a claim stands on ("verb+model": a rule's
finding the model let stand) or "model" for a tie only the model found.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable, Iterator

from tiewatch.extract.classifier import TieModel, tie_model
from tiewatch.extract.engine import choose_type, extract_with, fits, rule_findings, same_actor
from tiewatch.extract.pairs import NONE, Pair, candidates, cue_types, features, head, parse_label, path_between
from tiewatch.extract.paragraph import Paragraph
from tiewatch.extract.rules import Found
from tiewatch.model import Claim, Document, Mention


def _cue(pair: Pair, type_name: str, doc: Any) -> Any:
    """The token whose clause carries the tie: the cue of that type on the path between the two
    names, else the word where their branches meet."""
    left, right, lca = path_between(head(pair.first, doc), head(pair.second, doc))
    for t in [*left[1:], lca, *right[1:]]:
        if type_name in cue_types(t):
            return t
    return lca


def _fitting(pair: Pair, value: str) -> bool:
    type_name, first_is_subject = parse_label(value)
    subject, obj = (pair.first, pair.second) if first_is_subject else (pair.second, pair.first)
    return fits(type_name, subject, obj)


def decide(pair: Pair, doc: Any, model: TieModel) -> list[tuple[Found, str]]:
    """The finding the model makes of one pair. A rule's vote stands unless the model is sure
    there is no tie (its probability of "none" reaches `model.veto`); otherwise, when the
    probability of some tie (one minus that of "none") reaches `model.threshold`, the most
    probable class whose kinds fit the ends."""
    probs = dict(zip(model.classes, model.probabilities(features(pair, doc))))
    none = probs.get(NONE, 0.0)
    if pair.votes and none < model.veto:
        confidence = 1.0 - none / 2
        return [(replace(found, rule=f"{found.rule}+model", confidence=round(min(found.confidence, confidence), 2)),
                 parse_label(value)[0]) for found, value in pair.votes]
    if 1.0 - none < model.threshold:
        return []
    ranked = sorted(((p, c) for c, p in probs.items() if c != NONE), reverse=True)
    value = next((c for _p, c in ranked if _fitting(pair, c)), None)
    if value is None:
        return []
    type_name, first_is_subject = parse_label(value)
    subject, obj = (pair.first, pair.second) if first_is_subject else (pair.second, pair.first)
    found = Found(subject, obj, (type_name,), "model", _cue(pair, type_name, doc), round(1.0 - none, 2))
    if choose_type(found) != type_name or same_actor(subject.name, obj.name):
        return []
    return [(found, type_name)]


def sentence_findings(para: Paragraph, sent: Any, model: TieModel) -> list[tuple[Found, str]]:
    pairs = candidates(para, sent, rule_findings(para, sent))
    return [found for pair in pairs for found in decide(pair, para.doc, model)]


class LearnedExtractor:
    """Candidate pairs decided by a trained classifier, with the rules as its features.

    English only, as the rules: a document whose `language` is set and is not "en" yields nothing.
    `model` defaults to the one shipped with tiewatch (retrained by `tiewatch bench train`)."""

    name = "learned"

    def __init__(self, model: TieModel | None = None) -> None:
        self._model = model

    @property
    def model(self) -> TieModel:
        if self._model is None:
            self._model = tie_model()
        return self._model

    def extract(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Mention], list[Claim]]]:
        model = self.model
        return extract_with(docs, lambda para, sent: sentence_findings(para, sent, model), self.name)
