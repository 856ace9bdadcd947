"""A watch rule's Atom feed served at /feeds/NAME.atom."""

from __future__ import annotations

from xml.etree import ElementTree

from tiewatch.alerts import evaluate, render_feed
from tiewatch.graph import refresh
from tiewatch.store.watch import WatchRule
from web.corpus import add, claim, document


def _new_funding(store, rule: str, text: str, title: str, source: str) -> None:
    """A watch rule, then a new funding tie for it to alert on."""
    store.add_watch_rule(WatchRule(name=rule, type="funds"))
    add(store, document(text, title, source, "2024-07-01"), [
        claim(text, text, "Red Hand Cell", "funds", "Black Banner Brigade"),
    ])
    refresh(store)
    evaluate(store)


def test_a_rules_feed_lists_new_ties(client, world):
    _new_funding(world.store, "funding", "The Red Hand Cell funds the Black Banner Brigade, a court heard.",
                 "Court hears of funding", "Sahel Monitor")
    answer = client.get("/feeds/funding.atom")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/atom+xml")
    assert b"Black Banner Brigade" in answer.content and b"http://testserver/ties/" in answer.content
    missing = client.get("/feeds/nothing.atom")
    assert missing.status_code == 404 and "no watch rule named &#39;nothing&#39;" in missing.text


def test_feeds_follow_the_login_rule(locked, world):
    world.store.add_watch_rule(WatchRule(name="all"))
    assert locked.get("/feeds/all.atom").status_code == 303
    assert locked.get("/feeds/all.atom", headers=world.auth("viewer")).status_code == 200


def test_a_rule_name_with_control_characters_still_gives_valid_xml(world):
    store = world.store
    _new_funding(store, "bad\x01\x1bname\x0b", "The Red Hand Cell funds the Black Banner Brigade,\x02 a court heard.",
                 "Court\x08 hears", "Sahel\x1f Monitor")
    feed = ElementTree.fromstring(render_feed(store, "bad\x01\x1bname\x0b", base_url="http://testserver/"))
    assert feed.find("{http://www.w3.org/2005/Atom}title").text == "tiewatch: badname"
    assert feed.findall("{http://www.w3.org/2005/Atom}entry")
