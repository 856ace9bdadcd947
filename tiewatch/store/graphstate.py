"""Whether the graph is behind what is stored, and who may rebuild it.

Every write the graph is built from (a document stored; a review, grade or undo logged; an actor
merged, split, unmerged or re-kinded) counts one more *generation* in the writer's own transaction
(`touch_graph`). A rebuild notes the generation it started from when it finishes, so
`graph_behind()` is true after every such write the graph has not absorbed yet: an ingest killed
before or during its rebuild, a review whose rebuild died, a store an older tiewatch wrote. Writes
count in commit order (they queue on the counter's row), so two ingests at once on PostgreSQL
cannot hide one another as highest-id marks could.

`graph_lock()` is the store's `exclusive()` lock: one rebuild (or migration) at a time on a database.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import Integer, String, cast, text
from sqlalchemy.engine import Connection

from tiewatch.store.base import LOCK_CLASS
from tiewatch.store.tables import settings

GENERATION = "graph.generation"  # how many writes the graph is built from
REBUILT = "graph.rebuilt"  # the generation the last finished rebuild started from


def touch_graph(conn: Connection) -> None:
    """Count one more write the graph is built from, inside the writer's transaction."""
    bumped = conn.execute(
        settings.update().where(settings.c.key == GENERATION)
        .values(value=cast(cast(settings.c.value, Integer) + 1, String))
    )
    if not bumped.rowcount:
        conn.execute(settings.insert().values(key=GENERATION, value="1"))


class GraphStateMixin:
    @contextmanager
    def graph_lock(self) -> Iterator[None]:
        """Held while the graph is rebuilt; waits for a rebuild running elsewhere to finish."""
        with self.exclusive():
            yield

    def graph_generation(self) -> str:
        return self.get_setting(GENERATION, "0")

    def record_rebuilt(self, generation: str) -> None:
        self.set_setting(REBUILT, generation)

    def graph_behind(self) -> bool:
        """True when something stored has not reached the graph yet."""
        return self.graph_generation() != self.get_setting(REBUILT, "0")

    def exclusive_held(self) -> bool:
        """True while some process holds the store's exclusive lock (a rebuild or a migration).

        On SQLite this probes the lock file with a non-blocking lock, taken and dropped at once."""
        if self.dialect == "postgresql":
            with self.reading() as conn:
                held = conn.execute(text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 "
                    "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                    "AND classid = :k AND objid = (hashtext(current_schema()) & 4294967295)::oid"),
                    {"k": LOCK_CLASS}).scalar()
            return bool(held)
        path = self.lock_file()
        if path is None:
            return False
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)
        return False
