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
from tiewatch.ingest import DEFAULT_FETCH_SECONDS, Budget, Fetcher, Item, expand
from tiewatch.ingest.fingerprint import mark_extraction_end, storable
from tiewatch.ingest.given import ONE_DOCUMENT, Given, read_sidecar
from tiewatch.ingest.url import is_url
from tiewatch.ingest.sandbox import read_within
from tiewatch.model import Document, IngestError, ReviewError, StoreError

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
    cut: list[Skip] = field(default_factory=list)  # stored whole, but read for ties only up to --max-extracted
    claims: int = 0
    described: int = 0  # documents already stored whose title, publisher, date or address a flag or sidecar changed
    inputs: int = 0
    document_ids: list[int] = field(default_factory=list)
    extractor: str | None = None  # None: no extraction step ran
    refreshed: bool = False  # the graph was rebuilt (new claims, or an interrupted run's left behind)

    def summary(self) -> str:
        return f"{self.new} new, {self.known} already known, {len(self.skipped)} skipped"


@dataclass
class _Outcome:
    item: Item
    documents: Iterable[Document]
    error: str | None = None
    given: Given = field(default_factory=Given)  # what the item's sidecar says


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
    budget: Budget = Budget(),
    executor: Executor | None = None,
    progress: Progress | None = None,
    follow_links: bool = False,
    fetch_timeout: float = DEFAULT_FETCH_SECONDS,
    given: Given = Given(),
) -> IngestReport:
    """`given` (the flags --title, --publisher, --published, --url) wins over sidecars, which win
    over what files declare and their text suggests."""
    items = expand(targets, exclude=store_files(store), follow_links=follow_links)
    _one_document_check(items, given)
    report = IngestReport(inputs=len(items), extractor=getattr(extractor, "name", None) if extractor else None)
    fetcher = Fetcher(max_bytes=budget.max_bytes, allow_private=allow_private, time_budget=fetch_timeout)
    executor = executor or LocalExecutor()
    workers = getattr(executor, "workers", 1)
    try:
        direct = [_read_directly(item, budget, fetcher, workers, progress, len(items)) for item in items if item.direct]
        found = executor.map(lambda item: _read_quietly(item, budget, fetcher, workers), [i for i in items if not i.direct])
        outcomes = _reported(found, report, progress, len(items))
        described = ((doc, flags) for outcome in chain(direct, outcomes) for flags in [given.over(outcome.given)]
                     for doc in _one_document(outcome, given))
        fresh = _fresh(store, described, report)
        _store_all(store, _marked(fresh, budget, report) if extractor else fresh, extractor, report)
    finally:
        fetcher.close()
        executor.close()
    # also when nothing is new: an earlier run may have been killed before its rebuild finished
    report.refreshed = catch_up(store) is not None
    return report


def _one_document_check(items: list[Item], given: Given) -> None:
    named = [name for name in ONE_DOCUMENT if getattr(given, name)]
    if named and (len(items) != 1 or not items[0].direct):
        raise IngestError(f"--{' and --'.join(named)} describe one document: name one file or URL, not {len(items)} inputs"
                          if len(items) != 1 else f"--{' and --'.join(named)} describe one document: name the file, not its folder")


def _one_document(outcome: _Outcome, given: Given) -> Iterable[Document]:
    """The outcome's documents, refused when --title or --url would be given to several of them."""
    if any(getattr(given, name) for name in ONE_DOCUMENT) and len(outcome.documents) > 1:
        raise IngestError(f"{outcome.item.origin}: holds {len(outcome.documents)} documents; --title and --url describe one")
    return outcome.documents


def _read(item: Item, budget: Budget, fetcher: Fetcher, workers: int) -> _Outcome:
    sidecar = Given() if is_url(item.origin) else read_sidecar(item.origin)
    return _Outcome(item, read_within(item, budget, fetcher, workers), given=sidecar)


def _read_directly(item: Item, budget: Budget, fetcher: Fetcher, workers: int, progress: Progress | None, total: int) -> _Outcome:
    outcome = _read(item, budget, fetcher, workers)  # IngestError propagates: the user named this input
    if progress:
        progress(item.origin, total)
    return outcome


def _read_quietly(item: Item, budget: Budget, fetcher: Fetcher, workers: int) -> _Outcome:
    try:
        return _read(item, budget, fetcher, workers)
    except IngestError as exc:
        return _Outcome(item, [], str(exc))


def _reported(outcomes: Iterable[_Outcome], report: IngestReport, progress: Progress | None, total: int) -> Iterator[_Outcome]:
    for outcome in outcomes:
        if outcome.error:
            report.skipped.append(_skip(outcome.item.origin, outcome.error))
        if progress:
            progress(outcome.item.origin, total)
        yield outcome


def _skip(origin: str, error: str) -> Skip:
    """A skip with its reason on one line, without the origin the error starts with."""
    reason = error.removeprefix(f"{origin}: ")
    return Skip(storable(origin), " ".join(storable(reason).split()))


def _fresh(store, documents: Iterable[tuple[Document, Given]], report: IngestReport) -> Iterator[Document]:
    """Documents whose text is neither stored nor already seen in this run, with what the analyst
    gave applied; a stored one the analyst now describes differently is corrected (and logged)."""
    seen: set[str] = set()
    for doc, given in documents:
        known = None if doc.sha256 in seen else store.find_document_id(doc.sha256)
        if doc.sha256 in seen or known is not None:
            report.known += 1
            if known is not None and given:
                report.described += _redescribe(store, known, given)
            continue
        seen.add(doc.sha256)
        yield given.apply(doc)


def _redescribe(store, document_id: int, given: Given) -> int:
    try:
        store.describe_document(document_id, "ingest", given.changes(), dated_by=given.how)
    except ReviewError:  # it already says that
        return 0
    return 1


def _marked(documents: Iterable[Document], budget: Budget, report: IngestReport) -> Iterator[Document]:
    """Documents longer than --max-extracted, marked with where extraction stops (a paragraph end)."""
    for doc in documents:
        if note := mark_extraction_end(doc, budget):
            report.cut.append(Skip(storable(doc.origin), note))
        yield doc


def _store_all(store, documents: Iterable[Document], extractor: Any | None, report: IngestReport) -> None:
    found = extractor.extract(documents) if extractor else ((doc, [], []) for doc in documents)
    for doc, mentions, claims in found:
        try:
            doc_id, is_new = store.add_document(doc, mentions, claims)
        except StoreError as exc:  # this document only: the batch goes on
            report.skipped.append(_skip(doc.origin, str(exc)))
            continue
        if is_new:
            report.new += 1
            report.claims += len(claims)
            report.document_ids.append(doc_id)
        else:
            report.known += 1
