"""`tiewatch ingest` as a user runs it: summary line, skip reasons, exit codes, never a traceback."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.ingest.webserver import serve
from tiewatch.cli.app import app
from tiewatch.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def folder(tmp_path) -> Path:
    target = tmp_path / "collected"
    shutil.copytree(EXAMPLES, target)
    return target


def test_folder_ingested_then_known_on_the_second_run(db_url, folder):
    first = run("ingest", str(folder), "--db", db_url, "--no-extract")
    assert first.exit_code == 0, first.output
    stored = Store(db_url).count_documents()
    assert f"{stored} new, 0 already known, 0 skipped" in first.output and stored > 10
    second = run("ingest", str(folder), "--db", db_url, "--no-extract")
    assert second.exit_code == 0
    assert second.output.strip().endswith(f"0 new, {stored} already known, 0 skipped")
    assert Store(db_url).count_documents() == stored


def test_bad_files_in_a_folder_are_skipped_with_one_line_each(sqlite_url, folder):
    (folder / "junk.bin").write_bytes(os.urandom(4096))
    (folder / "empty.md").write_bytes(b"")
    (folder / "boilerplate.html").write_text(
        "<html><body><nav><a href='/'>Home</a></nav><footer>Powered by WordPress</footer></body></html>"
    )
    result = run("ingest", str(folder), "--db", sqlite_url, "--no-extract")
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert lines[-4].endswith("3 skipped")
    assert sorted(line.split(":", 1)[0].rsplit("/", 1)[-1] for line in lines[-3:]) == ["boilerplate.html", "empty.md", "junk.bin"]
    assert "only navigation or boilerplate" in result.output and "empty file" in result.output


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("junk.dat", bytes(range(256)) * 8, "binary data"),
        ("empty.txt", b"", "empty file"),
        ("result.json", b'{"name": "c", "messages": [}', "invalid JSON"),
        ("page.html", b"<html><body><nav>Home | About</nav></body></html>", "no main text"),
    ],
)
def test_one_bad_file_named_directly_exits_2_and_stores_nothing(db_url, tmp_path, name, content, reason):
    run("ingest", str(EXAMPLES / "klf-statement.txt"), "--db", db_url, "--no-extract")
    bad = tmp_path / name
    bad.write_bytes(content)
    result = run("ingest", str(bad), "--db", db_url, "--no-extract")
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and result.output.startswith("error: ") and reason in result.output
    assert Store(db_url).count_documents() == 1


def test_truncated_pdf_named_directly(sqlite_url, tmp_path):
    pdf = (EXAMPLES / "panel-of-experts-interim-report.pdf").read_bytes()
    cut = tmp_path / "report.pdf"
    cut.write_bytes(pdf[: len(pdf) // 3])
    result = run("ingest", str(cut), "--db", sqlite_url, "--no-extract")
    assert result.exit_code == 2 and "truncated PDF" in result.output


def test_huge_file_is_refused_without_being_read(sqlite_url, tmp_path):
    huge = tmp_path / "dump.txt"
    with huge.open("wb") as handle:
        handle.truncate(2 * 1000**3)  # 2 GB, sparse: reading it would take seconds and 2 GB of memory
    (tmp_path / "note.txt").write_text("The militia attacked the market in Bamsa.")
    result = run("ingest", str(tmp_path), "--db", sqlite_url, "--no-extract")
    assert result.exit_code == 0 and "1 new, 0 already known, 1 skipped" in result.output
    assert "too large (2.0 GB, the cap is 50.0 MB; see --max-bytes)" in result.output
    assert "tiewatch.db" not in result.output.split("\n", 1)[1]  # the store's own file is not an input
    direct = run("ingest", str(huge), "--db", sqlite_url, "--no-extract")
    assert direct.exit_code == 2 and "too large" in direct.output


def test_max_bytes_option(sqlite_url, folder):
    result = run("ingest", str(folder), "--db", sqlite_url, "--no-extract", "--max-bytes", "3KB")
    assert result.exit_code == 0 and "too large" in result.output and "the cap is 3000 bytes" in result.output
    bad = run("ingest", str(folder), "--db", sqlite_url, "--max-bytes", "lots")
    assert bad.exit_code == 2 and "is not a size" in bad.output


def test_missing_path_exits_2(sqlite_url, tmp_path):
    result = run("ingest", str(tmp_path / "nowhere"), "--db", sqlite_url)
    assert result.exit_code == 2 and "no such file, folder or URL" in result.output


def test_private_url_refused_with_a_hint(sqlite_url):
    result = run("ingest", "http://127.0.0.1:9/feed", "--db", sqlite_url)
    assert result.exit_code == 2 and "pass --allow-private" in result.output
    assert Store(sqlite_url).count_documents() == 0


def test_urls_fetched_with_allow_private_and_known_on_refetch(sqlite_url):
    with serve() as base:
        urls = [f"{base}/article", f"{base}/latest"]
        first = run("ingest", *urls, "--db", sqlite_url, "--no-extract", "--allow-private")
        again = run("ingest", *urls, "--db", sqlite_url, "--no-extract", "--allow-private")
    assert first.exit_code == 0 and "2 new, 0 already known, 0 skipped" in first.output
    assert "0 new, 2 already known, 0 skipped" in again.output
    kinds = {doc.origin: doc.kind for doc in Store(sqlite_url).iter_documents()}
    assert kinds == {f"{base}/article": "html", "https://ford.example/a": "feed"}


def test_a_dripping_server_is_cut_by_fetch_timeout(sqlite_url):
    with serve() as base:
        result = run("ingest", f"{base}/drip", "--db", sqlite_url, "--allow-private", "--fetch-timeout", "1")
    assert result.exit_code == 2 and Store(sqlite_url).count_documents() == 0
    assert result.output.strip() == f"error: {base}/drip: too slow (the download took over its 1 s budget; see --fetch-timeout)"
    bad = run("ingest", f"{base}/drip", "--db", sqlite_url, "--fetch-timeout", "0")
    assert bad.exit_code == 2 and "--fetch-timeout" in bad.output


def test_unknown_extractor_is_named(sqlite_url):
    result = run("ingest", str(EXAMPLES / "klf-statement.txt"), "--db", sqlite_url, "--extractor", "nonesuch")
    assert result.exit_code != 0 and "nonesuch" in result.output and Store(sqlite_url).count_documents() == 0


def test_readme_first_command_runs_the_whole_pipeline(tmp_path, monkeypatch):
    """`tiewatch ingest examples/` with the default extractor, into ./tiewatch.db."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TIEWATCH_DB", raising=False)
    result = run("ingest", str(EXAMPLES))
    assert result.exit_code == 0, result.output
    store = Store("sqlite:///tiewatch.db")
    assert f"{store.count_documents()} new, 0 already known, 0 skipped" in result.output
    assert f"{store.count_claims()} claims extracted by 'learned'" in result.output


def test_installed_command_reports_usage_and_input_errors_without_traceback(tmp_path):
    import subprocess
    import sys

    command = str(Path(sys.executable).parent / "tiewatch")
    db = f"sqlite:///{tmp_path / 'tiewatch.db'}"
    (tmp_path / "empty.txt").write_bytes(b"")
    for args, expected in ((["ingest"], "Missing argument"), (["ingest", str(tmp_path / "empty.txt"), "--db", db], "empty file")):
        done = subprocess.run([command, *args], capture_output=True, text=True, timeout=120)
        assert done.returncode == 2 and expected in done.stderr and "Traceback" not in done.stderr
