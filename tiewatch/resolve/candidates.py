"""Merge candidates: pairs of live actors that may be one, left apart for an analyst to decide.

A pair is listed when, among actors of one kind, a name of one is a close spelling of a name of
the other (rapidfuzz ratio on matching keys between `CANDIDATE` and 100), or when one is an
acronym of the other's words ("AQAP" for "al-Qaeda in the Arabian Peninsula") that no text defined.
Two actors that are both watchlist entries are known to be different and never listed, nor a pair an
analyst kept apart (`keep_apart`), nor an actor marked not an actor.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from tiewatch.resolve.names import fits_acronym
from tiewatch.resolve.registry import CANDIDATE, MIN_FUZZY_LENGTH, family

_LINK_WORDS = {"of", "the", "and", "in", "for", "al", "el", "wa", "wal", "li"}


@dataclass(frozen=True)
class Candidate:
    a_id: int
    a_name: str
    b_id: int
    b_name: str
    score: float
    reason: str


def _is_acronym_of(short: str, name: str) -> bool:
    letters = "".join(c for c in short.casefold() if c.isalnum())
    if not (2 <= len(letters) <= 8 and short.replace(".", "").isupper()):
        return False
    words = [w for w in name.replace("-", " ").split() if w.casefold() not in _LINK_WORDS]
    return len(words) >= 2 and len(letters) >= len(words) and fits_acronym(short, name)


def candidates(store, limit: int = 100) -> list[Candidate]:
    """Likely duplicates, best first."""
    live = {r.id: r for r in store.actor_records() if r.merged_into is None and r.dismissed_at is None}
    apart = store.apart_pairs()
    keys: dict[str, list[tuple[str, int]]] = {}
    for row in store.alias_records():
        if row.actor_id in live and len(row.norm) >= MIN_FUZZY_LENGTH:
            keys.setdefault(family(live[row.actor_id].kind), []).append((row.norm, row.actor_id))
    best: dict[tuple[int, int], tuple[float, str]] = {}

    def consider(a: int, b: int, score: float, reason: str) -> None:
        pair = (min(a, b), max(a, b))
        if a == b or (live[a].external_ids and live[b].external_ids) or pair in apart:
            return
        if score > best.get(pair, (0.0, ""))[0]:
            best[pair] = (score, reason)

    for entries in keys.values():
        norms = [k for k, _ in entries]
        for key, actor_id in entries:
            for _match, score, index in process.extract(key, norms, scorer=fuzz.ratio, score_cutoff=CANDIDATE, limit=8):
                consider(actor_id, entries[index][1], round(score, 1), "close spelling")
    by_family: dict[str, list] = {}
    for row in live.values():
        by_family.setdefault(family(row.kind), []).append(row)
    for rows in by_family.values():
        shorts = [r for r in rows if len(r.name) <= 10 and r.name.replace(".", "").isupper()]
        for short in shorts:
            for row in rows:
                if row.id != short.id and _is_acronym_of(short.name, row.name):
                    consider(short.id, row.id, 90.0, "acronym")
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
    return [Candidate(a, live[a].name, b, live[b].name, score, reason) for (a, b), (score, reason) in ranked]
