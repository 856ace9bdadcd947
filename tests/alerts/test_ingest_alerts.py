"""The whole loop a new user tries: a rule on an actor, an ingest that brings a new tie about it,
one alert over feed, webhook and email, and nothing more when the same file is ingested again."""

import json
from email import message_from_bytes
from email.policy import default

import feedparser
import pytest
from typer.testing import CliRunner

from tiewatch.alerts import render_feed
from tiewatch.cli.app import app
from tiewatch.store import Store

pytestmark = pytest.mark.slow


def run(*args):
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_ingest_alerts_once_over_feed_webhook_and_email(sqlite_url, tmp_path, receiver, smtp_server, monkeypatch):
    monkeypatch.setenv("TIEWATCH_WEBHOOK_SECRET", "k")
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Officials in Cairo said Hamas supplied rifles to Sinai Province in 2016.\n")
    second.write_text("Reuters reported that Sinai Province fought alongside Hamas near Rafah.\n")
    run("ingest", str(first), "--db", sqlite_url)
    run("watch", "add", "hamas", "--actor", "Hamas", "--webhook", receiver.url, "--email", "desk@example.org",
        "--db", sqlite_url)
    assert "new alert" not in run("ingest", str(first), "--db", sqlite_url)
    output = run("ingest", str(second), "--db", sqlite_url)
    assert "1 new alert(s) from watch rules" in output
    store = Store(sqlite_url)
    (entry,) = feedparser.parse(render_feed(store, "hamas")).entries
    assert "Hamas" in entry.title and "Reuters reported that Sinai Province fought alongside Hamas" in entry.content[0].value
    (request,) = receiver.requests
    assert json.loads(request[1])["alerts"][0]["title"] == entry.title
    (mail,) = smtp_server.messages
    assert entry.title in message_from_bytes(mail.content, policy=default).get_content()
    assert "new alert" not in run("ingest", str(second), "--db", sqlite_url)
    assert len(receiver.requests) == 1 and len(smtp_server.messages) == 1
    store.close()
