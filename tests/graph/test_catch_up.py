"""A decision whose rebuild never ran (the process died after the write) is caught up by the next
command: every write the graph is built from leaves it behind until a rebuild absorbs it."""

from __future__ import annotations

from tests.batch.conftest import EXAMPLES
from tiewatch.batch.pipeline import ingest
from tiewatch.extract import get_extractor
from tiewatch.graph import catch_up


def caught_up(store) -> bool:
    """Behind after the write; one rebuild brings it level; a second finds nothing to do."""
    was_behind = store.graph_behind()
    rebuilt = catch_up(store)
    return was_behind and rebuilt is not None and not store.graph_behind() and catch_up(store) is None


def test_reviews_grades_kinds_and_their_undos_are_caught_up(store):
    ingest(store, [str(EXAMPLES / "sahel-ledger-tin-azar-clashes.html"), str(EXAMPLES / "analyst-note.md")],
           extractor=get_extractor("rules"))
    assert not store.graph_behind() and catch_up(store) is None
    fact = store.claim_facts()[0]

    def claims_of_tie() -> int:
        tie = store.get_tie(fact.tie_id)
        return tie.asserted + tie.denied + tie.hedged

    before = claims_of_tie()
    rejected = store.review_claim(fact.id, "lea", status="rejected")
    assert caught_up(store) and claims_of_tie() == before - 1
    store.undo_review(rejected.id, "lea")
    assert caught_up(store) and claims_of_tie() == before
    source = store.list_sources()[0]
    store.grade_source(source.id, "B", "lea")
    assert caught_up(store)
    actor = store.list_actors()[0]
    entry = store.apply_kind(actor.id, "person" if actor.kind != "person" else "group", {"kind": actor.kind}, None, "lea")
    assert caught_up(store)
    store.restore_kind(entry, actor.id, actor.kind)
    assert caught_up(store)


def test_an_empty_store_is_not_behind(store):
    assert not store.graph_behind() and catch_up(store) is None
