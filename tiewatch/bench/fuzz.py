"""`tiewatch bench fuzz`: generate the hostile corpus and ingest it as a user would, in a child
process per backend, twice, and say what broke.

Each run is `tiewatch ingest FOLDER --db URL` in its own process session, killed when it runs past
`timeout`. Measured per run: wall time, the peak resident memory of the child and of the processes
it waited for (`os.wait4`, the per-child form of getrusage(RUSAGE_CHILDREN)), tracebacks in its
output (there must be none), the files skipped and whether every file the corpus marks SKIP was
skipped with a reason, whether each GOOD document is stored exactly once (its marker word is
looked up in the store), and whether any stored text holds the canary file or /etc/passwd. The
second run must add nothing.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from tiewatch.bench.hostile import KINDS, LEAK_SIGNS, SKIP, Manifest, generate
from tiewatch.bench.hostile.corpus import MARKER_PREFIX
from tiewatch.ingest.fingerprint import storable
from tiewatch.model import StoreError, TiewatchError

DEFAULT_TIMEOUT = 1800.0
INGEST = "from tiewatch.cli.app import main; main()"
TRACEBACK = "Traceback (most recent call last)"
_SUMMARY = re.compile(r"^(\d+) new, (\d+) already known, (\d+) skipped$", re.MULTILINE)
_MARKER = re.compile(rf"{MARKER_PREFIX}\d{{5}}")
_EXCEPTION = re.compile(r"^[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt)\b.*$", re.MULTILINE)
Progress = Callable[[str], None]


@dataclass
class Run:
    """One `tiewatch ingest` of (part of) the corpus on one backend, and what it gave."""

    backend: str
    label: str
    files: int
    seconds: float
    peak_mb: float
    exit_code: int | None
    timed_out: bool
    tracebacks: int
    new: int | None = None
    known: int | None = None
    skipped: int | None = None
    bad_not_skipped: list[str] | None = None  # None: the run did not finish, so its skips are not judged
    good_expected: int = 0
    good_once: int = 0
    good_missing: list[str] = field(default_factory=list)
    good_duplicated: list[str] = field(default_factory=list)
    leaks: int = 0
    documents: int = 0
    last_error: str = ""

    @property
    def problems(self) -> list[str]:
        """What this run got wrong, one phrase each; empty when it held."""
        found = [f"{self.tracebacks} traceback(s)"] if self.tracebacks else []
        found += ["timed out"] if self.timed_out else []
        found += [f"exit {self.exit_code}: {self.last_error}"] if self.exit_code else []
        found += [f"{len(self.bad_not_skipped)} bad file(s) not skipped"] if self.bad_not_skipped else []
        found += [f"{len(self.good_missing)} good document(s) missing"] if self.good_missing else []
        found += [f"{len(self.good_duplicated)} good document(s) stored twice"] if self.good_duplicated else []
        found += [f"{self.leaks} document(s) holding a local file"] if self.leaks else []
        found += [f"{self.new} new document(s) on the second ingest"] if self.label == "again" and self.new else []
        return found


@dataclass
class Report:
    seed: int
    scale: float
    files: int
    skipped_kinds: list[str]
    runs: list[Run]

    @property
    def problems(self) -> list[str]:
        return [f"{r.backend} {r.label}: {p}" for r in self.runs for p in r.problems]

    def as_dict(self) -> dict:
        return {**asdict(self), "problems": self.problems}


def ingest_command(folder: Path, url: str, extract: bool) -> list[str]:
    return [sys.executable, "-c", INGEST, "ingest", str(folder), "--db", url, *([] if extract else ["--no-extract"])]


def run_child(command: list[str], out: Path, timeout: float) -> tuple[int | None, bool, float, float]:
    """Run `command` in its own session with stdout+stderr to `out`; (exit code, timed out,
    seconds, peak RSS in MB). Past `timeout` the whole session is killed."""
    env = {k: v for k, v in os.environ.items() if k != "TIEWATCH_DB"}
    start = time.monotonic()
    with out.open("wb") as sink:
        child = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                 env=env, start_new_session=True)
    timed_out, status, usage = False, 0, None
    while usage is None:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid == 0:
            usage = None
            if time.monotonic() - start > timeout:
                os.killpg(child.pid, signal.SIGKILL)
                timed_out = True
                _, status, usage = os.wait4(child.pid, 0)
            else:
                time.sleep(0.2)
    child.returncode = os.waitstatus_to_exitcode(status)
    return (None if timed_out else child.returncode), timed_out, time.monotonic() - start, usage.ru_maxrss / 1024


def _skip_reasons(output: str) -> list[str]:
    return [line[len("  skipped "):] for line in output.splitlines() if line.startswith("  skipped ")]


def _not_skipped(folder: Path, manifest: Manifest, kinds: set[str], output: str) -> list[str]:
    """SKIP entries of these kinds with no "skipped PATH: reason" line."""
    lines = _skip_reasons(output)
    missing = []
    for entry in manifest.entries:
        if entry.expect != SKIP or entry.kind not in kinds:
            continue
        prefix = storable(str(folder / entry.path)) + ": "
        if not any(line.startswith(prefix) and line[len(prefix):].strip() for line in lines):
            missing.append(entry.path)
    return missing


def _stored(url: str, signs: Iterable[str]) -> tuple[dict[str, int], int, int]:
    """How often each marker occurs across stored documents, the documents holding a leak sign,
    and the number of documents."""
    from tiewatch.store import Store

    store = Store(url)
    counts: dict[str, int] = {}
    leaks = documents = 0
    try:
        for doc in store.iter_documents():
            documents += 1
            for marker in set(_MARKER.findall(doc.text)):
                counts[marker] = counts.get(marker, 0) + 1
            leaks += any(sign in doc.text for sign in signs)
    finally:
        store.close()
    return counts, leaks, documents


def _judge(run: Run, output: str, url: str, folder: Path, manifest: Manifest, kinds: set[str]) -> None:
    run.tracebacks = output.count(TRACEBACK)
    summary = _SUMMARY.findall(output)
    if summary:
        run.new, run.known, run.skipped = map(int, summary[-1])
    if run.exit_code or run.tracebacks:
        raised = _EXCEPTION.findall(output)
        last = next((line.strip() for line in reversed(output.splitlines()) if line.strip()), "")
        run.last_error = (raised[-1] if raised else last)[:200]
    run.bad_not_skipped = _not_skipped(folder, manifest, kinds, output) if run.exit_code == 0 else None
    counts, run.leaks, run.documents = _stored(url, (manifest.canary, *LEAK_SIGNS))
    expected = [m for e in manifest.good if e.kind in kinds for m in e.markers]
    run.good_expected = len(expected)
    run.good_once = sum(counts.get(m) == 1 for m in expected)
    run.good_missing = [m for m in expected if m not in counts]
    run.good_duplicated = [m for m in expected if counts.get(m, 0) > 1]


def ingest_run(backend: str, label: str, url: str, corpus: Path, target: Path, manifest: Manifest, kinds: set[str],
               extract: bool, timeout: float, logs: Path) -> Run:
    """One ingest of `target` (the corpus folder or one kind's folder in it), judged."""
    log = logs / f"{backend}-{label}.log"
    files = sum(1 for e in manifest.entries if e.kind in kinds)
    code, timed_out, seconds, peak = run_child(ingest_command(target, url, extract), log, timeout)
    run = Run(backend, label, files, round(seconds, 1), round(peak), code, timed_out, 0)
    _judge(run, log.read_text("utf-8", "replace"), url, corpus, manifest, kinds)
    return run


def _require_empty(url: str) -> None:
    from tiewatch.store import Store

    store = Store(url)
    try:
        held = store.count_documents()
    finally:
        store.close()
    if held:
        raise StoreError(f"{store.safe_url} already holds {held} documents; point --db at an empty database or schema")


def fuzz(scale: float = 1.0, seed: int = 13, db: str | None = None, skip: Iterable[str] = (), extract: bool = True,
         timeout: float = DEFAULT_TIMEOUT, by_kind: bool = False, workdir: Path | None = None,
         progress: Progress | None = None, sqlite: bool = True) -> Report:
    """Generate the corpus in `workdir` (a temporary folder when None, removed afterwards) and ingest it
    on SQLite (unless `sqlite` is False) and, given `db`, on that PostgreSQL database (which must hold
    no documents)."""
    if db is not None and not db.startswith(("postgresql", "postgres")):
        raise TiewatchError("--db must be a PostgreSQL URL (postgresql+psycopg://...); SQLite runs in a file of its own")
    if not sqlite and not db:
        raise TiewatchError("--no-sqlite leaves no database to run on: give --db a PostgreSQL URL")
    if workdir is None:
        with tempfile.TemporaryDirectory(prefix="tiewatch-fuzz-") as tmp:
            return fuzz(scale, seed, db, skip, extract, timeout, by_kind, Path(tmp), progress, sqlite)
    if db:
        _require_empty(db)
    manifest = generate(workdir / "hostile", seed, scale, skip)
    folder = workdir / "hostile" / "corpus"
    for stale in workdir.glob("fuzz.db*"):  # an earlier run's SQLite store: each run starts empty
        stale.unlink()
    backends = [("sqlite", f"sqlite:///{workdir / 'fuzz.db'}")] * sqlite + [("postgresql", db)] * bool(db)
    runs = []
    for backend, url in backends:
        for label, target, kinds in _plan(folder, manifest, by_kind):
            if progress:
                progress(f"{backend} {label}")
            runs.append(ingest_run(backend, label, url, folder, target, manifest, kinds, extract, timeout, workdir))
    return Report(seed, scale, len(manifest.entries), manifest.skipped_kinds, runs)


def _plan(folder: Path, manifest: Manifest, by_kind: bool) -> list[tuple[str, Path, set[str]]]:
    """(label, folder to ingest, kinds it holds) for each run: the whole corpus twice, or each kind once."""
    present = sorted({e.kind for e in manifest.entries})
    if by_kind:
        return [(name, folder / name, {name}) for name in present]
    return [("first", folder, set(present)), ("again", folder, set(present))]


def markdown(report: Report) -> str:
    rows = [
        f"Hostile corpus: {report.files} files (seed {report.seed}, scale {report.scale}); "
        f"kinds left out: {', '.join(report.skipped_kinds) or 'none'}",
        "",
        "| backend | run | files | new | known | skipped | bad not skipped | good stored once | good twice | leaks "
        "| tracebacks | exit | wall s | peak RSS MB |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    for r in report.runs:
        cells = [r.backend, r.label, r.files, _n(r.new), _n(r.known), _n(r.skipped),
                 _n(None if r.bad_not_skipped is None else len(r.bad_not_skipped)), f"{r.good_once}/{r.good_expected}",
                 len(r.good_duplicated), r.leaks, r.tracebacks, "timeout" if r.timed_out else r.exit_code,
                 f"{r.seconds:.1f}", f"{r.peak_mb:.0f}"]
        rows.append("| " + " | ".join(map(str, cells)) + " |")
    problems = report.problems
    rows += ["", "Problems:" if problems else "No problems: every check held."] + [f"- {p}" for p in problems]
    return "\n".join(rows)


def _n(value: int | None) -> str:
    return "—" if value is None else str(value)


def kinds_help() -> str:
    return ", ".join(sorted(KINDS))
