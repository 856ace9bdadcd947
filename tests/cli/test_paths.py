"""Where a file was read from stays on the analyst's machine: documents are stored under their path
from the folder that was ingested, and no page, brief, export or alert names a local file unless
the user asks with --show-paths."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tiewatch.cli.app import app
from tiewatch.store import Store
from tiewatch.web import create_app

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def _case(tmp_path: Path) -> Path:
    folder = tmp_path / "home" / "analyst" / "informant-cases" / "kora"
    folder.mkdir(parents=True)
    for name in ("klf-statement.txt", "communique-gouverneur.txt"):
        shutil.copy(EXAMPLES / name, folder / name)
    return folder


def test_documents_are_stored_under_their_path_from_the_ingested_folder(sqlite_url, tmp_path):
    folder = _case(tmp_path)
    run("ingest", str(folder), "--db", sqlite_url)
    run("ingest", str(folder / "klf-statement.txt"), "--db", sqlite_url, "--no-extract")
    origins = sorted(doc.origin for doc in Store(sqlite_url).iter_documents())
    assert origins == ["kora/communique-gouverneur.txt", "kora/klf-statement.txt"]


def test_no_page_brief_or_export_names_a_local_file(sqlite_url, tmp_path):
    folder = _case(tmp_path)
    run("ingest", str(folder), "--db", sqlite_url)
    store = Store(sqlite_url)
    tie = store.list_ties(limit=1)[0]
    claim = store.claims_for_tie(tie.id)[0]
    written = []
    for fmt, out in (("stix", "graph.json"), ("csv", "csv"), ("ftm", "graph.ftm.json"), ("jsonl", "graph.jsonl")):
        run("export", fmt, "--out", str(tmp_path / out), "--db", sqlite_url)
        written.append(tmp_path / out)
    run("brief", "--actor", tie.subject, "--out", str(tmp_path / "brief.md"), "--db", sqlite_url)
    written.append(tmp_path / "brief.md")
    texts = [p.read_text() for w in written for p in ([w] if w.is_file() else sorted(w.iterdir()))]
    client = TestClient(create_app(store, secret="x" * 32))
    pages = [f"/documents/{claim.document_id}", "/documents", f"/ties/{tie.id}", f"/claims/{claim.id}",
             f"/api/documents/{claim.document_id}", f"/api/ties/{tie.id}", "/api/documents", "/search?q=Kora"]
    texts += [client.get(page).text for page in pages]
    for text in texts:
        assert "informant-cases" not in text and ".txt" not in text
    assert json.loads(client.get(f"/api/documents/{claim.document_id}").text)["origin"] is None


def test_show_paths_names_the_file_as_stored_never_the_folder_above(sqlite_url, tmp_path):
    folder = _case(tmp_path)
    run("ingest", str(folder), "--db", sqlite_url)
    store = Store(sqlite_url)
    tie = store.list_ties(limit=1)[0]
    run("export", "stix", "--out", str(tmp_path / "graph.json"), "--db", sqlite_url, "--show-paths")
    run("brief", "--actor", tie.subject, "--out", str(tmp_path / "brief.md"), "--db", sqlite_url, "--show-paths")
    for out in ("graph.json", "brief.md"):
        text = (tmp_path / out).read_text()
        assert "kora/" in text and "informant-cases" not in text
    client = TestClient(create_app(store, secret="x" * 32, show_paths=True))
    doc_id = store.claims_for_tie(tie.id)[0].document_id
    assert "kora/" in client.get(f"/documents/{doc_id}").text
