"""What an analyst would compare between two stores: the actors, each known by every name the
documents call it (which spelling became the display name depends on reading order), and the ties
with their counts (a symmetric tie's two ends in either order)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from tiewatch.model import vocabulary
from tiewatch.store import Store

CLI = [sys.executable, "-c", "from tiewatch.cli.app import main; main()"]
ROOT = Path(__file__).resolve().parents[2]


def graph_shape(url: str) -> tuple[int, int, frozenset, frozenset]:
    store = Store(url)
    try:
        actors = store.list_actors()
        names = {a.id: {n.casefold() for n in [a.name, *a.aliases]} for a in actors}
        with store.reading() as conn:
            for actor_id, said in conn.execute(text("SELECT DISTINCT actor_id, text FROM mentions WHERE actor_id IS NOT NULL")):
                names.setdefault(actor_id, set()).add(said.casefold())
        known = {i: frozenset(n) for i, n in names.items()}
        ties = frozenset(
            (frozenset((known[t.subject_id], known[t.object_id])) if vocabulary()[t.type].symmetric
             else (known[t.subject_id], known[t.object_id]), t.type, t.asserted, t.denied, t.hedged, t.sources)
            for t in store.list_ties()
        )
        return store.count_documents(), len(actors), frozenset(known[a.id] for a in actors), ties
    finally:
        store.close()


def start_cli(*args: str) -> subprocess.Popen:
    """`tiewatch ARGS` as its own process (so it can be killed for real)."""
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.Popen([*CLI, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run_cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    proc = start_cli(*args)
    out, err = proc.communicate(timeout=timeout)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
