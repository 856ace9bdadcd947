"""Alerts reach analysts through the outbox: an Atom feed feedparser reads, a signed webhook with
an idempotency key and retries, an email digest; each delivered once, failures kept with their reason."""

import hashlib
import hmac
import json
from email import message_from_bytes
from email.policy import default

import feedparser
import pytest

from tests.alerts.test_rules import LETTER_CLAIMS, REPORT_CLAIMS
from tests.export.sample import LETTER, REPORT, add_document
from tiewatch.alerts import Policy, add_rule, deliver, evaluate, render_feed
from tiewatch.graph import refresh
from tiewatch.model import NotFound, TiewatchError
from tiewatch.store import WatchRule, utcnow

QUICK = Policy(attempts=4, backoff=0.01, timeout=5, deadline=20, retry_after=60)


def watched(store, **rule):
    """The letter is known, a rule on Hamas is added, then a report brings a new tie: one alert."""
    add_document(store, LETTER, LETTER_CLAIMS)
    refresh(store)
    add_rule(store, WatchRule(name="hamas", actor="Hamas", **rule))
    add_document(store, REPORT, REPORT_CLAIMS, source="Reuters", published="2016-04-10")
    refresh(store)
    return evaluate(store)


def test_atom_feed_parses_and_lists_the_alert(store):
    watched(store)
    feed = feedparser.parse(render_feed(store, "hamas", base_url="http://localhost:8000"))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "tiewatch: hamas"
    (entry,) = feed.entries
    assert entry.title.startswith("New tie:") and "cooperates with Hamas" in entry.title
    assert "Sinai Province also cooperates with Hamas in Rafah." in entry.content[0].value
    assert entry.id.endswith(":new_tie") and entry.link.startswith("http://localhost:8000/ties/")
    evaluate(store)
    assert len(feedparser.parse(render_feed(store, "hamas")).entries) == 1


def test_feed_of_an_unknown_rule_says_so(store):
    with pytest.raises(NotFound, match="no watch rule named 'nope'"):
        render_feed(store, "nope")


def test_raising_queues_one_delivery_per_channel_and_sends_nothing(store, receiver):
    (alert,) = watched(store, webhook_url=receiver.url, email="desk@example.org")
    rows = store.list_outbox()
    assert sorted((r.channel, r.state, r.alert.id) for r in rows) == [("email", "pending", alert.id),
                                                                     ("webhook", "pending", alert.id)]
    assert len({r.key for r in rows}) == 2 and receiver.requests == []
    assert store.outbox_counts()["due"] == 2


def test_a_receiver_failing_twice_gets_the_alert_once_signed_with_one_key(store, receiver, monkeypatch):
    monkeypatch.setenv("TIEWATCH_WEBHOOK_SECRET", "s3cret")
    watched(store, webhook_url=receiver.url)
    receiver.statuses = [500, 503]
    summary = deliver(store, QUICK)
    assert (summary.delivered, summary.retrying, summary.failed) == (1, 0, 0)
    (row,) = store.list_outbox()
    assert len(receiver.requests) == 3 and set(receiver.keys()) == {row.key}
    headers, body = receiver.requests[-1]
    assert headers["X-Tiewatch-Signature"] == "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    document = json.loads(body)
    assert document["rule"] == "hamas" and document["idempotency_key"] == row.key
    assert [(a["event"], a["tie"]["type"]) for a in document["alerts"]] == [("new_tie", "cooperates_with")]
    assert (row.state, row.attempts, row.last_error) == ("delivered", 3, None) and row.delivered_at
    assert str(deliver(store, QUICK)) == "0 delivered, 0 to retry later, 0 failed"
    assert len(receiver.requests) == 3


def test_a_receiver_down_for_a_whole_delivery_is_tried_later_and_on_request(store, receiver, monkeypatch):
    monkeypatch.setenv("TIEWATCH_WEBHOOK_SECRET", "global")
    watched(store, webhook_url=receiver.url, webhook_secret="rule-key")
    receiver.statuses = [500] * 4
    assert deliver(store, QUICK).retrying == 1
    (row,) = store.list_outbox()
    assert (row.state, row.attempts, row.last_error) == ("pending", 4, f"webhook {receiver.url}: HTTP 500")
    assert row.next_try > utcnow()
    assert deliver(store, QUICK).delivered == 0 and len(receiver.requests) == 4  # not due yet
    assert store.retry_outbox([row.id]) == 1
    assert deliver(store, QUICK).delivered == 1
    headers, body = receiver.requests[-1]
    assert headers["X-Tiewatch-Signature"] == "sha256=" + hmac.new(b"rule-key", body, hashlib.sha256).hexdigest()
    assert set(receiver.keys()) == {row.key}


def test_a_final_answer_fails_the_row_at_once_with_the_reason(store, receiver):
    watched(store, webhook_url=receiver.url)
    receiver.statuses = [410]
    assert deliver(store, QUICK).failed == 1
    (row,) = store.list_outbox(state="failed")
    assert len(receiver.requests) == 1 and row.last_error == f"webhook {receiver.url}: HTTP 410"
    assert store.retry_outbox(failed=True) == 1 and deliver(store, QUICK).delivered == 1


def test_too_many_attempts_fail_the_row(store, receiver):
    watched(store, webhook_url=receiver.url)
    receiver.statuses = [503] * 3
    assert deliver(store, Policy(attempts=3, backoff=0, give_up=3)).failed == 1
    (row,) = store.list_outbox()
    assert row.state == "failed" and row.last_error.startswith("gave up after 3 attempts: ")


def test_email_digest_reaches_the_smtp_server_once(store, smtp_server):
    watched(store, email="analyst@example.org, editor@example.org")
    assert deliver(store, QUICK).delivered == 1
    (envelope,) = smtp_server.messages
    assert envelope.mail_from == "alerts@tiewatch.test"
    assert sorted(envelope.rcpt_tos) == ["analyst@example.org", "editor@example.org"]
    message = message_from_bytes(envelope.content, policy=default)
    assert message["Subject"] == "tiewatch: 1 new alert(s) for hamas"
    assert message["Message-ID"].endswith("@tiewatch>")
    assert "Sinai Province also cooperates with Hamas in Rafah." in message.get_content()
    deliver(store, QUICK)
    assert len(smtp_server.messages) == 1


def test_the_alerts_of_one_rule_go_out_in_one_digest(store, smtp_server):
    from tests.export.sample import build_network

    store.add_watch_rule(WatchRule(name="all", email="desk@example.org"))
    build_network(store)
    raised = evaluate(store)
    assert len(raised) > 2 and deliver(store, QUICK).delivered == len(raised)
    (envelope,) = smtp_server.messages
    assert f"tiewatch: {len(raised)} new alert(s) for all" in envelope.content.decode()


def test_an_unreachable_smtp_server_keeps_the_digest_waiting(store, monkeypatch):
    from tests.alerts.conftest import free_port

    monkeypatch.setenv("TIEWATCH_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("TIEWATCH_SMTP_PORT", str(free_port()))
    watched(store, email="desk@example.org")
    assert deliver(store, Policy(attempts=2, backoff=0)).retrying == 1
    (row,) = store.list_outbox()
    assert row.state == "pending" and "email to desk@example.org via 127.0.0.1" in row.last_error


def test_a_lease_shorter_than_the_deadline_is_refused():
    with pytest.raises(TiewatchError, match="must be at least the deadline"):
        Policy(deadline=30, lease=10)
