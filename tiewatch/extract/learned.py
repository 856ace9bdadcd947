"""The `learned` extractor (the default): every candidate pair of a sentence is described by its
features (tiewatch.extract.pairs), the hand-written rules' findings among them, and the trained
classifier (tiewatch.extract.classifier) decides its type and direction, or no tie. Polarity and
claimant are then read from the clause of the tie's cue, exactly as for the rules, and every
claim keeps its evidence; `Claim.rule` names the model and the rule that agreed with it, if any.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from tiewatch.extract.classifier import TieModel, tie_model
from tiewatch.extract.engine import choose_type, extract_with, rule_findings, same_actor
from tiewatch.extract.pairs import NONE, Pair, candidates, cue_types, features, head, parse_label, path_between
from tiewatch.extract.paragraph import Paragraph
from tiewatch.extract.rules import Found
from tiewatch.model import Claim, Document, Mention, vocabulary


def _cue(pair: Pair, type_name: str, doc: Any) -> Any:
    """The token whose clause carries the tie: the cue of that type on the path between the two
    names, else the word where their branches meet."""
    left, right, lca = path_between(head(pair.first, doc), head(pair.second, doc))
    for t in [*left[1:], lca, *right[1:]]:
        if type_name in cue_types(t):
            return t
    return lca


def _fitting(pair: Pair, value: str) -> bool:
    """Whether the kinds at the pair's two ends allow the class's tie ("a place leads a group": no)."""
    type_name, first_is_subject = parse_label(value)
    spec = vocabulary()[type_name]
    subject, obj = (pair.first, pair.second) if first_is_subject else (pair.second, pair.first)
    leader = type_name == "leads" and subject.kind == "group" and subject.label == "ORG"  # see choose_type
    return (subject.kind in spec.subject_kinds or leader) and obj.kind in spec.object_kinds


def decide(pair: Pair, doc: Any, model: TieModel) -> tuple[Found, str] | None:
    """The finding the model makes of one pair: when the probability of some tie (one minus that
    of "none") reaches the model's threshold, the most probable class whose kinds fit the ends."""
    probs = model.probabilities(features(pair, doc))
    ranked = sorted(zip(probs, model.classes), reverse=True)
    tie = 1.0 - next((p for p, c in ranked if c == NONE), 0.0)
    fitting = [(p, c) for p, c in ranked if c != NONE and _fitting(pair, c)]
    if tie < model.threshold or not fitting:
        return None
    probability, value = fitting[0]
    type_name, first_is_subject = parse_label(value)
    subject, obj = (pair.first, pair.second) if first_is_subject else (pair.second, pair.first)
    agreeing = [f for f, vote in pair.votes if vote == value]
    if agreeing:
        cue, rule = agreeing[0].cue, f"model+{agreeing[0].rule}"
    else:
        cue, rule = _cue(pair, type_name, doc), "model"
    found = Found(subject, obj, (type_name,), rule, cue, round(tie, 2))
    if choose_type(found) != type_name or same_actor(subject.name, obj.name):
        return None
    return found, type_name


def sentence_findings(para: Paragraph, sent: Any, model: TieModel) -> list[tuple[Found, str]]:
    pairs = candidates(para, sent, rule_findings(para, sent))
    return [found for found in (decide(pair, para.doc, model) for pair in pairs) if found is not None]


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
