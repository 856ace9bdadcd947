"""Near-duplicate documents: a press release republished by three sites, a forwarded post.

Each new document gets a MinHash signature over word shingles (datasketch, 128 permutations,
3-word shingles of the folded text); a document whose estimated Jaccard similarity with an
already clustered one reaches `THRESHOLD` joins that document's cluster, otherwise it starts its
own (cluster id = its own id). Candidates come from the band index kept in the store
(tiewatch.store.clusters): the documents sharing most bands with the new one, at most
`MAX_CANDIDATES`, are compared on the whole signature. Signatures and bands are stored, so only
new documents are hashed, and clustering one costs a few indexed lookups, whatever the store holds
(a band that N stored documents share is read for its oldest `MAX_CANDIDATES` only).
"""

from __future__ import annotations

import operator
import re
from typing import Iterator

from datasketch import MinHash

from tiewatch.store.clusters import NUM_PERM, band_keys, signature_values

SHINGLE = 3
THRESHOLD = 0.7
MAX_CANDIDATES = 64  # a document repeated more often than this is still found: its copies share most bands
SCHEME = "affine32"
_WORD_RE = re.compile(r"\w+")


CHUNK_WORDS = 50_000  # words hashed at a time: a 40 MB text never holds all its shingles at once


def _shingles(text: str) -> Iterator[list[bytes]]:
    """The 3-word shingles of the folded text, a chunk at a time (consecutive chunks overlap by
    two words, so every shingle is produced; a repeated one changes nothing in a MinHash)."""
    words: list[str] = []
    emitted = False
    for match in _WORD_RE.finditer(text.casefold()):
        words.append(match.group())
        if len(words) >= CHUNK_WORDS:
            yield _joined(words)
            words, emitted = words[-(SHINGLE - 1):], True
    if not emitted or len(words) >= SHINGLE:  # the overlap alone holds no shingle not yet produced
        yield _joined(words)


def _joined(words: list[str]) -> list[bytes]:
    """The shingles of consecutive words (one, possibly empty, when there are fewer than SHINGLE)."""
    return [" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(max(1, len(words) - SHINGLE + 1))]


def signature(text: str) -> MinHash:
    sketch = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    for chunk in _shingles(text):
        sketch.update_batch(chunk)
    return sketch


def similarity(a: list[int], b: list[int]) -> float:
    """The Jaccard similarity two signatures estimate (datasketch's MinHash.jaccard)."""
    return sum(map(operator.eq, a, b)) / NUM_PERM


class Clusters:
    """Assigns documents to clusters: against those clustered in the store (by its band index)
    and those assigned through this object, which the caller stores together afterwards."""

    def __init__(self, store):
        self.store = store
        self.held: dict[int, tuple[int, list[int]]] = {}  # document id -> (cluster id, signature)
        self.held_bands: dict[int, list[int]] = {}  # band key -> ids in `held`

    def assign(self, doc_id: int, text: str) -> tuple[int, list[int]]:
        """The cluster a new document joins and its signature values (to store): the smallest
        cluster id among the candidates similar enough, so candidates are compared in that order
        and the first that matches decides."""
        values = [int(v) for v in signature(text).hashvalues]
        keys = band_keys(values)
        candidates = self._ranked(keys)
        matches = self._similar(sorted(candidates, key=lambda d: (candidates[d], d)), values)
        cluster_id = next((candidates[d] for d in matches), doc_id)
        self.held[doc_id] = (cluster_id, values)
        for key in keys:
            self.held_bands.setdefault(key, []).append(doc_id)
        return cluster_id, values

    def _ranked(self, keys: list[int]) -> dict[int, int]:
        """document id -> cluster id of the MAX_CANDIDATES documents sharing most bands with `keys`."""
        found = {d: (cluster, shared) for d, cluster, shared in self.store.band_candidates(keys, MAX_CANDIDATES)}
        for d in (d for key in keys for d in self.held_bands.get(key, ())):
            found[d] = (self.held[d][0], found.get(d, (0, 0))[1] + 1)
        ranked = sorted(found, key=lambda d: (-found[d][1], d))[:MAX_CANDIDATES]
        return {d: found[d][0] for d in ranked}

    def _similar(self, candidates: list[int], values: list[int]) -> Iterator[int]:
        """The candidates whose signatures reach THRESHOLD, in order."""
        stored = self.store.signatures(d for d in candidates if d not in self.held)
        for d in candidates:
            other = self.held[d][1] if d in self.held else signature_values(stored.get(d))
            if similarity(other, values) >= THRESHOLD:
                yield d
