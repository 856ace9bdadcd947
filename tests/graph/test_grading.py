"""Admiralty grades: reliability from the best source, credibility from corroboration and denial."""

import pytest

from tiewatch.graph import refresh
from tiewatch.graph.grading import credibility
from tiewatch.resolve.watchlist import from_records

NONE = from_records([])
CLAIM = ("Wagner", "trains", "FAMa")


@pytest.mark.parametrize(("asserting", "hedging", "denying", "grade"), [
    (2, 0, 0, 1), (3, 1, 0, 1),   # confirmed by independent sources
    (1, 1, 0, 2),                 # one asserts, another hedges
    (1, 0, 0, 3), (3, 0, 1, 3),   # a single source; or a denial against more assertions
    (0, 2, 0, 4), (1, 0, 1, 4),   # only hedged; or as many deny as assert
    (0, 0, 1, 5), (1, 0, 2, 5),   # more denials than assertions
    (0, 0, 0, 6),                 # nothing counts
])
def test_credibility_rule(asserting, hedging, denying, grade):
    assert credibility(asserting, hedging, denying) == grade


def test_a_denial_shows_beside_the_assertion_and_lowers_the_grade(store, corpus):
    corpus.add("Wagner instructors trained FAMa units near Sevare, Reuters reported.", CLAIM, source="Reuters")
    corpus.add("FAMa soldiers were trained by Wagner, villagers told the BBC.", CLAIM, source="BBC")
    refresh(store, NONE)
    [tie] = store.list_ties()
    assert tie.grade == "F1"
    corpus.add("The Malian army denied that Wagner trained FAMa troops.", CLAIM[:3] + ("denied",), source="ORTM")
    refresh(store, NONE)
    [tie] = store.list_ties()
    assert (tie.asserted, tie.denied, tie.sources, tie.grade) == (2, 1, 2, "F3")
    assert sorted(c.polarity for c in store.claims_for_tie(tie.id)) == ["asserted", "asserted", "denied"]


def test_reliability_is_the_best_graded_source_and_regrading_updates_it(store, corpus):
    corpus.add("Wagner trained FAMa units.", CLAIM, source="Reuters")
    corpus.add("FAMa was probably trained by Wagner.", CLAIM[:3] + ("hedged",), source="Rumour Mill")
    refresh(store, NONE)
    assert store.list_ties()[0].grade == "F2"
    reuters = store.get_source("Reuters")
    store.grade_source(reuters.id, "B", "lea")
    store.grade_source(store.get_source("Rumour Mill").id, "E", "lea")
    assert refresh(store, NONE).ties_updated == 1
    assert store.list_ties()[0].grade == "B2"


def test_a_tie_only_denied_is_improbable(store, corpus):
    corpus.add("Moscow denied that Wagner trained FAMa.", CLAIM[:3] + ("denied",), source="TASS")
    refresh(store, NONE)
    [tie] = store.list_ties()
    assert (tie.asserted, tie.denied, tie.sources, tie.credibility) == (0, 1, 0, 5)
