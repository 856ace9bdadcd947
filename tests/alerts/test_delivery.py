"""Alerts reach analysts: an Atom feed feedparser reads, a signed webhook with retries, an email digest."""

import hashlib
import hmac
import json
from email import message_from_bytes
from email.policy import default

import feedparser
import pytest

from tests.alerts.test_rules import LETTER_CLAIMS, REPORT_CLAIMS
from tests.export.sample import LETTER, REPORT, add_document
from tiewatch.alerts import evaluate, render_feed
from tiewatch.graph import refresh
from tiewatch.model import NotFound
from tiewatch.store import WatchRule


def watched(store, **rule):
    """The letter is known, a rule on Hamas is added, then a report brings a new tie."""
    add_document(store, LETTER, LETTER_CLAIMS)
    refresh(store)
    store.add_watch_rule(WatchRule(name="hamas", actor="Hamas", **rule))
    add_document(store, REPORT, REPORT_CLAIMS, source="Reuters", published="2016-04-10")
    refresh(store)


def test_atom_feed_parses_and_lists_the_alert(store):
    watched(store)
    evaluate(store, send=False)
    feed = feedparser.parse(render_feed(store, "hamas", base_url="http://localhost:8000"))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "tiewatch: hamas"
    (entry,) = feed.entries
    assert entry.title.startswith("New tie:") and "cooperates with Hamas" in entry.title
    assert "Sinai Province also cooperates with Hamas in Rafah." in entry.content[0].value
    assert entry.id.endswith(":new_tie") and entry.link.startswith("http://localhost:8000/ties/")
    evaluate(store, send=False)
    assert len(feedparser.parse(render_feed(store, "hamas")).entries) == 1


def test_feed_of_an_unknown_rule_says_so(store):
    with pytest.raises(NotFound, match="no watch rule named 'nope'"):
        render_feed(store, "nope")


def test_webhook_receives_a_signed_body_after_retries(store, receiver, monkeypatch):
    monkeypatch.setenv("TIEWATCH_WEBHOOK_SECRET", "s3cret")
    watched(store, webhook_url=receiver.url)
    receiver.statuses = [500, 503]
    alerts = evaluate(store)
    assert len(alerts) == 1
    assert len(receiver.requests) == 3  # two failures, then delivered
    headers, body = receiver.requests[-1]
    expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert headers["X-Tiewatch-Signature"] == expected
    document = json.loads(body)
    assert document["rule"] == "hamas"
    assert [a["event"] for a in document["alerts"]] == ["new_tie"]
    assert document["alerts"][0]["tie"]["type"] == "cooperates_with"
    evaluate(store)
    assert len(receiver.requests) == 3  # nothing new, nothing sent


def test_rule_secret_wins_and_a_failed_delivery_is_retried_later(store, receiver, monkeypatch):
    monkeypatch.setenv("TIEWATCH_WEBHOOK_SECRET", "global")
    watched(store, webhook_url=receiver.url, webhook_secret="rule-key")
    receiver.statuses = [500] * 4
    evaluate(store)
    assert len(receiver.requests) == 4
    assert store.list_alerts()[0].delivered["webhook"].startswith("failed")
    evaluate(store)  # no new alert, but the undelivered one goes out now
    headers, body = receiver.requests[-1]
    assert headers["X-Tiewatch-Signature"] == "sha256=" + hmac.new(b"rule-key", body, hashlib.sha256).hexdigest()
    assert store.list_alerts()[0].delivered["webhook"].startswith("sent")


def test_email_digest_reaches_the_smtp_server(store, smtp_server):
    watched(store, email="analyst@example.org, editor@example.org")
    evaluate(store)
    (envelope,) = smtp_server.messages
    assert envelope.mail_from == "alerts@tiewatch.test"
    assert sorted(envelope.rcpt_tos) == ["analyst@example.org", "editor@example.org"]
    message = message_from_bytes(envelope.content, policy=default)
    assert message["Subject"] == "tiewatch: 1 new alert(s) for hamas"
    assert "Sinai Province also cooperates with Hamas in Rafah." in message.get_content()
    evaluate(store)
    assert len(smtp_server.messages) == 1
