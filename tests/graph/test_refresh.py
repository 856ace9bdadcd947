"""`refresh(store)`: what the ingest pipeline calls after every ingest."""

from tiewatch.graph import refresh
from tiewatch.resolve.watchlist import from_records

NO_WATCHLIST = from_records([])


def test_refresh_turns_claims_into_one_tie_per_pair_and_type(store, corpus):
    corpus.add("Hezbollah supplied rockets to Hamas, officials said.", ("Hezbollah", "supplies_weapons", "Hamas"))
    corpus.add("Hizballah has armed Hamas for years, a report found.", ("Hizballah", "supplies_weapons", "Hamas"),
               source="Gulf Observer", published="2024-05-02")
    report = refresh(store, NO_WATCHLIST)
    assert report.mentions_resolved == 4 and report.actors_created == 2 and report.ties_created == 1
    [tie] = store.list_ties()
    assert (tie.subject, tie.type, tie.object) == ("Hezbollah", "supplies_weapons", "Hamas")
    assert (tie.asserted, tie.denied, tie.sources) == (2, 0, 2)
    assert (tie.first_seen, tie.last_seen) == ("2024-03-01", "2024-05-02")
    assert [(c.source, c.sentence[:20]) for c in store.claims_for_tie(tie.id)] == [
        ("Sahel Monitor", "Hezbollah supplied r"), ("Gulf Observer", "Hizballah has armed ")]


def test_a_second_refresh_changes_nothing_not_even_timestamps(store, corpus):
    corpus.add("Hezbollah supplied rockets to Hamas, officials said.", ("Hezbollah", "supplies_weapons", "Hamas"))
    corpus.add("Hamas denied that Hezbollah supplied rockets.", ("Hezbollah", "supplies_weapons", "Hamas", "denied"),
               source="Hamas statement")
    assert refresh(store, NO_WATCHLIST).changed
    before = (store.list_actors(), store.list_ties(), store.tie_records())
    again = refresh(store, NO_WATCHLIST)
    assert not again.changed, again.summary()
    assert (store.list_actors(), store.list_ties(), store.tie_records()) == before


def test_symmetric_ties_are_stored_once_whichever_way_round(store, corpus):
    corpus.add("Hamas cooperates with Islamic Jihad in Gaza.", ("Hamas", "cooperates_with", "Islamic Jihad"))
    corpus.add("Islamic Jihad fought alongside Hamas.", ("Islamic Jihad", "cooperates_with", "Hamas"), source="Other")
    refresh(store, NO_WATCHLIST)
    [tie] = store.list_ties()
    assert tie.asserted == 2 and tie.sources == 2 and tie.subject == "Hamas"



def test_rejected_claims_do_not_count_and_review_overrides_apply(store, corpus):
    doc = corpus.add("Hamas funds the Mujahideen Brigades.", ("Hamas", "funds", "Mujahideen Brigades"))
    refresh(store, NO_WATCHLIST)
    [claim] = store.claims_for_document(doc)
    store.review_claim(claim.id, "lea", type="supports")
    store.review_claim(claim.id, "lea", reversed=True)
    refresh(store, NO_WATCHLIST)
    [tie] = store.list_ties()
    assert (tie.subject, tie.type, tie.object) == ("Mujahideen Brigades", "supports", "Hamas")
    store.review_claim(claim.id, "lea", status="rejected")
    report = refresh(store, NO_WATCHLIST)
    assert store.list_ties() == [] and report.ties_updated == 1
    assert store.get_claim(claim.id).tie_id is None
