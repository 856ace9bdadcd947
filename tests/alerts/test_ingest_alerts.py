"""The whole loop a new user tries: a rule on an actor, an ingest that brings a new tie about it and
only queues the alert, `tiewatch alerts deliver` sending it once over webhook and email, and nothing
more when the same file is ingested again. A webhook that never answers delays no ingest."""

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
FIRST = "Officials in Cairo said Hamas supplied rifles to Sinai Province in 2016.\n"
SECOND = "Reuters reported that Sinai Province fought alongside Hamas near Rafah.\n"


def run(*args):
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_ingest_queues_the_alert_and_deliver_sends_it_once(sqlite_url, tmp_path, receiver, smtp_server, monkeypatch):
    monkeypatch.setenv("TIEWATCH_WEBHOOK_SECRET", "k")
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(FIRST)
    second.write_text(SECOND)
    run("ingest", str(first), "--db", sqlite_url)
    run("watch", "add", "hamas", "--actor", "Hamas", "--webhook", receiver.url, "--email", "desk@example.org",
        "--db", sqlite_url)
    assert "new alert" not in run("ingest", str(first), "--db", sqlite_url)
    output = run("ingest", str(second), "--db", sqlite_url)
    assert "1 new alert(s) from watch rules" in output and "2 alert deliveries waiting" in output
    assert receiver.requests == [] and smtp_server.messages == []
    store = Store(sqlite_url)
    (entry,) = feedparser.parse(render_feed(store, "hamas")).entries
    assert "Hamas" in entry.title and "Reuters reported that Sinai Province fought alongside Hamas" in entry.content[0].value
    assert "2 delivered, 0 to retry later, 0 failed" in run("alerts", "deliver", "--db", sqlite_url)
    (request,) = receiver.requests
    assert json.loads(request[1])["alerts"][0]["title"] == entry.title
    (mail,) = smtp_server.messages
    assert entry.title in message_from_bytes(mail.content, policy=default).get_content()
    assert "waiting" not in run("ingest", str(second), "--db", sqlite_url)
    assert "0 delivered" in run("alerts", "deliver", "--db", sqlite_url)
    assert len(receiver.requests) == 1 and len(smtp_server.messages) == 1
    store.close()


def test_an_ingest_does_not_wait_for_a_webhook_that_never_answers(db_url, tmp_path, receiver):
    receiver.hold = 1000  # accepts and reads every request, answers none
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(FIRST)
    second.write_text(SECOND)
    run("ingest", str(first), "--db", db_url)
    for name in ("one", "two", "three"):
        run("watch", "add", name, "--actor", "Hamas", "--webhook", receiver.url, "--db", db_url)
    output = run("ingest", str(second), "--db", db_url)
    assert "3 new alert(s) from watch rules" in output and "3 alert deliveries waiting" in output
    assert receiver.requests == []  # ingest never connected
    listing = run("alerts", "list", "--state", "pending", "--format", "jsonl", "--db", db_url)
    assert sorted(json.loads(line)["rule"] for line in listing.splitlines()) == ["one", "three", "two"]
