"""Near-duplicate clusters in the store, with the locality-sensitive index that finds them: clustering
a new document costs a few indexed lookups, not an index rebuilt from every stored signature.

A MinHash signature of 128 values is cut into `BANDS` bands of `ROWS` values; two documents whose
signatures agree on a whole band are candidate near-duplicates (then compared whole, in
tiewatch.graph.duplicates). Each band becomes one 64-bit key (the band's number and values,
hashed), stored in `document_bands` beside the document. 25 bands of 5 are what datasketch's
MinHashLSH chooses for a candidate threshold of 0.5 over 128 permutations; they are fixed here
because stored keys must keep their meaning from release to release.
"""

from __future__ import annotations

import hashlib
import json
import struct
from typing import Any, Iterable, Sequence

from sqlalchemy import Text, bindparam, func, select, type_coerce, union_all

from tiewatch.store.tables import document_bands, documents

BANDS = 25
ROWS = 5
NUM_PERM = 128


def band_keys(values: Sequence[int]) -> list[int]:
    """The band keys of one signature (none for a signature of another length)."""
    if len(values) != NUM_PERM:
        return []
    keys = []
    for band in range(BANDS):
        packed = struct.pack(f"<H{ROWS}Q", band, *(int(v) for v in values[band * ROWS:(band + 1) * ROWS]))
        keys.append(int.from_bytes(hashlib.blake2b(packed, digest_size=8).digest(), "little", signed=True))
    return keys


def band_rows(document_id: int, values: Sequence[int]) -> list[dict[str, int]]:
    """The `document_bands` rows of one document's signature."""
    return [{"document_id": document_id, "key": key} for key in band_keys(values)]


def signature_values(stored: str | list[int] | None) -> list[int]:
    """The values of a signature as `ClustersMixin.signatures` gives it."""
    values = json.loads(stored) if isinstance(stored, str) else stored
    return values if isinstance(values, list) else []


class ClustersMixin:
    def unclustered_document_ids(self) -> list[int]:
        """Ids of the documents not yet given a near-duplicate cluster, oldest first."""
        query = select(documents.c.id).where(documents.c.cluster_id.is_(None)).order_by(documents.c.id)
        with self.reading() as conn:
            return list(conn.scalars(query))

    def documents_to_cluster(self, first: int, last: int) -> list[Any]:
        """id, text, kind, meta, published, ingested_at of the unclustered documents with ids from
        `first` to `last`, in id order."""
        with self.reading() as conn:
            return conn.execute(
                select(documents.c.id, documents.c.text, documents.c.kind, documents.c.meta,
                       documents.c.published, documents.c.ingested_at)
                .where(documents.c.id.between(first, last), documents.c.cluster_id.is_(None)).order_by(documents.c.id)
            ).all()

    def band_candidates(self, keys: Sequence[int], limit: int) -> list[tuple[int, int, int]]:
        """(document id, its cluster id, bands shared) of the clustered documents sharing a band key
        with these, those sharing most first (then the oldest), at most `limit` of them. Only the
        `limit` oldest documents of each key are counted, so a band that thousands of stored posts
        share (a channel's footer, a template) costs `limit` index entries, not thousands."""
        if not keys:
            return []
        bands = document_bands.c
        oldest = [select(select(bands.document_id).where(bands.key == key).order_by(bands.document_id)
                         .limit(limit).subquery()) for key in dict.fromkeys(keys)]
        hits = union_all(*oldest).subquery()
        shared = func.count().label("shared")
        best = (select(hits.c.document_id, shared).group_by(hits.c.document_id)
                .order_by(shared.desc(), hits.c.document_id).limit(limit).subquery())
        with self.reading() as conn:  # the cluster ids of those few only (a join first reads every document)
            rows = conn.execute(
                select(best.c.document_id, documents.c.cluster_id, best.c.shared)
                .join(documents, documents.c.id == best.c.document_id)
                .order_by(best.c.shared.desc(), best.c.document_id)
            ).all()
        return [(r.document_id, r.cluster_id, r.shared) for r in rows]

    def signatures(self, ids: Iterable[int]) -> dict[int, str | list[int]]:
        """document id -> MinHash values of these documents: the JSON text stored where the driver
        gives it (decoding costs more than comparing, so the caller decodes only those it
        compares; `signature_values` does), else the values (PostgreSQL's driver decodes JSON)."""
        wanted = list(ids)
        if not wanted:
            return {}
        with self.reading() as conn:
            rows = conn.execute(select(documents.c.id, type_coerce(documents.c.minhash, Text).label("values"))
                                .where(documents.c.id.in_(wanted))).all()
        return {r.id: r.values for r in rows}

    def set_clusters(self, assignments: Iterable[tuple[int, int, list[int]]]) -> None:
        """(document_id, cluster_id, minhash values) for newly clustered documents, with their band keys."""
        rows = [{"doc": d, "cluster": c, "signature": s} for d, c, s in assignments]
        if not rows:
            return
        bands = [band for row in rows for band in band_rows(row["doc"], row["signature"])]
        with self.transaction() as conn:
            conn.execute(
                documents.update().where(documents.c.id == bindparam("doc"))
                .values(cluster_id=bindparam("cluster"), minhash=bindparam("signature")),
                rows,
            )
            if bands:
                conn.execute(document_bands.insert(), bands)
