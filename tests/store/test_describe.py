"""An analyst corrects what a document says about itself; the change is logged and can be undone."""

import hashlib

import pytest

from tiewatch.model import Document, ReviewError


def _stored(store, text="The front denied any link to the brigade.", **kw):
    doc = Document(text=text, kind="text", origin="letters/statement.txt",
                   sha256=hashlib.sha256(text.encode()).hexdigest(), **kw)
    return store.add_document(doc)[0]


def test_title_publisher_date_and_address_are_set_logged_and_undone(store):
    doc_id = _stored(store, title="Browse By", metadata={"format": "plain"})
    entry = store.describe_document(doc_id, "lea", {
        "title": "Letter By ISIS Fighter Reveals Ties To Hamas", "publisher": "MEMRI JTTM",
        "published": "2016-02-28", "url": "https://www.memri.org/jttm/letter",
    })
    doc = store.get_document(doc_id)
    assert doc.title.startswith("Letter By") and doc.source.name == "MEMRI JTTM" and doc.published == "2016-02-28"
    assert doc.metadata == {"format": "plain", "canonical_url": "https://www.memri.org/jttm/letter", "dated_by": "analyst"}
    assert entry.action == "describe" and entry.target_kind == "document" and entry.before["title"] == "Browse By"
    assert [e.id for e in store.list_reviews("document", doc_id)] == [entry.id]

    store.undo_review(entry.id, "lea")
    doc = store.get_document(doc_id)
    assert doc.title == "Browse By" and doc.source is None and doc.published is None
    assert doc.metadata == {"format": "plain"}


def test_only_what_changed_is_logged_and_no_change_is_refused(store):
    doc_id = _stored(store, title="Statement No. 14", published="2024-03-15", metadata={"dated_by": "letterhead"})
    entry = store.describe_document(doc_id, "lea", {"title": "Statement No. 14", "published": "2024-03-16"}, dated_by="flag")
    assert entry.before == {"published": "2024-03-15", "dated_by": "letterhead"}
    assert entry.after == {"published": "2024-03-16", "dated_by": "flag"}
    with pytest.raises(ReviewError, match="nothing changed"):
        store.describe_document(doc_id, "lea", {"published": "2024-03-16"})
    with pytest.raises(ReviewError, match="cannot be set"):
        store.describe_document(doc_id, "lea", {"text": "rewritten"})


def test_a_new_date_marks_the_graph_for_a_rebuild(store):
    doc_id = _stored(store)
    store.record_rebuilt(store.graph_generation())
    assert not store.graph_behind()
    store.describe_document(doc_id, "lea", {"published": "2016-02-24"})
    assert store.graph_behind() and store.get_document(doc_id).published == "2016-02-24"
