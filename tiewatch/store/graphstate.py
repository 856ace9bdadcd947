"""Who may rebuild the graph, and whether the graph is behind what is stored.

`graph_lock()` lets one rebuild run at a time on a database, across processes and threads: on
PostgreSQL an advisory lock held by a connection of its own (one per schema), on SQLite an exclusive
`flock` on a file beside the database (`tiewatch.db.lock`). The server or the operating system
releases either when its holder dies, so a killed ingest never leaves the lock behind.

`graph_marks()` are the highest document, review and merge-log ids. A rebuild records the marks it
started from when it finishes (`record_graph_marks`), so `graph_behind()` is true after every write
the graph has not absorbed yet: an ingest killed before or during its rebuild, a review whose
rebuild died, a store that an older tiewatch wrote.
"""

from __future__ import annotations

import fcntl
import os
import threading
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import func, select, text

from tiewatch.store.tables import documents, merge_log, review_log

GRAPH_MARKS = "graph.marks"
_LOCK_CLASS = 7469  # first key of PostgreSQL's two-key advisory lock; the second is the schema's hash
_memory_locks: dict[int, threading.Lock] = {}


class GraphStateMixin:
    @contextmanager
    def graph_lock(self) -> Iterator[None]:
        """Held while the graph is rebuilt; waits for a rebuild running elsewhere to finish."""
        if self.dialect == "postgresql":
            with self._advisory_lock():
                yield
            return
        path = self.engine.url.database
        if not path or path == ":memory:":
            with _memory_locks.setdefault(id(self.engine), threading.Lock()):
                yield
            return
        with _file_lock(f"{path}.lock"):
            yield

    @contextmanager
    def _advisory_lock(self) -> Iterator[None]:
        conn = self.engine.connect()
        try:
            conn.execute(text("SELECT pg_advisory_lock(:k, hashtext(current_schema()))"), {"k": _LOCK_CLASS})
            conn.commit()
            yield
        finally:
            conn.invalidate()  # really disconnects, which releases the lock; never back to the pool
            conn.close()

    def graph_marks(self) -> str:
        with self.reading() as conn:
            highest = [conn.execute(select(func.max(t.c.id))).scalar() or 0 for t in (documents, review_log, merge_log)]
        return "documents {} reviews {} merges {}".format(*highest)

    def record_graph_marks(self, marks: str) -> None:
        self.set_setting(GRAPH_MARKS, marks)

    def graph_behind(self) -> bool:
        """True when something stored has not reached the graph yet (nothing stored: False)."""
        recorded = self.get_setting(GRAPH_MARKS)
        marks = self.graph_marks()
        if recorded is None:
            return marks != "documents 0 reviews 0 merges 0"
        return recorded != marks


@contextmanager
def _file_lock(path: str) -> Iterator[None]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
