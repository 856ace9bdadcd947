"""Reading in worker processes that are stopped when they run over the budget's time or memory.

    for doc in read_within(item, budget, fetcher):
        ...

Workers (pebble) are reused from input to input, so a folder of 3,000 small files costs a handful
of process starts; one that runs over its time is killed and replaced. A worker's address space is
capped (RLIMIT_AS) at what it holds when it starts plus `max_memory`, so a bomb ends in a
MemoryError there instead of swallowing the machine. Documents come back through a spool file, one
at a time, so a 200,000-message export never sits whole in the memory of the process that stores it.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import pickle
import tempfile
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Iterator

from pebble import ProcessExpired, ProcessPool

from tiewatch.ingest.budget import Budget
from tiewatch.ingest.inputs import Item, documents_of, load
from tiewatch.ingest.reader import Blob
from tiewatch.ingest.url import Fetcher, is_url
from tiewatch.model import Document, IngestError

TASKS_PER_WORKER = 500  # then the worker is replaced, so what its allocator kept is given back

_pools: dict[tuple[int, int], ProcessPool] = {}
_pools_lock = threading.Lock()


def _start_worker(extra: int) -> None:
    """In a new worker: the parsers loaded, then its address space capped `extra` bytes above that."""
    _load_parsers()
    try:
        import resource

        pages = int(Path("/proc/self/statm").read_text().split()[0])
        limit = pages * os.sysconf("SC_PAGE_SIZE") + extra
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    except (ImportError, OSError, ValueError):
        return  # no /proc or no rlimits on this system: the time budget still holds


def _load_parsers() -> None:
    """Import what the readers import on first use, and build the language detector, so that the
    memory budget is what reading takes and not what loading the libraries does."""
    import docx  # noqa: F401
    import feedparser  # noqa: F401
    import lxml_html_clean  # noqa: F401
    import pypdf  # noqa: F401
    import trafilatura  # noqa: F401

    from tiewatch.ingest.language import detect_language
    from tiewatch.ingest.reader import reader, readers

    for name in readers.names():
        reader(name)
    detect_language("The detector loads its language models on first use.")


def _pool(budget: Budget, workers: int) -> ProcessPool:
    """The (shared) pool of reader processes for this memory limit and number of workers."""
    key = (budget.max_memory, max(1, workers))
    with _pools_lock:
        if key not in _pools:
            _pools[key] = ProcessPool(
                max_workers=key[1], max_tasks=TASKS_PER_WORKER, initializer=_start_worker,
                initargs=(budget.max_memory,), context=multiprocessing.get_context("spawn"),
            )
        return _pools[key]


@atexit.register
def stop_workers() -> None:
    """Stop every reader process (also run at exit)."""
    with _pools_lock:
        for pool in _pools.values():
            pool.stop()
            pool.join()
        _pools.clear()


def _read_into(source: Item | Blob, budget: Budget, spool: str) -> int:
    """In a worker: every document of one input pickled into `spool`; how many there are."""
    blob = source if isinstance(source, Blob) else load(source, budget)
    count = 0
    with open(spool, "wb") as out:
        for doc in documents_of(blob):
            pickle.dump(doc, out, protocol=pickle.HIGHEST_PROTOCOL)
            count += 1
    return count


class Spooled:
    """The documents a worker read, loaded one at a time; the spool file goes once they are read."""

    def __init__(self, path: str, count: int):
        self.path, self.count = path, count

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Document]:
        try:
            with open(self.path, "rb") as spool:
                for _ in range(self.count):
                    yield pickle.load(spool)
        finally:
            self.discard()

    def discard(self) -> None:
        Path(self.path).unlink(missing_ok=True)

    def __del__(self) -> None:
        self.discard()


def _size(item: Item) -> int:
    try:
        return os.stat(item.origin).st_size
    except OSError:
        return 0


def read_within(item: Item, budget: Budget = Budget(), fetcher: Fetcher | None = None, workers: int = 1) -> Spooled:
    """The documents of one input, read by a worker within the budget; IngestError naming the limit
    it went over. A URL is fetched here (the fetcher's checks stay in this process) and parsed there."""
    source = load(item, budget, fetcher) if is_url(item.origin) else item
    seconds = budget.seconds_for(len(source.data) if isinstance(source, Blob) else _size(item))
    handle, spool = tempfile.mkstemp(prefix="tiewatch-read-", suffix=".pickle")
    os.close(handle)
    future = _pool(budget, workers).schedule(_read_into, (source, budget, spool), timeout=seconds)
    try:
        return Spooled(spool, future.result())
    except BaseException as exc:
        Path(spool).unlink(missing_ok=True)
        raise _reason(exc, item.origin, budget, seconds) from None


def _reason(exc: BaseException, origin: str, budget: Budget, seconds: float) -> BaseException:
    """The one-line IngestError for what stopped a worker (or `exc` itself when it is no reader's fault)."""
    if isinstance(exc, IngestError):
        return exc
    if isinstance(exc, FutureTimeout):
        return budget.over(origin, "max_seconds", seconds)
    if isinstance(exc, MemoryError):
        return budget.over(origin, "max_memory")
    if isinstance(exc, ProcessExpired):
        memory = budget.over(origin, "max_memory")
        return IngestError(f"{memory} or its reader crashed (exit code {exc.exitcode})")
    if isinstance(exc, Exception):
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return IngestError(f"{origin}: could not be read ({detail})")
    return exc
