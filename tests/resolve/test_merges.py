"""Merge and split: logged, claims follow their mentions, and a split restores the exact prior state."""

import pytest

from tiewatch.graph import refresh
from tiewatch.model import NotFound, ReviewError
from tiewatch.resolve import find_actor, merge, split, undo, unmerge
from tiewatch.resolve.watchlist import from_records

NONE = from_records([])


def state(store):
    return store.list_actors(), store.list_ties(), [store.claims_for_tie(t.id) for t in store.list_ties()]


@pytest.fixture
def two_spellings(store, corpus):
    corpus.add("Ansar Dine attacked Gao.", ("Ansar Dine", "fights", "Gao", "asserted", ("group", "place")))
    corpus.add("Harakat Ansar Eddine supplied arms to Katiba Macina.", ("Harakat Ansar Eddine", "supplies_weapons", "Katiba Macina"),
               source="Bamako Post")
    corpus.add("Ansar Dine supplied arms to Katiba Macina, a source said.",
               ("Ansar Dine", "supplies_weapons", "Katiba Macina"), source="Mali Wire")
    refresh(store, NONE)
    return store


def test_merge_folds_names_and_claims_and_is_logged(two_spellings):
    store = two_spellings
    assert len(store.list_ties(type="supplies_weapons")) == 2
    log_id = merge(store, "Ansar Dine", "Harakat Ansar Eddine", why="same group, French spelling", who="lea")
    refresh(store, NONE)
    actor = find_actor(store, "Harakat Ansar Eddine")
    assert actor.name == "Ansar Dine" and "Harakat Ansar Eddine" in actor.aliases and actor.claim_count == 3
    [tie] = store.list_ties(type="supplies_weapons")
    assert (tie.subject, tie.asserted, tie.sources) == ("Ansar Dine", 2, 2)
    [entry] = store.merge_entries()
    assert (entry.id, entry.action, entry.who, entry.why) == (log_id, "merge", "lea", "same group, French spelling")
    assert entry.at and entry.undone_at is None


def test_merge_then_split_restores_the_exact_previous_state(two_spellings):
    store = two_spellings
    before = state(store)
    merge(store, "Ansar Dine", "Harakat Ansar Eddine", who="lea")
    refresh(store, NONE)
    assert state(store) != before
    split(store, "Ansar Dine", "Harakat Ansar Eddine")
    refresh(store, NONE)
    assert state(store) == before
    assert store.merge_entries()[0].undone_at is not None


def test_unmerge_and_undo_restore_too_and_later_mentions_go_back(two_spellings, corpus):
    store = two_spellings
    before_names = sorted(a.name for a in store.list_actors())
    merge(store, "Ansar Dine", "Harakat Ansar Eddine")
    corpus.add("Harakat Ansar Eddine fighters were seen in Kidal.", names=("Harakat Ansar Eddine",), source="Sahara News")
    refresh(store, NONE)
    unmerge(store, "Harakat Ansar Eddine")
    refresh(store, NONE)
    assert sorted(a.name for a in store.list_actors()) == before_names
    assert len(store.actor_mentions(find_actor(store, "Harakat Ansar Eddine").id)) == 2
    log_id = merge(store, "Ansar Dine", "Harakat Ansar Eddine")
    undo(store, log_id)
    with pytest.raises(ReviewError, match="already undone"):
        undo(store, log_id)


def test_split_of_an_alias_from_the_text_makes_a_new_actor_and_merging_back_undoes_it(two_spellings):
    store = two_spellings
    before = [(t.subject, t.type, t.object, t.asserted) for t in store.list_ties()]
    merge(store, "Ansar Dine", "Katiba Macina")
    refresh(store, NONE)
    merged = [(t.subject, t.type, t.object) for t in store.list_ties()]
    assert ("Ansar Dine", "supplies_weapons", "Katiba Macina") not in merged
    split(store, "Ansar Dine", "Katiba Macina")
    refresh(store, NONE)
    assert [(t.subject, t.type, t.object, t.asserted) for t in store.list_ties()] == before


def test_bad_merges_and_splits_are_clear_errors(two_spellings):
    store = two_spellings
    with pytest.raises(ReviewError, match="kinds differ"):
        merge(store, "Ansar Dine", "Gao")
    with pytest.raises(ReviewError, match="already one actor"):
        merge(store, "Ansar Dine", "ansar dine")
    with pytest.raises(NotFound, match="no actor named 'Boko Haram'"):
        merge(store, "Ansar Dine", "Boko Haram")
    with pytest.raises(ReviewError, match="not a name of"):
        split(store, "Ansar Dine", "Katiba Macina")
    with pytest.raises(ReviewError, match="not merged"):
        unmerge(store, "Gao")


def test_a_split_is_logged_and_undoing_it_folds_the_name_back(two_spellings, corpus):
    store = two_spellings
    corpus.add("Ansar Edine fought in Gao.", names=("Ansar Edine",), source="Sahel Post")
    refresh(store, NONE)
    assert "Ansar Edine" in find_actor(store, "Ansar Dine").aliases
    log_id = split(store, "Ansar Dine", "Ansar Edine", why="a different front", who="lea")
    refresh(store, NONE)
    carved = find_actor(store, "Ansar Edine")
    assert carved.name == "Ansar Edine" and len(store.actor_mentions(carved.id)) == 1
    assert store.merge_entries()[0].action == "split" and store.merge_entries()[0].why == "a different front"
    undo(store, log_id)
    refresh(store, NONE)
    assert find_actor(store, "Ansar Edine").name == "Ansar Dine"
    assert [e.undone_at is not None for e in store.merge_entries() if e.id == log_id] == [True]


def test_first_seen_follows_a_merge(two_spellings, corpus):
    store = two_spellings
    corpus.add("Old archive: Harakat Ansar Eddine fought in 2012.", names=("Harakat Ansar Eddine",), source="Archive",
               published="2012-04-01")
    refresh(store, NONE)
    merge(store, "Ansar Dine", "Harakat Ansar Eddine")
    refresh(store, NONE)
    assert find_actor(store, "Ansar Dine").first_seen == "2012-04-01"


def test_two_watchlist_entries_merge_only_when_forced(store):
    from tests.export.sample import build_network

    build_network(store)
    with pytest.raises(ReviewError, match=r"'Hamas' \(.*ofac.*\) and 'Islamic State of Iraq and ash-Sham' .* are two "
                                          r"watchlist entries; .*--force"):
        merge(store, "Hamas", "ISIS")
    assert find_actor(store, "ISIS").name == "Islamic State of Iraq and ash-Sham"
    merge(store, "Hamas", "ISIS", why="the list is wrong", force=True)
    assert find_actor(store, "ISIS").name == "Hamas"
