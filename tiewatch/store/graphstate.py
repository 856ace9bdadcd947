"""Who may rebuild the graph, and whether the graph is behind what is stored.

`graph_lock()` lets one rebuild run at a time on a database, across processes and threads (the
store's `exclusive()` lock, which the operating system or the server releases when its holder dies,
so a killed ingest never leaves it behind).

`graph_marks()` are the highest document, review and merge-log ids. A rebuild records the marks it
started from when it finishes (`record_graph_marks`), so `graph_behind()` is true after every write
the graph has not absorbed yet: an ingest killed before or during its rebuild, a review whose
rebuild died, a store that an older tiewatch wrote.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import fcntl
import os

from sqlalchemy import func, select, text

from tiewatch.store.base import LOCK_CLASS
from tiewatch.store.tables import documents, merge_log, review_log

GRAPH_MARKS = "graph.marks"


class GraphStateMixin:
    @contextmanager
    def graph_lock(self) -> Iterator[None]:
        """Held while the graph is rebuilt; waits for a rebuild running elsewhere to finish."""
        with self.exclusive():
            yield

    def rebuild_running(self) -> bool:
        """True while a process (this one included) holds the lock a rebuild takes."""
        if self.dialect == "postgresql":
            with self.reading() as conn:
                held = conn.execute(text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = :k "
                    "AND objid = (hashtext(current_schema()) & 4294967295)::oid"), {"k": LOCK_CLASS}).scalar()
            return bool(held)
        path = self.engine.url.database
        if not path or path == ":memory:":
            return False
        fd = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)
        return False

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

