"""`tiewatch documents` shows what ingest stored, for people (table) and for tools (JSON lines)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tiewatch.cli.app import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()


def test_jsonl_has_the_fields_tools_need(db_url):
    runner.invoke(app, ["ingest", str(EXAMPLES / "kora-monitor.rss"), "--db", db_url, "--no-extract"])
    result = runner.invoke(app, ["documents", "--format", "jsonl", "--db", db_url])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) == 3
    for row in rows:
        assert {"id", "title", "kind", "origin", "published", "language", "text"} <= set(row)
        assert row["kind"] == "feed" and row["language"] == "en" and row["origin"].startswith("https://koramonitor.example/")
    assert rows[0]["title"] == "Aid charity bankrolled Ansar el-Wadi, investigators say"
    assert rows[0]["source"] == "Kora Monitor" and rows[0]["published"] == "2024-03-16T07:45:00Z"


def test_telegram_posts_keep_their_channel_structure(sqlite_url):
    runner.invoke(app, ["ingest", str(EXAMPLES / "ChatExport_2024-03-21"), "--db", sqlite_url, "--no-extract"])
    result = runner.invoke(app, ["documents", "--format", "jsonl", "--db", sqlite_url])
    posts = {row["metadata"]["message_id"]: row for row in map(json.loads, result.output.splitlines())}
    assert posts[3]["metadata"]["forwarded_from"] == "Kora News Relay"
    assert posts[4]["metadata"]["reply_to_message_id"] == 3
    assert posts[5]["metadata"]["links"] == ["https://t.me/koranewsrelay/118"]
    assert posts[5]["metadata"]["mentions"] == ["@koramonitor"]
    assert 1 not in posts and 6 not in posts  # service message and photo without caption


def test_table_lists_titles(sqlite_url):
    runner.invoke(app, ["ingest", str(EXAMPLES / "klf-statement.txt"), "--db", sqlite_url, "--no-extract"])
    result = runner.invoke(app, ["documents", "--db", sqlite_url])
    assert result.exit_code == 0 and "KORA LIBERATION" in result.output and "text" in result.output
