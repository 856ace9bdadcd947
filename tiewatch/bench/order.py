"""`tiewatch bench order`: does the graph depend on how documents reached the store?

Two ingests at once, a rebuild killed half-way and a desk that ingests every hour all store the
same documents in different batches between graph rebuilds. The graph should be a function of what
is stored. FOLDER is read and extracted once; the documents are then stored in one batch (the
reference) and, for each trial, in a random order cut into random batches with a rebuild after
each, on scratch SQLite files. A trial differs when its actors (each known by every name it is
called, and its kind) or its ties differ from the reference; the report counts the actor groups
found on one side only.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from tiewatch.bench.crash import Shape, graph_shape
from tiewatch.store import Store


@dataclass
class Trial:
    batches: int
    actors: int
    ties: int
    only_batched: list[tuple[list[str], str]]
    only_at_once: list[tuple[list[str], str]]
    same: bool  # documents, actors, their names and kinds, and ties with their counts all equal


@dataclass
class OrderReport:
    documents: int
    actors: int
    ties: int
    trials: list[Trial] = field(default_factory=list)

    @property
    def independent(self) -> bool:
        return all(t.same for t in self.trials)

    def markdown(self) -> str:
        lines = [
            f"{self.documents} documents; in one batch: {self.actors} actors, {self.ties} ties", "",
            "| trial | batches | actors | ties | actor groups only here | only in one batch | same graph |",
            "|---:|---:|---:|---:|---:|---:|---|",
        ]
        for n, t in enumerate(self.trials, 1):
            lines.append(f"| {n} | {t.batches} | {t.actors} | {t.ties} | {len(t.only_batched)} | {len(t.only_at_once)} "
                         f"| {'yes' if t.same else 'no'} |")
        for n, t in enumerate(self.trials, 1):
            for names, kind in t.only_batched[:10]:
                lines.append(f"- trial {n}, batched only: {kind} {' / '.join(names[:6])}")
            for names, kind in t.only_at_once[:10]:
                lines.append(f"- trial {n}, one batch only: {kind} {' / '.join(names[:6])}")
        lines += ["", "graph independent of batching: " + ("yes" if self.independent else "NO")]
        return "\n".join(lines)


def extracted(folder: Path) -> list[tuple]:
    """Every document of FOLDER with its mentions and claims, as ingest would store them."""
    from tiewatch.extract import get_extractor
    from tiewatch.ingest import Budget, Fetcher, expand
    from tiewatch.ingest.fingerprint import mark_extraction_end
    from tiewatch.ingest.sandbox import read_within

    budget = Budget()
    fetcher = Fetcher(max_bytes=budget.max_bytes)
    seen: set[str] = set()
    docs = []
    for item in expand([str(folder)]):
        for doc in read_within(item, budget, fetcher, 1):
            if doc.sha256 not in seen:
                seen.add(doc.sha256)
                mark_extraction_end(doc, budget)
                docs.append(doc)
    return list(get_extractor().extract(docs))


def build(url: str, found: list[tuple], batches: list[list[int]]) -> Shape:
    from tiewatch.graph import refresh

    store = Store(url)
    try:
        for batch in batches:
            for index in batch:
                store.add_document(*found[index])
            refresh(store)
    finally:
        store.close()
    return graph_shape(url)


def random_batches(total: int, rng: random.Random) -> list[list[int]]:
    order = rng.sample(range(total), total)
    cuts = sorted(rng.sample(range(1, total), rng.randint(1, total - 1))) if total > 1 else []
    return [order[a:b] for a, b in zip([0, *cuts], [*cuts, total])]


def _groups(shape: Shape, other: Shape) -> list[tuple[list[str], str]]:
    return sorted((sorted(names), kind) for names, kind in shape[2] - other[2])


def order(folder: Path, trials: int = 4, seed: int = 5, progress: Callable[[str], None] | None = None) -> OrderReport:
    found = extracted(folder)
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="tiewatch-order-") as scratch:
        reference = build(f"sqlite:///{Path(scratch) / 'once.db'}", found, [list(range(len(found)))])
        report = OrderReport(len(found), reference[1], len(reference[3]))
        for n in range(trials):
            batches = random_batches(len(found), rng)
            shape = build(f"sqlite:///{Path(scratch) / f'trial-{n}.db'}", found, batches)
            report.trials.append(Trial(len(batches), shape[1], len(shape[3]), _groups(shape, reference),
                                       _groups(reference, shape), shape == reference))
            if progress:
                progress(f"trial {n + 1} of {trials}: {len(batches)} batches")
    return report
