"""Hostile inputs in a collected folder: each is skipped with the limit it hit, or read within the
budget, never with a traceback, and the good files beside them are stored once."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.ingest import hostile
from tiewatch.cli.app import app
from tiewatch.store import Store

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output, result.output
    return result


def stored(db_url: str) -> dict[str, dict]:
    listed = run("documents", "--db", db_url, "--format", "jsonl")
    return {Path(record["origin"]).name: record for record in map(json.loads, listed.output.splitlines())}


def skips(output: str) -> dict[str, str]:
    lines = [line.strip().removeprefix("skipped ") for line in output.splitlines() if line.strip().startswith("skipped ")]
    return {Path(line.split(": ", 1)[0]).name: line.split(": ", 1)[1] for line in lines}


def good_files(folder: Path) -> None:
    (folder / "report.txt").write_text(hostile.GOOD_TEXT, encoding="utf-8")
    page = f"<article><p>{hostile.GOOD_TEXT}</p><p>Hezbollah denied any tie to the charity.</p></article>"
    (folder / "briefing.html").write_text(hostile.page(page), encoding="utf-8")


@pytest.fixture
def hostile_folder(tmp_path) -> Path:
    folder = tmp_path / "collected"
    folder.mkdir()
    good_files(folder)
    hostile.zip_bomb(folder / "bomb.docx")
    hostile.feed(folder / "wire.xml", items=300)
    hostile.nested_entities(folder / "nested.html")
    hostile.many_attributes(folder / "attributes.html")
    hostile.big_table(folder / "table.html", rows=1_000)
    hostile.many_pages(folder / "pages.pdf", pages=6_000)
    hostile.emoji_flood(folder / "emoji.txt")
    hostile.single_line(folder / "line.txt")
    return folder


def test_hostile_files_are_skipped_with_their_limit_and_the_good_ones_stored_once(db_url, hostile_folder):
    first = run("ingest", str(hostile_folder), "--db", db_url, "--no-extract", "--max-items", "200")
    assert first.exit_code == 0, first.output
    assert skips(first.output) == {
        "bomb.docx": "expands past 200.0 MB (see --max-expanded)",
        "wire.xml": "more than 200 items (see --max-items)",
        "nested.html": "elements nested more than 512 deep (see --max-depth)",
        "attributes.html": "an element with more than 1,000 attributes (see --max-attributes)",
        "table.html": "more than 100,000 elements (see --max-elements)",
        "pages.pdf": "more than 5,000 pages (see --max-pages)",
    }
    documents = stored(db_url)
    assert set(documents) == {"report.txt", "briefing.html", "emoji.txt", "line.txt"}
    longest = max(len(paragraph) for record in documents.values() for paragraph in record["text"].split("\n\n"))
    assert longest <= 2_000
    assert len(documents["line.txt"]["text"]) > 3_900_000  # cut into paragraphs, not shortened
    second = run("ingest", str(hostile_folder), "--db", db_url, "--no-extract", "--max-items", "200")
    assert "0 new, 4 already known, 6 skipped" in second.output


def test_the_limits_are_options(sqlite_url, tmp_path):
    folder = tmp_path / "collected"
    folder.mkdir()
    hostile.many_pages(folder / "pages.pdf", pages=60)
    hostile.feed(folder / "wire.xml", items=30)
    result = run("ingest", str(folder), "--db", sqlite_url, "--no-extract", "--max-pages", "50", "--max-paragraph", "40")
    assert skips(result.output) == {"pages.pdf": "more than 50 pages (see --max-pages)"}
    assert "30 new" in result.output
    assert max(len(p) for r in stored(sqlite_url).values() for p in r["text"].split("\n\n")) <= 40
    bad = run("ingest", str(folder), "--db", sqlite_url, "--max-pages", "many")
    assert bad.exit_code == 2 and "--max-pages 'many' is not a number" in bad.output


def test_a_parse_over_its_time_is_stopped_and_the_folder_goes_on(sqlite_url, tmp_path):
    folder = tmp_path / "collected"
    folder.mkdir()
    good_files(folder)
    hostile.big_table(folder / "table.html", rows=1_000)
    result = run("ingest", str(folder), "--db", sqlite_url, "--no-extract", "--max-elements", "1000000", "--max-seconds", "1")
    assert skips(result.output) == {"table.html": "parse took over 1 s (see --max-seconds)"}
    assert set(stored(sqlite_url)) == {"report.txt", "briefing.html"}


def test_a_reader_over_its_memory_is_stopped_with_one_line(sqlite_url, tmp_path):
    folder = tmp_path / "collected"
    folder.mkdir()
    good_files(folder)
    with (folder / "huge.txt").open("w", encoding="utf-8") as out:
        for _ in range(120):
            out.write(hostile.GOOD_TEXT * 4_500 + "\n\n")
    result = run("ingest", str(folder), "--db", sqlite_url, "--no-extract", "--max-bytes", "1GB", "--max-memory", "60MB")
    assert skips(result.output) == {"huge.txt": "reading it needed more than 60.0 MB of memory (see --max-memory)"}
    assert set(stored(sqlite_url)) == {"report.txt", "briefing.html"}


def test_a_hostile_file_named_directly_exits_2_and_stores_nothing(sqlite_url, tmp_path):
    good = tmp_path / "report.txt"
    good.write_text(hostile.GOOD_TEXT, encoding="utf-8")
    bomb = hostile.zip_bomb(tmp_path / "bomb.docx")
    result = run("ingest", str(good), str(bomb), "--db", sqlite_url)
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {bomb}: expands past 200.0 MB (see --max-expanded)"
    assert stored(sqlite_url) == {}


def test_extract_keeps_to_the_same_budget(tmp_path):
    folder = tmp_path / "collected"
    folder.mkdir()
    hostile.many_attributes(folder / "attributes.html")
    shutil.copy(EXAMPLES / "klf-statement.txt", folder / "report.txt")
    result = runner.invoke(app, ["extract", str(folder), "--extractor", "rules"])
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert "attributes.html: an element with more than 1,000 attributes (see --max-attributes)" in result.output
    assert any(json.loads(line)["source"].endswith("report.txt") for line in result.stdout.splitlines() if line.startswith("{"))


def test_a_large_feed_and_export_are_read_with_bounded_memory(tmp_path):
    feed = hostile.feed(tmp_path / "wire.xml", items=20_000)
    export = hostile.telegram(tmp_path / "result.json", 100_000)
    read = ("import resource, sys\n"
            "from tiewatch.ingest import Budget, Item\n"
            "from tiewatch.ingest.sandbox import read_within, stop_workers\n"
            "budget = Budget(max_seconds=600, max_bytes=10**9)\n"
            "count = sum(1 for path in sys.argv[1:] for _ in read_within(Item(path, direct=True), budget))\n"
            "stop_workers()\n"
            "print(count, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    # through a small launcher: a process started straight from this one would count its size as its own peak
    launch = "import subprocess, sys; sys.exit(subprocess.run(sys.argv[1:]).returncode)"
    done = subprocess.run([sys.executable, "-c", launch, sys.executable, "-c", read, str(feed), str(export)],
                          capture_output=True, text=True, check=True)
    count, own_kb, workers_kb = map(int, done.stdout.split())
    assert count == 120_000
    assert own_kb < 200_000  # the documents came back one at a time, not as a list of 120,000
    assert workers_kb < 400_000  # the export was parsed message by message


def test_a_document_past_max_extracted_is_stored_whole_and_read_for_ties_up_to_a_paragraph_end(sqlite_url, tmp_path):
    first = "The Kivu Liberation Front receives rifles from the Sahel Arms Network, officials said."
    later = "The Coast Army trains fighters of the Ridge Front, a monitor reported."
    filler = "Residents described long queues for water and bread in the market on Monday."
    text = "\n\n".join([first] + [filler] * 30 + [later])
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    result = run("ingest", str(tmp_path / "long.txt"), "--db", sqlite_url, "--max-extracted", "1500")
    assert result.exit_code == 0, result.output
    assert "stored " in result.output and "ties found in its first 1,500 characters only (see --max-extracted)" in result.output
    store = Store(sqlite_url)
    (doc,) = [store.get_document(hit.id) for hit in store.list_documents()]
    assert doc.text.endswith(later)  # stored whole, searchable
    end = doc.metadata["extracted_chars"]
    assert end <= 1500 and doc.text[end:end + 2] == "\n\n"
    sentences = {c.sentence for t in store.list_ties() for c in store.claims_for_tie(t.id)}
    assert first in sentences and later not in sentences
    again = run("extract", str(tmp_path / "long.txt"), "--max-extracted", "1500")
    assert "Sahel Arms Network" in again.stdout and "Ridge Front" not in again.stdout
    assert "ties found in its first 1,500 characters only" in again.stderr
