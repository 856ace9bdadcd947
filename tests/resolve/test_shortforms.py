"""A document that gives a name in full and then shortens it ("Al-Baghdadi", "Al-Qassam") means
one actor, even where the tagger guessed the short form's kind wrong."""

import hashlib

from tiewatch.graph import refresh
from tiewatch.model import Document, Mention, Source
from tiewatch.resolve.shortforms import long_forms
from tiewatch.resolve.watchlist import from_records

NONE = from_records([])


def _add(store, text, *spans):
    """spans: (name, kind, label); each name is found in order of appearance."""
    found, at = [], 0
    for name, kind, label in spans:
        start = text.index(name, at)
        found.append(Mention(name, start, start + len(name), kind, label=label))
        at = start + 1
    doc = Document(text=text, kind="text", origin="letter.txt", source=Source("Monitor"),
                   sha256=hashlib.sha256(text.encode()).hexdigest(), published="2016-02-24")
    store.add_document(doc, found, [])


def actor_of(store, text):
    hits = [a for a in store.list_actors() if text in store_names(store, a)]
    assert len(hits) == 1, (text, [a.name for a in store.list_actors()])
    return hits[0]


def store_names(store, actor):
    return {m.text for m in store.actor_mentions(actor.id)}


def test_surnames_kunyas_and_unit_names_shortened_in_one_document_are_one_actor(store):
    text = ("Abu Bakr al-Baghdadi got a letter from Abu 'Abdallah Al-Muhajir about the Al-Qassam Brigades. "
            "Al-Baghdadi read it; Abu 'Abdallah says Al-Qassam smuggles rifles while ISIS and ISIS Sinai watch.")
    _add(store, text,
         ("Abu Bakr al-Baghdadi", "person", "PERSON"), ("Abu 'Abdallah Al-Muhajir", "person", "abu_name"),
         ("Al-Qassam Brigades", "group", "brigade"), ("Al-Baghdadi", "group", "ORG"),
         ("Abu 'Abdallah", "person", "PERSON"), ("Al-Qassam", "person", "PERSON"),
         ("ISIS", "group", "watchlist"), ("ISIS Sinai", "group", "watchlist"))
    refresh(store, NONE)
    assert store_names(store, actor_of(store, "Al-Baghdadi")) == {"Abu Bakr al-Baghdadi", "Al-Baghdadi"}
    assert actor_of(store, "Al-Baghdadi").kind == "person"
    assert store_names(store, actor_of(store, "Abu 'Abdallah")) == {"Abu 'Abdallah Al-Muhajir", "Abu 'Abdallah"}
    qassam = actor_of(store, "Al-Qassam")
    assert store_names(store, qassam) == {"Al-Qassam Brigades", "Al-Qassam"} and qassam.kind == "group"
    assert actor_of(store, "ISIS").id != actor_of(store, "ISIS Sinai").id  # a branch is not its parent


def test_a_short_form_two_full_names_could_mean_stays_apart(store):
    text = "Ahmed Diallo and Moussa Diallo lead the front. Diallo spoke on Friday."
    _add(store, text, ("Ahmed Diallo", "person", "PERSON"), ("Moussa Diallo", "person", "PERSON"),
         ("Diallo", "person", "PERSON"))
    refresh(store, NONE)
    assert len(store.list_actors()) == 3


def test_long_forms_keep_ruler_kinds_and_ignore_single_words():
    pairs = [("Kora Front", "group", "front"), ("Kora", "place", "gazetteer"), ("Kora Liberation Army", "group", "ORG")]
    assert long_forms(pairs) == {}  # "Kora" is a place by rule, and "Liberation Army" is no unit noun pair
    assert long_forms([("Sinai Province", "group", "province"), ("Sinai", "group", "ORG")]) == {
        "Sinai": ("Sinai Province", "group")}
