"""The store, on SQLite and PostgreSQL, given Documents whose every field is arbitrary, finished as
ingest finishes them: stored and read back unchanged, or refused with an IngestError (no text) or a
StoreError; never another exception, and a second store of the same text adds nothing."""

from __future__ import annotations

from itertools import count

from hypothesis import given

from tests.fuzz.strategies import documents
from tiewatch.ingest.fingerprint import finish
from tiewatch.model import Document, IngestError, StoreError
from tiewatch.store import tables
from tiewatch.store.documents import clip


def store_once(store, doc: Document) -> tuple[int, bool] | None:
    """(id, is new) as ingest would store the document, or None when it would skip it."""
    try:
        return store.add_document(finish(doc))
    except (IngestError, StoreError):
        return None


SERIAL = count()


@given(doc=documents())
def test_any_document_is_stored_unchanged_or_refused(store, doc):
    doc.text += f" {next(SERIAL)}"  # one store serves every example: a new text reaches the INSERT
    before = store.count_documents()
    outcome = store_once(store, doc)
    if outcome is None:
        assert store.count_documents() == before
        return
    doc_id, is_new = outcome
    stored = store.get_document(doc_id)
    assert stored.sha256 == doc.sha256 and store.count_documents() == before + is_new
    if is_new:  # as sent, clipped to what both backends hold (lengths, NUL bytes, NaN in JSON)
        sent = clip(tables.documents, {"text": doc.text, "title": doc.title, "author": doc.author, "published": doc.published,
                                "meta": doc.metadata, "origin": doc.origin})
        assert (stored.text, stored.title, stored.author, stored.published) == (sent["text"], sent["title"], sent["author"], sent["published"])
        assert stored.metadata == sent["meta"] and stored.origin == sent["origin"]
        expected_source = clip(tables.sources, {"name": doc.source.name})["name"] if doc.source else None
        assert (stored.source.name if stored.source else None) == expected_source
    again = Document(text=doc.text, kind=doc.kind, origin="again", sha256=doc.sha256)
    assert store.add_document(again) == (doc_id, False)
