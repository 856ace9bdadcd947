"""`refresh(store)`: bring the graph up to date with everything stored.

Steps, each touching only what is new where it can:
1. resolve every mention without an actor (resolve.ActorRegistry), a guessed kind settled by the
   votes of every stored mention of its name (resolve/kinds.py: earlier guesses whose name's count
   changed are resolved again), then actors' first seen;
2. give new documents a near-duplicate cluster (duplicates.Clusters) and read the channel
   edges of new Telegram posts (channels), resolving forward origins and replied posts now known;
3. re-aggregate ties from all claims in one pass, writing only changed rows (ties.aggregate).
Idempotent: a second run finds nothing new and writes nothing, timestamps included.

Crash-safe and one at a time: the rebuild holds the store's graph lock (a second ingest waits
for it instead of creating the same actors twice); each document's mentions are resolved in one
transaction with the actors they create, and a document's cluster with its channel edges, so a
process killed half-way leaves no orphan rows. A finished rebuild records the store's generation
(store/graphstate.py); `catch_up(store)` rebuilds whenever a write came after it (an ingest or a
review killed before its rebuild ended), which is how the next command repairs an interrupted one.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from tiewatch.graph.channels import edges_of, pending_names
from tiewatch.graph.duplicates import Clusters
from tiewatch.graph.ties import aggregate
from tiewatch.resolve.kinds import KindVotes, backfill, finish_pending
from tiewatch.resolve.registry import ActorRegistry
from tiewatch.resolve.watchlist import Watchlist

CLUSTER_BATCH = 1000  # documents clustered and stored together


@dataclass
class RefreshReport:
    mentions_resolved: int = 0
    actors_created: int = 0
    mentions_revoted: int = 0  # earlier guesses whose name's winning kind changed
    actors_folded: int = 0
    documents_clustered: int = 0
    channel_edges: int = 0
    ties_created: int = 0
    ties_updated: int = 0
    claims_linked: int = 0

    @property
    def changed(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def summary(self) -> str:
        return (
            f"{self.mentions_resolved} mentions resolved ({self.actors_created} new actors), "
            f"{self.documents_clustered} documents clustered, {self.channel_edges} channel edges, "
            f"{self.ties_created} new ties, {self.ties_updated} ties updated"
        )


def resolve_mentions(store, report: RefreshReport, watchlist: Watchlist | None = None) -> None:
    backfill(store)
    documents = store.unresolved_documents()
    if not documents and store.pending_graph_work() == ([], []):
        return
    registry = ActorRegistry(store, watchlist)
    registry.votes = KindVotes(store, documents)
    for doc in documents:
        with store.unit():  # the document's mentions with the actors they create, or nothing
            assigned = registry.resolve_document(doc)
            report.mentions_resolved += store.assign_mentions(assigned)
            store.note_graph_work({a.name_key for a in assigned if a.vote_weight}, {a.actor_id for a in assigned})
    report.mentions_revoted, report.actors_folded = finish_pending(store, registry)
    report.actors_created = registry.created


def cluster_documents(store, report: RefreshReport) -> None:
    """Near-duplicate clusters and channel edges for the new documents, `CLUSTER_BATCH` at a time:
    each batch is stored in one transaction, so a long backlog holds little memory and a kill
    loses no more than the batch it interrupts. A channel id gets the name of the first post that
    gives it (a channel renamed later in the backlog keeps the name its edges were resolved with)."""
    ids = store.unclustered_document_ids()
    messages, names = None, {}  # names: what the posts of every batch so far resolve
    for start in range(0, len(ids), CLUSTER_BATCH):
        batch = ids[start:start + CLUSTER_BATCH]
        rows = store.documents_to_cluster(batch[0], batch[-1])
        clusters = Clusters(store)
        assigned = [(row.id, *clusters.assign(row.id, row.text)) for row in rows]
        posts = [row for row in rows if row.kind == "telegram"]
        with store.unit():  # a document counts as clustered only with its channel edges stored
            store.set_clusters(assigned)
            if posts:
                messages = store.telegram_messages() if messages is None else messages
                report.channel_edges += store.add_structural_edges(
                    edge for row in posts
                    for edge in edges_of(row.id, row.meta or {}, row.published or row.ingested_at, messages))
                names.update(pending_names(posts))
                pending = store.unresolved_channel_ids()  # this batch's own edges included
                store.resolve_channel_ids({k: v for k, v in names.items() if k in pending})
        report.documents_clustered += len(rows)


def refresh(store, watchlist: Watchlist | None = None) -> RefreshReport:
    """Resolve, cluster and aggregate; returns what changed (nothing on a second run)."""
    report = RefreshReport()
    with store.graph_lock():
        generation = store.graph_generation()
        resolve_mentions(store, report, watchlist)
        store.refresh_first_seen()
        cluster_documents(store, report)
        tied = aggregate(store)
        report.ties_created, report.ties_updated, report.claims_linked = tied.created, tied.updated, tied.claims_linked
        store.record_rebuilt(generation)
    return report


def catch_up(store, watchlist: Watchlist | None = None) -> RefreshReport | None:
    """Rebuild when the graph is behind what is stored (after an interrupted run); else None."""
    if not store.graph_behind():
        return None
    with store.graph_lock():
        if not store.graph_behind():  # a rebuild that was running elsewhere has caught up
            return None
        return refresh(store, watchlist)
