"""The ingest pipeline: read every input -> extract claims -> store each document whole -> refresh
the graph once at the end.

    report = ingest(store, ["examples/"], extractor=rules_extractor)
    report.new, report.known, report.skipped, report.claims

Inputs named directly (files, URLs) are read before anything is stored: if one of them is bad the
run stops with its IngestError and the store is untouched. Files found in folders are skipped one
by one with their reason. A document whose normalised text is already stored (or was already seen
in this run) counts as known and is neither extracted nor stored again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from tiewatch.batch.executor import Executor, LocalExecutor
from tiewatch.graph import catch_up
from tiewatch.ingest import DEFAULT_FETCH_SECONDS, DEFAULT_MAX_BYTES, Fetcher, Item, expand, read_item
from tiewatch.ingest.fingerprint import storable
from tiewatch.model import Document, IngestError

Progress = Callable[[str, int], None]  # (origin just done, total number of inputs)


@dataclass
class Skip:
    origin: str
    reason: str


@dataclass
class IngestReport:
    new: int = 0
    known: int = 0
    skipped: list[Skip] = field(default_factory=list)
    claims: int = 0
    inputs: int = 0
    document_ids: list[int] = field(default_factory=list)
    extractor: str | None = None  # None: no extraction step ran
    refreshed: bool = False  # the graph was rebuilt (new claims, or an interrupted run's left behind)

    def summary(self) -> str:
        return f"{self.new} new, {self.known} already known, {len(self.skipped)} skipped"


@dataclass
class _Outcome:
    item: Item
    documents: list[Document]
    error: str | None = None


def store_files(store) -> frozenset[Path]:
    """The SQLite database file, its journals and its lock file, which a folder being ingested may hold."""
    url = getattr(getattr(store, "engine", None), "url", None)
    if url is None or url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return frozenset()
    base = Path(url.database)
    return frozenset(Path(f"{base}{suffix}") for suffix in ("", "-wal", "-shm", "-journal", ".lock"))


def ingest(
    store,
    targets: list[str],
    *,
    extractor: Any | None = None,
    allow_private: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    executor: Executor | None = None,
    progress: Progress | None = None,
    follow_links: bool = False,
    fetch_timeout: float = DEFAULT_FETCH_SECONDS,
) -> IngestReport:
    items = expand(targets, exclude=store_files(store), follow_links=follow_links)
    report = IngestReport(inputs=len(items), extractor=getattr(extractor, "name", None) if extractor else None)
    fetcher = Fetcher(max_bytes=max_bytes, allow_private=allow_private, time_budget=fetch_timeout)
    executor = executor or LocalExecutor()
    try:
        direct = [_read_directly(item, max_bytes, fetcher, progress, len(items)) for item in items if item.direct]
        found = executor.map(lambda item: _read_quietly(item, max_bytes, fetcher), [i for i in items if not i.direct])
        outcomes = _reported(found, report, progress, len(items))
        fresh = _fresh(store, (doc for outcome in chain(direct, outcomes) for doc in outcome.documents), report)
        _store_all(store, fresh, extractor, report)
    finally:
        fetcher.close()
        executor.close()
    # also when nothing is new: an earlier run may have been killed before its rebuild finished
    report.refreshed = catch_up(store) is not None
    return report


def _read_directly(item: Item, max_bytes: int, fetcher: Fetcher, progress: Progress | None, total: int) -> _Outcome:
    documents = read_item(item, max_bytes, fetcher)  # IngestError propagates: the user named this input
    if progress:
        progress(item.origin, total)
    return _Outcome(item, documents)


def _read_quietly(item: Item, max_bytes: int, fetcher: Fetcher) -> _Outcome:
    try:
        return _Outcome(item, read_item(item, max_bytes, fetcher))
    except IngestError as exc:
        return _Outcome(item, [], str(exc))


def _reported(outcomes: Iterable[_Outcome], report: IngestReport, progress: Progress | None, total: int) -> Iterator[_Outcome]:
    for outcome in outcomes:
        if outcome.error:
            reason = outcome.error.removeprefix(f"{outcome.item.origin}: ")
            report.skipped.append(Skip(storable(outcome.item.origin), " ".join(storable(reason).split())))  # one line
        if progress:
            progress(outcome.item.origin, total)
        yield outcome


def _fresh(store, documents: Iterable[Document], report: IngestReport) -> Iterator[Document]:
    """Documents whose text is neither stored nor already seen in this run."""
    seen: set[str] = set()
    for doc in documents:
        if doc.sha256 in seen or store.find_document_id(doc.sha256) is not None:
            report.known += 1
            continue
        seen.add(doc.sha256)
        yield doc


def _store_all(store, documents: Iterable[Document], extractor: Any | None, report: IngestReport) -> None:
    found = extractor.extract(documents) if extractor else ((doc, [], []) for doc in documents)
    for doc, mentions, claims in found:
        doc_id, is_new = store.add_document(doc, mentions, claims)
        if is_new:
            report.new += 1
            report.claims += len(claims)
            report.document_ids.append(doc_id)
        else:
            report.known += 1
