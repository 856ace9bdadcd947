"""Candidate pairs: every pair of mentions in a sentence, back-reference pairs the rules find, and
the unstated subject of a profile's clauses; each pair's features describe what lies between."""

from __future__ import annotations

import pytest

from tiewatch.extract.engine import parsed, rule_findings
from tiewatch.extract.pairs import candidates, features, implicit_subjects, label, parse_label, topic
from tiewatch.model import Document

pytestmark = pytest.mark.slow

PROFILE = ("Abu Sayyaf Group (ASG). History: formed in 1991 after a split from the Moro Islamic Liberation "
           "Front; pledged allegiance to ISIS in 2014; operates in Jolo. Goals: led by Khadaffy Janjalani.")


def paragraphs(text):
    (_doc, paras), = parsed([Document(text=text, kind="text", origin="t")])
    return paras


def pairs_of(text):
    out = []
    for para in paragraphs(text):
        for sent in para.doc.sents:
            for pair in candidates(para, sent, rule_findings(para, sent)):
                out.append(((pair.first.canonical or pair.first.text), (pair.second.canonical or pair.second.text),
                            features(pair, para.doc)))
    return out


def test_every_pair_of_a_sentence_is_a_candidate_once():
    found = pairs_of("Hamas, Hizballah and the Houthis met in Beirut.")
    ends = [frozenset(p[:2]) for p in found]
    assert len(ends) == len(set(ends))
    assert frozenset({"Hamas", "Hizballah"}) in ends and frozenset({"Hizballah", "Beirut"}) in ends


def test_a_profile_clause_without_subject_pairs_with_the_topic():
    found = pairs_of(PROFILE)
    ends = {(a, b) for a, b, _ in found}
    assert ("Abu Sayyaf Group", "ISIS") in ends and ("Abu Sayyaf Group", "Jolo") in ends
    assert ("Abu Sayyaf Group", "Khadaffy Janjalani") in ends
    assert any(f.startswith("implicit=") for a, b, feats in found if b == "ISIS" for f in feats)


def test_ordinary_prose_has_no_topic_and_no_unstated_subject():
    for para in paragraphs("Hamas attacked Israel on Monday. It struck Iran; withdrew to Gaza."):
        assert topic(para) is None
        for sent in para.doc.sents:
            assert implicit_subjects(para, sent) == []


def test_features_see_the_cue_and_the_rules_vote():
    found = pairs_of("The Northern Relief Trust funded the Kora Liberation Front in 2023.")
    (_a, _b, feats), = [p for p in found if {"Northern Relief Trust", "Kora Liberation Front"} <= set(p[:2])]
    assert "cue=funds" in feats and any(f.startswith("vote=funds") for f in feats)


def test_labels_carry_direction_relative_to_text_order():
    assert label("funds", True) == "funds>" and label("funds", False) == "funds<"
    assert label("fights", False) == "fights=" and parse_label("leads<") == ("leads", False)
