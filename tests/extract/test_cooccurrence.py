"""The co-occurrence baseline: every pair of actors in a sentence, typed by a documented guess."""

from __future__ import annotations

import pytest

from tiewatch.extract import extractors, get_extractor
from tiewatch.extract.cooccurrence import CooccurrenceExtractor, guess
from tiewatch.model import Document, Mention

TEXT = ("Hamas and Hizballah fighters clashed with the Israeli army near Metula. "
        "Separately, the Taliban held a rally in Kandahar.")


def m(text: str, kind: str) -> Mention:
    return Mention(text, 0, len(text), kind)


def test_it_is_registered_like_any_extractor():
    assert "cooccurrence" in extractors.names()
    assert isinstance(get_extractor("cooccurrence"), CooccurrenceExtractor)


def test_the_type_guess_follows_the_kinds_of_the_two_ends():
    group, person, place, state = m("Katiba X", "group"), m("Amadou", "person"), m("Gao", "place"), m("Mali", "state")
    assert guess(group, place) == ("operates_in", group, place)
    assert guess(place, group) == ("operates_in", group, place)
    assert guess(group, person) == ("leads", person, group)
    assert guess(person, state) == ("leads", person, state)
    assert guess(state, group) == ("part_of", state, group)


@pytest.fixture(scope="module")
def extracted():
    doc = Document(text=TEXT, kind="text", origin="para.txt", author="Levant Dispatch")
    ((out_doc, mentions, claims),) = list(CooccurrenceExtractor().extract([doc]))
    return out_doc, mentions, claims


@pytest.mark.slow
def test_every_pair_in_a_sentence_is_claimed_and_no_pair_across_sentences(extracted):
    doc, mentions, claims = extracted
    first_end = TEXT.index("Separately")
    first = [x for x in mentions if x.start < first_end]
    second = [x for x in mentions if x.start >= first_end]
    assert len(first) >= 3 and len(second) >= 2
    expected = len(first) * (len(first) - 1) // 2 + len(second) * (len(second) - 1) // 2
    assert len(claims) == expected
    for c in claims:
        same_sentence = (c.subject.start < first_end) == (c.object.start < first_end)
        assert same_sentence and TEXT[c.start:c.end] == c.sentence
        assert c.extractor == "cooccurrence" and c.polarity == "asserted" and c.claimant == "Levant Dispatch"
        assert TEXT[c.subject.start:c.subject.end] == c.subject.text


@pytest.mark.slow
def test_it_uses_the_same_mentions_as_the_rules_engine(extracted):
    _, mentions, _ = extracted
    doc = Document(text=TEXT, kind="text", origin="para.txt")
    ((_, rule_mentions, _),) = list(get_extractor("rules").extract([doc]))
    assert [(x.start, x.end, x.kind) for x in mentions] == [(x.start, x.end, x.kind) for x in rule_mentions]
