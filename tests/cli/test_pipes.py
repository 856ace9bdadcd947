"""Tools downstream: every listing command prints CSV as well as JSON lines; `extract -` reads
standard input; `export --out -` writes standard output."""

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from tests.export.sample import build_network
from tiewatch.cli.app import app
from tiewatch.store import Store

TEXT = "The Kora Valley Front supplied rifles to the Black Banner Brigade, officials said."


@pytest.fixture
def sample(db_url):
    store = Store(db_url)
    build_network(store)
    store.close()
    return db_url


def _rows(output: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(output)))


@pytest.mark.parametrize("command,key", [
    (["ties"], "type"), (["actors"], "name"), (["actors", "--rank"], "pagerank"), (["documents"], "title"),
])
def test_listing_commands_print_csv_with_the_fields_of_their_json_lines(sample, command, key):
    runner = CliRunner()
    as_csv = runner.invoke(app, [*command, "--format", "csv", "--db", sample])
    as_jsonl = runner.invoke(app, [*command, "--format", "jsonl", "--db", sample])
    assert as_csv.exit_code == 0 and as_jsonl.exit_code == 0, as_csv.output
    rows, records = _rows(as_csv.stdout), [json.loads(line) for line in as_jsonl.stdout.splitlines()]
    assert rows and len(rows) == len(records) and list(rows[0]) == list(records[0])
    assert [r[key] for r in rows] == [str(r[key]) for r in records]


def test_a_real_pipe_into_extract(tmp_path):
    """As in a shell: `echo … | tiewatch extract - --format csv`, errors as one line."""
    import subprocess
    import sys
    from pathlib import Path

    tiewatch = str(Path(sys.executable).parent / "tiewatch")
    piped = subprocess.run([tiewatch, "extract", "-", "--format", "csv"], input=TEXT, capture_output=True, text=True, timeout=300)
    assert piped.returncode == 0 and _rows(piped.stdout)[0]["type"] == "supplies_weapons"
    empty = subprocess.run([tiewatch, "extract", "-"], input="", capture_output=True, text=True, timeout=300)
    assert empty.returncode != 0 and empty.stderr.strip().startswith("error: standard input is empty")
    assert "Traceback" not in empty.stderr


def test_extract_reads_standard_input_in_any_format():
    runner = CliRunner()
    result = runner.invoke(app, ["extract", "-", "--format", "csv"], input=TEXT)
    assert result.exit_code == 0, result.output
    (row,) = _rows(result.stdout)
    assert (row["source"], row["subject"], row["type"], row["object"]) == (
        "-", "Kora Valley Front", "supplies_weapons", "Black Banner Brigade")
    empty = runner.invoke(app, ["extract", "-"], input="")
    assert empty.exit_code != 0 and "standard input is empty" in str(empty.exception)


def test_export_writes_standard_output_and_a_folder_format_says_it_cannot(sample):
    runner = CliRunner()
    result = runner.invoke(app, ["export", "stix", "--out", "-", "--db", sample])
    assert result.exit_code == 0
    bundle = json.loads(result.stdout)
    assert bundle["type"] == "bundle" and any(o["type"] == "relationship" for o in bundle["objects"])
    folder = runner.invoke(app, ["export", "csv", "--out", "-", "--db", sample])
    assert folder.exit_code != 0 and "cannot go to standard output" in str(folder.exception)
