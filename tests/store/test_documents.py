import hashlib

import pytest

from tiewatch.model import Claim, Document, Mention, NotFound, Source
from tiewatch.store import Store


def _doc(text: str, **kw) -> Document:
    return Document(
        text=text, kind="text", origin="statement.txt",
        sha256=hashlib.sha256(text.encode()).hexdigest(), source=Source("Sahel Monitor"), **kw,
    )


def test_a_document_is_stored_once(store):
    first_id, new = store.add_document(_doc("The front denied any link to the brigade."))
    again_id, again_new = store.add_document(_doc("The front denied any link to the brigade."))
    assert new and not again_new and first_id == again_id
    assert store.count_documents() == 1
    got = store.get_document(first_id)
    assert got.text.startswith("The front") and got.source.name == "Sahel Monitor"


def test_document_and_claims_share_one_transaction(store):
    text = "Hamas supplied rifles to the brigade."
    subj, obj = Mention("Hamas", 0, 5, "group"), Mention("the brigade", 25, 36, "group")
    bad = Claim(subj, obj, "supplies_weapons", "asserted", "x" * 10, text, 0, len(text), "r", 0.9)
    bad.polarity = None  # violates NOT NULL: the whole document must be rolled back
    with pytest.raises(Exception):
        store.add_document(_doc(text), [subj, obj], [bad])
    assert store.count_documents() == 0
    good = Claim(subj, obj, "supplies_weapons", "asserted", "Reporter", text, 0, len(text), "r", 0.9)
    doc_id, new = store.add_document(_doc(text), [subj, obj], [good])
    assert new and store.count_claims() == 1


def test_missing_document_is_a_clear_error(store):
    with pytest.raises(NotFound, match="no document with id 99"):
        store.get_document(99)


def test_reopening_keeps_data(db_url):
    Store(db_url).add_document(_doc("Stored before the reopen."))
    assert Store(db_url).count_documents() == 1
