"""Near-duplicates are found through the band index in the store: across rebuilds, across the
batches of one rebuild, among many copies, and in a store clustered before the index existed."""

import importlib

import pytest
from sqlalchemy import text

from tests.conftest import downgrade
from tiewatch.graph import refresh
from tiewatch.resolve.watchlist import from_records
from tiewatch.store.clusters import band_rows, signature_values
from tiewatch.store.tables import document_bands

NONE = from_records([])
RELEASE = ("The Treasury said on Tuesday that the Kora Relief Fund transferred more than two million dollars "
           "to Ansar el-Wadi through couriers in Niamey between 2021 and 2023, according to the designation notice.")
OTHER = ("Fighters of the Ridge Front ambushed a patrol near the border town of Kidira on Sunday, "
         "local officials told reporters, and withdrew towards the hills before reinforcements arrived.")


def clusters(store) -> dict[int, int]:
    with store.engine.connect() as conn:
        return dict(conn.execute(text("SELECT id, cluster_id FROM documents")).all())


def test_a_copy_stored_in_a_later_run_joins_the_first_document(store, corpus):
    first = corpus.add(RELEASE)
    refresh(store, NONE)
    other = corpus.add(OTHER)
    copy = corpus.add("REPOST: " + RELEASE)
    refresh(store, NONE)
    found = clusters(store)
    assert found[copy] == found[first] != found[other]


def test_copies_are_found_across_the_batches_of_one_rebuild(store, corpus, monkeypatch):
    monkeypatch.setattr(importlib.import_module("tiewatch.graph.refresh"), "CLUSTER_BATCH", 2)
    first = corpus.add(RELEASE)
    same_batch = corpus.add("REPOST: " + RELEASE)
    other = corpus.add(OTHER)
    next_batch = corpus.add(RELEASE + " Read more on our site.")
    other_copy = corpus.add(OTHER + " (AFP)")
    report = refresh(store, NONE)
    found = clusters(store)
    assert report.documents_clustered == 5
    assert found[same_batch] == found[next_batch] == found[first]
    assert found[other_copy] == found[other] != found[first]


def test_a_post_forwarded_a_hundred_times_is_one_cluster(store, corpus):
    post = corpus.add(RELEASE)
    for n in range(100):  # more copies than are compared whole: they share every band with the first
        corpus.add(f"{RELEASE} forward {n}")
    refresh(store, NONE)
    assert set(clusters(store).values()) == {post}


@pytest.mark.parametrize("interrupted", [False, True], ids=["upgraded", "upgrade-interrupted"])
def test_a_store_clustered_before_the_band_index_finds_its_old_documents(store, corpus, interrupted):
    old = corpus.add(RELEASE)
    refresh(store, NONE)
    downgrade(store, "0006")
    if interrupted:  # killed half-way through the fill (SQLite commits the CREATE at once)
        document_bands.create(store.engine)
        values = signature_values(store.signatures([old])[old])
        with store.engine.begin() as conn:
            conn.execute(document_bands.insert(), band_rows(old, values)[:3])
    store.migrate()  # as the next command does: 0007 indexes the signatures already stored
    new = corpus.add("REPOST: " + RELEASE)
    refresh(store, NONE)
    found = clusters(store)
    assert found[new] == found[old]


def test_a_band_shared_by_hundreds_of_posts_reads_only_its_oldest(store, corpus):
    """A channel footer or a template gives hundreds of stored posts one band: a new post counts
    only the oldest MAX_CANDIDATES of them for that band, and the post it really copies (which shares
    its other bands) still comes first."""
    from tiewatch.graph.duplicates import MAX_CANDIDATES

    posts = [corpus.add(f"{OTHER} number {n}") for n in range(MAX_CANDIDATES * 3)]
    footer, *own = range(1, 26)
    copied = posts[-10]
    rows = [{"document_id": d, "key": footer} for d in posts] + [{"document_id": copied, "key": k} for k in own]
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE documents SET cluster_id = id"))
        conn.execute(document_bands.insert(), rows)
    found = store.band_candidates([footer, *own], MAX_CANDIDATES)
    assert found[0] == (copied, copied, len(own))  # the footer is not counted for a post past the oldest
    assert [d for d, _, _ in found[1:]] == posts[:MAX_CANDIDATES - 1]
