"""A watch rule's Atom feed served at /feeds/NAME.atom."""

from __future__ import annotations

from tiewatch.alerts import evaluate
from tiewatch.graph import refresh
from tiewatch.store.watch import WatchRule
from web.corpus import add, claim, document


def test_a_rules_feed_lists_new_ties(client, world):
    store = world.store
    store.add_watch_rule(WatchRule(name="funding", type="funds"))
    text = "The Red Hand Cell funds the Black Banner Brigade, a court heard."
    add(store, document(text, "Court hears of funding", "Sahel Monitor", "2024-07-01"), [
        claim(text, text, "Red Hand Cell", "funds", "Black Banner Brigade"),
    ])
    refresh(store)
    evaluate(store)
    answer = client.get("/feeds/funding.atom")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/atom+xml")
    assert b"Black Banner Brigade" in answer.content and b"http://testserver/ties/" in answer.content
    missing = client.get("/feeds/nothing.atom")
    assert missing.status_code == 404 and "no watch rule named &#39;nothing&#39;" in missing.text


def test_feeds_follow_the_login_rule(locked, world):
    world.store.add_watch_rule(WatchRule(name="all"))
    assert locked.get("/feeds/all.atom").status_code == 303
    assert locked.get("/feeds/all.atom", headers=world.auth("viewer")).status_code == 200
