"""`tiewatch bench crash`: kill ingests with SIGKILL at random moments, then check that the next
command restores the graph a clean run builds.

A clean ingest of FOLDER into a scratch SQLite file gives the reference. On the store under test
(empty; a scratch SQLite file unless `--db` names one), an ingest of FOLDER is started and killed,
`kills` times in a row: the first half after a random 10-40 % of the clean run's time (while
documents are read, extracted and stored; each new run goes on where the last one died), the rest
once the graph rebuild has started, plus a random fraction of a second. Then one ingest runs to the
end and `tiewatch ties` is the next command. Passed when every kill landed (one during a rebuild at
least), no traceback was printed, and the store holds what the reference holds: the same
documents, actors (each known by every name it is called) and ties with the same counts.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from tiewatch.model import StoreError, vocabulary
from tiewatch.store import Store

CLI = [sys.executable, "-c", "from tiewatch.cli.app import main; main()"]
Shape = tuple[int, int, frozenset, frozenset]


def graph_shape(url: str) -> Shape:
    """Documents, actors and ties as an analyst would compare two stores: an actor is the set of
    every name it is called (which spelling became its display name depends on reading order), a
    symmetric tie's two ends count in either order; each actor's kind counts."""
    store = Store(url)
    try:
        actors = store.list_actors()
        said = store.mentioned_names()
        known = {a.id: frozenset(n.casefold() for n in [a.name, *a.aliases, *said.get(a.id, ())]) for a in actors}
        ties = frozenset(
            (frozenset((known[t.subject_id], known[t.object_id])) if vocabulary()[t.type].symmetric
             else (known[t.subject_id], known[t.object_id]), t.type, t.asserted, t.denied, t.hedged, t.sources)
            for t in store.list_ties()
        )
        return store.count_documents(), len(actors), frozenset((known[a.id], a.kind) for a in actors), ties
    finally:
        store.close()


def run_cli(*args: str, timeout: float = 1800) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout)


@dataclass
class Kill:
    after: float  # seconds after the start
    during_rebuild: bool
    documents: int  # stored when it died


@dataclass
class CrashReport:
    clean_seconds: float
    asked: int
    kills: list[Kill] = field(default_factory=list)
    tracebacks: int = 0
    restored: bool = False
    expected: Shape | None = None
    found: Shape | None = None

    def markdown(self) -> str:
        rows = [f"| {i} | {k.after:.2f} | {'yes' if k.during_rebuild else 'no'} | {k.documents} |"
                for i, k in enumerate(self.kills, 1)]
        docs, actors, _, ties = self.found or (0, 0, None, frozenset())
        want_docs, want_actors, _, want_ties = self.expected or (0, 0, None, frozenset())
        return "\n".join([
            "| kill | after (s) | during the rebuild | documents stored |", "|---|---|---|---|", *rows, "",
            f"clean run: {self.clean_seconds:.1f} s; after the kills and one more run: {docs} documents, "
            f"{actors} actors, {len(ties)} ties (clean: {want_docs}, {want_actors}, {len(want_ties)}); "
            f"tracebacks: {self.tracebacks}; kills that landed: {len(self.kills)} of {self.asked}, "
            f"{sum(k.during_rebuild for k in self.kills)} during a rebuild; "
            f"graph restored: {'yes' if self.restored else 'NO'}",
        ])


def _kill_once(url: str, folder: Path, delay: float, wait_for_rebuild: bool, rng: random.Random) -> tuple[Kill | None, str]:
    watcher = Store(url)
    proc = subprocess.Popen([*CLI, "ingest", str(folder), "--db", url],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    started = time.monotonic()
    try:
        ready: Callable[[], bool] = watcher.exclusive_held if wait_for_rebuild else (lambda: time.monotonic() - started >= delay)
        while proc.poll() is None and not ready():
            time.sleep(0.005)
        if proc.poll() is not None:
            return None, proc.communicate()[1]
        if wait_for_rebuild:
            time.sleep(rng.uniform(0, 0.3))
        during = watcher.exclusive_held()
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate()
        return Kill(time.monotonic() - started, during, watcher.count_documents()), err
    finally:
        watcher.close()


def _require_empty(url: str) -> None:
    store = Store(url)
    try:
        if store.count_documents():
            raise StoreError(f"{store.safe_url} already holds documents; the crash benchmark needs an empty store")
    finally:
        store.close()


def crash(folder: Path, kills: int = 10, url: str | None = None, seed: int = 20261201) -> CrashReport:
    if url:
        _require_empty(url)
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="tiewatch-crash-") as scratch:
        reference = f"sqlite:///{Path(scratch) / 'clean.db'}"
        started = time.monotonic()
        clean = run_cli("ingest", str(folder), "--db", reference)
        report = CrashReport(time.monotonic() - started, kills, tracebacks=clean.stderr.count("Traceback"))
        report.expected = graph_shape(reference)
        url = url or f"sqlite:///{Path(scratch) / 'killed.db'}"
        for n in range(kills):
            in_rebuild = n >= kills // 2
            kill, err = _kill_once(url, folder, rng.uniform(0.1, 0.4) * report.clean_seconds, in_rebuild, rng)
            report.tracebacks += err.count("Traceback")
            if kill:
                report.kills.append(kill)
        for step in (("ingest", str(folder)), ("ties",)):
            done = run_cli(*step, "--db", url)
            report.tracebacks += done.stderr.count("Traceback")
        report.found = graph_shape(url)
        landed = len(report.kills) == kills and any(k.during_rebuild for k in report.kills)
        report.restored = landed and report.found == report.expected and report.tracebacks == 0
    return report
