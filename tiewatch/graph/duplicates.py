"""Near-duplicate documents: a press release republished by three sites, a forwarded post.

Each new document gets a MinHash signature over word shingles (datasketch, 128 permutations,
3-word shingles of the folded text); a document whose estimated Jaccard similarity with an
already clustered one reaches `THRESHOLD` joins that document's cluster, otherwise it starts its
own (cluster id = its own id). Signatures are stored, so only new documents are hashed.
"""

from __future__ import annotations

import re

from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 3
THRESHOLD = 0.7
CANDIDATE_THRESHOLD = 0.5  # LSH recall margin: candidates are then checked against THRESHOLD
SCHEME = "affine32"
_WORD_RE = re.compile(r"\w+")


def signature(text: str) -> MinHash:
    words = _WORD_RE.findall(text.casefold())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    sketch = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    sketch.update_batch([shingle.encode("utf-8") for shingle in shingles])
    return sketch


class Clusters:
    """The clusters known so far, searchable by signature."""

    def __init__(self, known: list[tuple[int, int, list[int]]]):
        self.lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
        self.sketches: dict[int, MinHash] = {}
        self.cluster: dict[int, int] = {}
        for doc_id, cluster_id, values in known:
            if len(values) == NUM_PERM:
                self._add(doc_id, cluster_id, MinHash(num_perm=NUM_PERM, seed=1, hashvalues=values, scheme=SCHEME))

    def _add(self, doc_id: int, cluster_id: int, sketch: MinHash) -> None:
        self.lsh.insert(str(doc_id), sketch)
        self.sketches[doc_id] = sketch
        self.cluster[doc_id] = cluster_id

    def assign(self, doc_id: int, text: str) -> tuple[int, list[int]]:
        """The cluster a new document joins and its signature values (to store)."""
        sketch = signature(text)
        matches = [
            int(key) for key in self.lsh.query(sketch)
            if self.sketches[int(key)].jaccard(sketch) >= THRESHOLD
        ]
        cluster_id = min((self.cluster[m] for m in matches), default=doc_id)
        self._add(doc_id, cluster_id, sketch)
        return cluster_id, [int(v) for v in sketch.hashvalues]
