"""Admiralty grading of a tie: source reliability (A-F) and information credibility (1-6).

Reliability is the best grade among the sources of the claims that support the tie (asserted or
hedged; the denying sources when nothing supports it); a source nobody graded is F.

Credibility counts *independent* sources (see `independent`): A sources assert the tie, H more
only hedge it ("may have", "could"), D deny it.
    1 confirmed        A >= 2 and D = 0
    2 probably true    A = 1, H >= 1 and D = 0 (a second source hedges the one assertion)
    3 possibly true    A = 1 and D = 0; or A > D >= 1 (a denial lowers a confirmed tie to 3)
    4 doubtful         only hedged (A = 0, H >= 1, D = 0); or as many deny it as assert it
    5 improbable       more sources deny it than assert it (a tie that is only denied)
    6 cannot be judged no claim counts (all rejected by review)
"""

from __future__ import annotations

from typing import Iterable

RELIABILITY = "ABCDEF"


def credibility(asserting: int, hedging: int, denying: int) -> int:
    """Information credibility 1-6 from independent source counts (rule in the module docstring)."""
    if asserting + hedging + denying == 0:
        return 6
    if denying > asserting:
        return 5
    if denying == 0:
        if asserting >= 2:
            return 1
        if asserting == 1:
            return 2 if hedging else 3
        return 4
    return 3 if asserting > denying else 4


def best_reliability(grades: Iterable[str]) -> str:
    """The best (earliest letter) of source grades; F when there are none."""
    valid = [g for g in grades if g in RELIABILITY]
    return min(valid, default="F")


def independent(documents: Iterable[tuple[int, int | None, int | None]]) -> int:
    """How many independent sources stand behind (document_id, cluster_id, source_id) triples.

    Documents of one near-duplicate cluster are one source; so are documents of one publisher.
    Counted as connected groups of documents linked by either.
    """
    parent: dict[object, object] = {}

    def find(x: object) -> object:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    docs = set()
    for doc_id, cluster_id, source_id in documents:
        docs.add(("doc", doc_id))
        for link in (("cluster", cluster_id if cluster_id is not None else doc_id),
                     ("source", source_id) if source_id is not None else None):
            if link is not None:
                parent[find(("doc", doc_id))] = find(link)
    return len({find(d) for d in docs})
