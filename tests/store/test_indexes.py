"""The reads that grow with the store find their rows through an index on both databases, in a
store made today and in one made before revision 0008 and upgraded."""

from __future__ import annotations

import pytest
from sqlalchemy import func, or_, select, text

from tests.conftest import downgrade
from tiewatch.store.tables import actors, claims, documents, review_log, structural_edges, ties

READS = {  # the store's query shapes (store/graphreads.py, votes.py, review.py, ties.py) -> the index they need
    "ix_ties_created_at_id": select(ties.c.id).order_by(ties.c.created_at.desc(), ties.c.id.desc()).limit(12),
    "ix_ties_first_denied_at": select(ties.c.id).where(or_(ties.c.created_at >= "2026-01-01",
                                                           ties.c.first_denied_at >= "2026-01-01")),
    "ix_actors_name_lower": select(actors.c.id).where(func.lower(actors.c.name) == "hamas"),
    "ix_actors_merged_into": select(actors.c.id).where(actors.c.merged_into == 7),
    "ix_claims_object_mention_id": select(claims.c.id).where(claims.c.object_mention_id == 7),
    "ix_claims_status": select(claims.c.id).where(claims.c.status == "rejected"),
    "ix_structural_edges_to_channel": select(structural_edges.c.id).where(structural_edges.c.to_channel == "c7"),
    "ix_review_log_target": select(review_log.c.id).where(review_log.c.target_kind == "actor", review_log.c.target_id == 7),
    "ix_documents_kind": select(documents.c.id).where(documents.c.kind == "telegram"),
}


def plan(store, statement) -> str:
    with store.engine.connect() as conn:
        sql = str(statement.compile(conn, compile_kwargs={"literal_binds": True}))
        if store.dialect == "sqlite":
            return " ".join(str(row[-1]) for row in conn.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
        conn.execute(text("SET enable_seqscan = off"))  # tiny tables: ask whether an index *can* serve
        return " ".join(row[0] for row in conn.execute(text(f"EXPLAIN {sql}")))


@pytest.mark.parametrize("index", list(READS))
def test_a_read_that_grows_with_the_store_uses_its_index(store, index):
    assert index in plan(store, READS[index])


def test_a_store_from_before_0008_gains_the_indexes_when_opened(store):
    downgrade(store, "0007")
    assert not any(index in plan(store, statement) for index, statement in READS.items())
    store.migrate()  # as the next command does
    assert all(index in plan(store, statement) for index, statement in READS.items())
    store.migrate()  # and again: nothing to do, no error
