"""Where the per-input work runs. The pipeline only needs `map`, so a Dask (or any other)
executor can take the local one's place by implementing the same two methods and registering in
`executors` (or the `tiewatch.executors` entry-point group).

    class Executor(Protocol):
        def map(self, fn, items) -> Iterator[result]   # results in input order, produced lazily
        def close(self) -> None
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Iterable, Iterator, Protocol, TypeVar

from tiewatch.model import Registry

T = TypeVar("T")
R = TypeVar("R")

executors = Registry("tiewatch.executors")


class Executor(Protocol):
    name: str

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...


@executors.register("local")
class LocalExecutor:
    """In this process. One worker runs inputs one after another; more workers use threads, which
    helps when inputs are URLs (waiting on the network) and little for CPU-bound parsing."""

    name = "local"

    def __init__(self, workers: int = 1):
        self.workers = max(1, workers)
        self._pool: ThreadPoolExecutor | None = None

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        if self.workers == 1:
            for item in items:
                yield fn(item)
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="tiewatch")
        pending: deque = deque()
        for item in items:
            pending.append(self._pool.submit(fn, item))
            if len(pending) >= 2 * self.workers:  # bounded read-ahead keeps memory flat
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
