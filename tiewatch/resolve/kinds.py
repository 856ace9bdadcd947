"""Kind votes: which kind a name is, counted over every stored mention of it.

spaCy's statistical labels only guess a kind ("Kora Valley" tagged PERSON in one document, LOC in
five others). A guessed mention of a name of two or more words takes the kind most of that name's
mentions give, a ruler's or pattern's kind counting ten times a guess. The count covers the whole
store (each resolved mention keeps its name's key and the weight of its vote), not the documents
one rebuild happens to hold, so the graph does not depend on how documents were batched: when new
documents change a name's winning kind, the guesses resolved under the old count are resolved
again (`revote`), and an actor only they had created is folded into the one they reach now.
An analyst's merge or split takes a mention out of the vote's hands for good.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from tiewatch.resolve.names import is_reference, normalise, split_acronym, words
from tiewatch.store import Assignment

RULED_WEIGHT = 10  # a ruler's or pattern's kind against one statistical guess


def family(kind: str) -> str:
    """Kinds that may share an actor: a state and a place of one name are one actor."""
    return "place" if kind in ("state", "place") else kind


def is_guessed_kind(label: str | None) -> bool:
    """spaCy's statistical labels (PERSON, ORG, GPE ...) guess the kind; ruler and pattern ids do not."""
    return bool(label) and label.isupper()


def mention_name(mention) -> str:
    """The name a mention stands for: its back-reference's antecedent, else its words, acronym cut."""
    return split_acronym(mention.canonical or mention.text)[0]


def vote_weight(name: str, label: str | None) -> int:
    """How much a mention of `name` counts towards its kind: names of one word never vote."""
    if len(words(name)) < 2:
        return 0
    return 1 if is_guessed_kind(label) else RULED_WEIGHT


def winner(counts: dict[str, int]) -> str | None:
    """The kind with most weight; a tie goes to the kind first in alphabetical order, whatever the
    order the votes came in."""
    if not counts:
        return None
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


def name_key(name: str) -> str:
    """The key a mention's vote is stored and looked up under (the store keeps 300 characters)."""
    return normalise(name)[:300]


def taken_as(voted: str | None, guessed: str) -> str:
    """The kind a mention guessed as `guessed` is taken to be (a guess never makes a group a person)."""
    return guessed if voted in (None, "person") else voted


class KindVotes:
    """The store's votes for the names of a batch of unresolved documents, the batch counted in."""

    def __init__(self, store, documents: Iterable):
        batch: dict[str, Counter] = {}
        for doc in documents:
            for m in doc.mentions:
                name = mention_name(m)
                if is_reference(name) or not (key := name_key(name)):
                    continue
                batch.setdefault(key, Counter())[m.kind] += vote_weight(name, m.label)
        self.counts: dict[str, Counter] = {key: Counter(kinds) for key, kinds in store.kind_votes(batch).items()}
        for key, kinds in batch.items():
            self.counts.setdefault(key, Counter()).update({k: w for k, w in kinds.items() if w})

    def kind(self, key: str, guessed: str) -> str:
        return taken_as(winner(self.counts.get(key, {})), guessed)


def assignment(mention, actor_id: int, voted_kind: str | None = None) -> Assignment:
    name = mention_name(mention)
    return Assignment(mention.id, actor_id, name_key(name), vote_weight(name, mention.label), voted_kind)


def finish_pending(store, registry) -> tuple[int, int]:
    """The rebuild's last step, in one transaction: the names whose votes grew since the last one
    have their older guesses resolved again (`revote`), and the actors that gained or lost mentions
    get the kind those mentions give (`settle_kinds`). What to do is recorded in each document's
    transaction, so a rebuild killed before this step has it done by the next one.
    Returns (mentions moved, actors folded)."""
    keys, actor_ids = store.pending_graph_work()
    if not keys and not actor_ids:
        return 0, 0
    with store.unit():
        moved, went, folded = revote(store, registry, keys)
        settle_kinds(store, registry, set(actor_ids) | set(went) | {a.actor_id for a in moved})
        store.clear_graph_work()
    return len(moved), folded


def revote(store, registry, keys: Iterable[str]) -> tuple[list[Assignment], dict[int, set[int]], int]:
    """Resolve again the stored guesses of these names whose winning kind (over the whole store)
    is not the one they were resolved under; fold each actor they leave empty into the one they
    went to. Returns (the moves, where each old actor's mentions went, actors folded)."""
    winners = {key: winner(kinds) for key, kinds in store.kind_votes(keys).items()}
    moved: list[Assignment] = []
    went: dict[int, set[int]] = {}
    for m in store.voted_mentions(winners):
        kind = taken_as(winners.get(m.name_key), m.kind)
        if kind == m.voted_kind:
            continue
        actor_id = registry.resolve(mention_name(m), kind, m.date, loose=True)
        moved.append(Assignment(m.id, actor_id, m.name_key, m.vote_weight, kind))
        went.setdefault(m.actor_id, set()).add(actor_id)
    store.assign_mentions(moved)
    folded = 0
    for old, new in went.items():
        if len(new) == 1 and (names := store.fold_derived_actor(old, into := next(iter(new)))) is not None:
            registry.folded(old, into, names)
            folded += 1
    return moved, went, folded


def settle_kinds(store, registry, actor_ids: Iterable[int]) -> int:
    """An actor no analyst or watchlist entry settled is the kind its mentions give most, not the
    kind its first mention gave: a ruled mention counts ten guesses, a guess counts as the kind its
    name's votes gave it (a guess resolved by a short form or an acronym does not count). With a ruled mention among them only a state or a place may swap
    ("Kuwait" ruled a state, guessed a place); an actor made of guesses alone may take any kind its
    guesses vote for, except that guesses never make a group a person. Returns how many changed."""
    counts: dict[int, Counter] = {}
    ruled: set[int] = set()
    for actor_id, kind, label, voted, n in store.mention_kinds(actor_ids):
        guessed = is_guessed_kind(label)
        if guessed and not voted:
            continue  # a guess that reached its actor another way (a short form, an acronym) says nothing
        counts.setdefault(actor_id, Counter())[kind] += n * (1 if guessed else RULED_WEIGHT)
        if not guessed:
            ruled.add(actor_id)
    settled: dict[int, str] = {}
    for actor_id, kinds in counts.items():
        current = registry.kind.get(actor_id)
        if actor_id in ruled:
            kinds = Counter({k: w for k, w in kinds.items() if current and family(k) == family(current)})
        best = winner(dict(kinds))
        if best and current and best != current and not (best == "person" and current != "person"):
            settled[actor_id] = best
    changed = store.set_derived_kinds(settled)
    for actor_id, kind in changed.items():
        registry.rekind(actor_id, kind, store.alias_norms(actor_id))
    return len(changed)


def backfill(store) -> int:
    """Give mentions an older tiewatch resolved their key and vote (their guesses stay as they are)."""
    done = 0
    while rows := store.unkeyed_mentions():
        done += store.assign_mentions(
            Assignment(mid, actor_id, name_key(name), vote_weight(name, label))
            for mid, actor_id, text, canonical, _kind, label in rows
            for name in [split_acronym(canonical or text)[0]]
        )
    return done
