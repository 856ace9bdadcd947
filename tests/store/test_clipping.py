"""Fields clipped at the store boundary, identically on SQLite and PostgreSQL: what PostgreSQL alone
used to refuse (long source names and dates, NaN and Infinity, NUL bytes) is stored, and a document
the database still refuses is skipped while the batch goes on."""

from __future__ import annotations

import json
import math

import psycopg
from typer.testing import CliRunner

from tests.ingest import hostile
from tiewatch.cli.app import app
from tiewatch.model import Document, Source
from tiewatch.store import Store

runner = CliRunner()


def test_fields_are_clipped_to_what_both_backends_hold(store):
    doc = Document(
        text="Hamas\x00 fighters \ud800clashed with ISIS.", kind="telegram", origin="export.json#1",
        title="Title\x00", published="Tuesday, the tenth of June, in the year 2025", sha256="a" * 64,
        metadata={"views": math.nan, "ratio": math.inf, "nested": [{"low": -math.inf}], "id\x00": "x\x00y"},
        source=Source(name="C" * 400, kind="channel"),
    )
    doc_id, is_new = store.add_document(doc)
    again = store.get_document(doc_id)
    assert is_new and again.text == "Hamas fighters ?clashed with ISIS." and again.title == "Title"
    assert again.published == "Tuesday, the tenth of June, in the year 2025"[:32]
    assert again.metadata == {"views": None, "ratio": None, "nested": [{"low": None}], "id": "xy"}
    assert again.source.name == "C" * 300
    second = Document(text="Another post.", kind="telegram", origin="export.json#2", sha256="b" * 64,
                      source=Source(name="C" * 450, kind="channel"))
    store.add_document(second)
    assert [s.name for s in store.list_sources()] == ["C" * 300]  # one channel, found by its clipped name


def test_telegram_export_postgresql_used_to_refuse_is_stored(db_url, tmp_path):
    folder = tmp_path / "collected"
    folder.mkdir()
    export = hostile.telegram(folder / "result.json", 3, channel="Front " * 70,
                              date="2024-01-02T03:04:05.123456789+00:00 (local time)", from_id="user\u0000one")
    export.write_text(export.read_text(encoding="utf-8").replace('"id": 1,', '"id": 1, "reply_to_message_id": NaN, "forwarded_from_id": Infinity,'),
                      encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(folder), "--db", db_url, "--no-extract"])
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert "3 new, 0 already known, 0 skipped" in result.output
    listed = runner.invoke(app, ["documents", "--db", db_url, "--format", "jsonl"])
    records = [json.loads(line) for line in listed.output.splitlines()]
    assert len(records) == 3 and all(r["published"] is None for r in records)  # unreadable: dropped, never half-cut
    source = Store(db_url).list_sources()
    assert len(source) == 1 and len(source[0].name) == 300


def test_a_document_the_database_refuses_is_skipped_and_the_batch_goes_on(pg_url, tmp_path):
    Store(pg_url).close()
    schema = pg_url.rsplit("%3D", 1)[1]
    with psycopg.connect(pg_url.split("?")[0].replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f"SET search_path TO {schema}")
        conn.execute("CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN IF NEW.title = 'Refused Here By Policy' THEN "
                     "RAISE EXCEPTION 'value refused by policy' USING ERRCODE = '22023'; END IF; RETURN NEW; END $$ "
                     "LANGUAGE plpgsql")
        conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON documents FOR EACH ROW EXECUTE FUNCTION refuse()")
    folder = tmp_path / "collected"
    folder.mkdir()
    (folder / "a.txt").write_text("Refused Here By Policy\n\n" + hostile.GOOD_TEXT, encoding="utf-8")
    (folder / "b.txt").write_text("Kept Here As Usual\n\n" + hostile.GOOD_TEXT, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(folder), "--db", pg_url, "--no-extract"])
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert "1 new, 0 already known, 1 skipped" in result.output
    assert "skipped collected/a.txt: the database refused it (value refused by policy)" in result.output  # as stored
