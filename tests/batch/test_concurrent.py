"""Two ingests at once into one SQLite file or one PostgreSQL database: no errors, nothing stored
twice, and the graph one ingest after the other gives."""

from __future__ import annotations

import re
import shutil

import pytest

from tests.batch.conftest import EXAMPLES
from tests.batch.processes import run_cli, start_cli
from tiewatch.bench.crash import graph_shape


def finish(*procs) -> list[str]:
    """Wait for every process; the stdout of each, after checking it succeeded without a traceback."""
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=900)
        assert proc.returncode == 0 and "Traceback" not in err, err
        outputs.append(out)
    return outputs


@pytest.fixture
def halves(tmp_path):
    """The examples split in two folders, each with its own mix of formats."""
    first, second = tmp_path / "first", tmp_path / "second"
    for index, path in enumerate(sorted(EXAMPLES.iterdir())):
        target = (first if index % 2 else second) / path.name
        target.parent.mkdir(exist_ok=True)
        (shutil.copytree if path.is_dir() else shutil.copyfile)(path, target)
    return first, second


def test_two_ingests_of_different_folders_at_once_give_the_graph_of_one_after_the_other(db_url, halves, tmp_path):
    first, second = halves
    finish(start_cli("ingest", str(first), "--db", db_url), start_cli("ingest", str(second), "--db", db_url))
    one_after_other = f"sqlite:///{tmp_path / 'sequential.db'}"
    finish(start_cli("ingest", str(first), "--db", one_after_other))
    finish(start_cli("ingest", str(second), "--db", one_after_other))
    assert graph_shape(db_url) == graph_shape(one_after_other)


def test_two_ingests_of_one_folder_at_once_store_it_once(db_url, tmp_path):
    outputs = finish(start_cli("ingest", str(EXAMPLES), "--db", db_url), start_cli("ingest", str(EXAMPLES), "--db", db_url))
    stored = [int(re.search(r"(\d+) new", out).group(1)) for out in outputs]
    assert sum(stored) == 16  # each document stored by one of the two
    once = f"sqlite:///{tmp_path / 'once.db'}"
    assert run_cli("ingest", str(EXAMPLES), "--db", once).returncode == 0
    assert graph_shape(db_url) == graph_shape(once)
