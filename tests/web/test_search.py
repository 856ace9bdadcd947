"""Full-text search over documents on SQLite (FTS5) and PostgreSQL, kept in step with new documents."""

from __future__ import annotations

from web.corpus import add, document


def test_new_documents_are_searchable_at_once(world):
    store = world.store
    assert store.search_documents("Agadez") == []
    doc_id = add(store, document("Convoys left Agadez at night.", "Night convoys", "Air Watch", "2024-06-01"), [])
    assert [h.id for h in store.search_documents("agadez convoys")] == [doc_id]
    assert [h.id for h in store.search_documents("night")] == [doc_id]


def test_every_word_must_match_and_operators_are_plain_words(world):
    store = world.store
    assert [h.title for h in store.search_documents("rifles Tillaberi")] == ["Training camps near Tillaberi"]
    assert store.search_documents("rifles Agadez") == []
    assert store.search_documents('"NEAR(" AND *') == [] and store.search_documents("   ") == []


def test_listing_and_paging_documents(world):
    store = world.store
    newest = store.list_documents(limit=2)
    assert [d.id for d in newest] == [world.ids["hostile"], world.ids["second"]]
    assert [d.id for d in store.list_documents(limit=2, offset=2)] == [world.ids["first"]]
