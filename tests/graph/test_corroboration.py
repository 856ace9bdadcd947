"""Independent sources: republications count once, different publishers count separately."""

from tiewatch.graph import refresh
from tiewatch.resolve.watchlist import from_records

NONE = from_records([])
RELEASE = ("The Treasury said on Tuesday that the Kora Relief Fund transferred more than two million dollars "
           "to Ansar el-Wadi through couriers in Niamey between 2021 and 2023, according to the designation notice.")
CLAIM = ("Kora Relief Fund", "funds", "Ansar el-Wadi")


def the_tie(store):
    [tie] = store.list_ties()
    return tie


def test_a_press_release_republished_by_two_more_sites_is_one_source(store, corpus):
    corpus.add(RELEASE, CLAIM, source="treasury.gov", published="2024-03-05")
    corpus.add(RELEASE + " Read more on our site.", CLAIM, source="Sahel Monitor", published="2024-03-06")
    corpus.add("REPOST: " + RELEASE, CLAIM, source="Niger Daily", published="2024-03-07")
    refresh(store, NONE)
    tie = the_tie(store)
    assert (tie.asserted, tie.sources) == (3, 1)
    assert (tie.first_seen, tie.last_seen) == ("2024-03-05", "2024-03-07")


def test_a_forwarded_telegram_post_is_the_same_text_and_one_source(store, corpus):
    corpus.add(RELEASE, CLAIM, source="Kora News Relay", kind="telegram", metadata={"channel": "Kora News Relay"})
    corpus.add(RELEASE + " 🔁", CLAIM, source="Wadi Voice", kind="telegram",
               metadata={"channel": "Wadi Voice", "forwarded_from": "Kora News Relay"})
    refresh(store, NONE)
    assert the_tie(store).sources == 1


def test_two_outlets_reporting_separately_are_two_sources_and_a_copy_adds_none(store, corpus):
    corpus.add("Kora Relief Fund financed Ansar el-Wadi, investigators told Reuters.", CLAIM, source="Reuters")
    corpus.add("Ansar el-Wadi received money from Kora Relief Fund, our reporter in Niamey learned.",
               CLAIM, source="Le Sahel")
    refresh(store, NONE)
    assert the_tie(store).sources == 2
    corpus.add("Kora Relief Fund financed Ansar el-Wadi, investigators told Reuters!", CLAIM, source="Copy Site")
    refresh(store, NONE)
    assert (the_tie(store).asserted, the_tie(store).sources) == (3, 2)


def test_two_stories_by_one_publisher_are_one_source(store, corpus):
    corpus.add("Kora Relief Fund financed Ansar el-Wadi in 2022.", CLAIM, source="Reuters")
    corpus.add("New documents show Kora Relief Fund paid Ansar el-Wadi fighters' salaries.", CLAIM, source="Reuters")
    refresh(store, NONE)
    assert the_tie(store).sources == 1


def test_near_duplicates_share_a_cluster_and_only_new_documents_are_hashed(store, corpus):
    first = corpus.add(RELEASE, CLAIM, source="treasury.gov")
    report = refresh(store, NONE)
    assert report.documents_clustered == 1
    copy = corpus.add(RELEASE.replace("Tuesday", "Wednesday"), CLAIM, source="Sahel Monitor")
    other = corpus.add("A different story about Ansar el-Wadi entirely, with nothing copied.", names=("Ansar el-Wadi",))
    assert refresh(store, NONE).documents_clustered == 2
    clusters = {c.document_id: c.cluster_id for t in store.list_ties() for c in store.claims_for_tie(t.id)}
    assert clusters[first] == clusters[copy] == first
    assert store.get_document(other).id == other
