"""`kill -9` during an ingest, its graph rebuild included: nothing is lost or duplicated and the
next command restores the graph a clean run builds (on SQLite and PostgreSQL)."""

from __future__ import annotations

import signal
import time

import pytest
from sqlalchemy import text

from tests.batch.conftest import EXAMPLES
from tests.batch.processes import run_cli, start_cli
from tiewatch.bench.crash import graph_shape
from tiewatch.store import Store


@pytest.fixture(scope="module")
def clean_shape(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('clean') / 'tiewatch.db'}"
    done = run_cli("ingest", str(EXAMPLES), "--db", url)
    assert done.returncode == 0, done.stderr
    return graph_shape(url)


def resolved_mentions(store: Store) -> int:
    with store.reading() as conn:
        return conn.execute(text("SELECT count(*) FROM mentions WHERE actor_id IS NOT NULL")).scalar()


EXAMPLE_DOCUMENTS = 16

MOMENTS = {
    "once every document is stored": lambda store: store.count_documents() == EXAMPLE_DOCUMENTS,
    "as the rebuild starts": Store.exclusive_held,
    "once the rebuild has resolved a document": lambda store: store.exclusive_held() and resolved_mentions(store) > 0,
}


def kill_when(url: str, moment, folder=EXAMPLES) -> bool:
    """Start an ingest of `folder`, SIGKILL it at `moment`; False when it finished first."""
    watcher = Store(url)
    proc = start_cli("ingest", str(folder), "--db", url)
    deadline = time.monotonic() + 600
    try:
        while proc.poll() is None:
            assert time.monotonic() < deadline, "the ingest neither finished nor reached the moment"
            if moment(watcher):
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                return True
            time.sleep(0.005)
        return False
    finally:
        proc.communicate()
        watcher.close()


def graph_behind(url: str) -> bool:
    store = Store(url)
    try:
        return store.graph_behind()
    finally:
        store.close()


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_a_killed_ingest_is_repaired_by_the_next_command(db_url, clean_shape, moment):
    assert kill_when(db_url, MOMENTS[moment]), "the ingest finished before it could be killed"
    behind = graph_behind(db_url)
    shown = run_cli("ties", "--db", db_url)
    assert shown.returncode == 0 and "Traceback" not in shown.stderr, shown.stderr
    assert ("rebuilt it" in shown.stderr) == behind
    assert not graph_behind(db_url)
    again = run_cli("ingest", str(EXAMPLES), "--db", db_url)
    assert again.returncode == 0, again.stderr
    assert graph_shape(db_url) == clean_shape  # nothing lost, nothing twice
    assert "0 new" in run_cli("ingest", str(EXAMPLES), "--db", db_url).stdout
    assert graph_shape(db_url) == clean_shape


def test_an_ingest_killed_half_way_is_finished_by_the_next_run(db_url, tmp_path):
    """Killed after its first document (no rebuild yet): the next run stores the rest once and
    rebuilds the graph from all of them, the graph one clean run gives."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in EXAMPLES.iterdir():
        if path.is_file():
            (folder / path.name).write_bytes(path.read_bytes())
    assert kill_when(db_url, lambda store: store.count_documents() >= 1, folder)
    assert graph_behind(db_url)
    assert run_cli("ingest", str(folder), "--db", db_url).returncode == 0
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    assert run_cli("ingest", str(folder), "--db", reference).returncode == 0
    assert graph_shape(db_url) == graph_shape(reference)
