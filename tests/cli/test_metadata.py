"""An analyst gives what a file cannot say: flags on ingest, a sidecar beside the file, and both
correcting a document that is already stored."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tiewatch.cli.app import app
from tiewatch.store import Store

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*args: str, code: int = 0):
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (result.output, result.exception)
    assert "Traceback" not in result.output
    return result


def _statement(tmp_path: Path) -> Path:
    folder = tmp_path / "kora"
    folder.mkdir(exist_ok=True)
    return Path(shutil.copy(EXAMPLES / "klf-statement.txt", folder / "klf-statement.txt"))


def _only(url: str):
    (doc,) = list(Store(url).iter_documents())
    return doc


def test_flags_give_title_publisher_date_and_address(sqlite_url, tmp_path):
    path = _statement(tmp_path)
    run("ingest", str(path), "--db", sqlite_url, "--no-extract", "--title", "KLF Statement No. 14",
        "--publisher", "Kora Liberation Front", "--published", "16 March 2024", "--url", "https://klf.example/14")
    doc = _only(sqlite_url)
    assert doc.title == "KLF Statement No. 14" and doc.source.name == "Kora Liberation Front"
    assert doc.published == "2024-03-16" and doc.metadata["dated_by"] == "flag"
    assert doc.metadata["canonical_url"] == "https://klf.example/14"


def test_a_sidecar_describes_its_file_and_is_never_a_document(sqlite_url, tmp_path):
    path = _statement(tmp_path)
    (path.parent / "klf-statement.txt.meta.yaml").write_text(
        "publisher: Kora Liberation Front\npublished: 2024-03-15\n", encoding="utf-8")
    result = run("ingest", str(path.parent), "--db", sqlite_url, "--no-extract")
    assert "1 new" in result.output and "skipped" not in result.output.replace("0 skipped", "")
    doc = _only(sqlite_url)
    assert doc.source.name == "Kora Liberation Front" and doc.metadata["dated_by"] == "sidecar"
    named = run("ingest", str(path.parent / "klf-statement.txt.meta.yaml"), "--db", sqlite_url, code=2)
    assert "a metadata sidecar; name the file it describes" in named.output


def test_flags_win_over_the_sidecar(sqlite_url, tmp_path):
    path = _statement(tmp_path)
    (path.parent / "klf-statement.meta.yaml").write_text("title: From The Sidecar\npublished: 2024-03-15\n")
    run("ingest", str(path), "--db", sqlite_url, "--no-extract", "--published", "2024-03-17")
    doc = _only(sqlite_url)
    assert doc.title == "From The Sidecar" and doc.published == "2024-03-17" and doc.metadata["dated_by"] == "flag"


@pytest.mark.parametrize("sidecar, reason", [
    ("titel: typo\n", "unknown key 'titel' (known: title, publisher, published, url)"),
    ("published: last spring\n", "published: 'last spring' is not a date"),
    ("url: file:///etc/passwd\n", "is not a web address"),
    ("- a\n- list\n", "not a list of `key: value` lines"),
    ("title: [unclosed\n", "cannot be read"),
])
def test_a_bad_sidecar_skips_its_file_with_the_reason(sqlite_url, tmp_path, sidecar, reason):
    path = _statement(tmp_path)
    (path.parent / "klf-statement.txt.meta.yaml").write_text(sidecar, encoding="utf-8")
    result = run("ingest", str(path.parent), "--db", sqlite_url, "--no-extract")
    assert "0 new" in result.output and reason in result.output
    assert Store(sqlite_url).count_documents() == 0


def test_a_flag_on_a_stored_document_corrects_it_and_logs_the_change(sqlite_url, tmp_path):
    path = _statement(tmp_path)
    run("ingest", str(path), "--db", sqlite_url, "--no-extract")
    assert _only(sqlite_url).published == "2024-03-15"  # its letterhead
    result = run("ingest", str(path), "--db", sqlite_url, "--no-extract", "--publisher", "KLF", "--published", "2024-03-14")
    assert "1 stored document(s) described anew" in result.output
    doc = _only(sqlite_url)
    assert doc.published == "2024-03-14" and doc.source.name == "KLF"
    (entry,) = Store(sqlite_url).list_reviews("document", doc.id)
    assert entry.who == "ingest" and entry.before["published"] == "2024-03-15" and entry.after["dated_by"] == "flag"
    again = run("ingest", str(path), "--db", sqlite_url, "--no-extract", "--publisher", "KLF")
    assert "described anew" not in again.output


def test_title_and_url_describe_one_document(sqlite_url, tmp_path):
    path = _statement(tmp_path)
    result = run("ingest", str(path.parent), "--db", sqlite_url, "--title", "One title", code=2)
    assert "--title describe one document: name the file, not its folder" in result.output
    bad = run("ingest", str(path), "--db", sqlite_url, "--published", "someday", code=2)
    assert "published: 'someday' is not a date" in bad.output
