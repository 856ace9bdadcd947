"""Watch rules raise each event exactly once, never on re-ingest, and never for the past."""

from tests.export.sample import DENIAL, LETTER, REPORT, add_document, build_network
from tiewatch.alerts import add_rule, evaluate
from tiewatch.graph import refresh
from tiewatch.store import WatchRule

LETTER_CLAIMS = [
    ("Sinai Province", "smuggles_for", "Hamas", "asserted", "Abu Abdallah al-Muhajir"),
    ("Abu Bakr al-Baghdadi", "leads", "Islamic State", "asserted", "MEMRI JTTM"),
]
REPORT_CLAIMS = [
    ("Sinai Province", "smuggles_for", "Hamas", "asserted", "Officials"),
    ("Sinai Province", "cooperates_with", "Hamas", "asserted", "Reuters", "cooperates"),
]


def ingest(store, text, claims, **kw):
    add_document(store, text, claims, **kw)
    refresh(store)
    return evaluate(store)


def test_new_tie_about_an_actor_alerts_once(store):
    ingest(store, LETTER, LETTER_CLAIMS)
    add_rule(store, WatchRule(name="hamas", actor="hamas"))
    assert evaluate(store) == []
    alerts = ingest(store, REPORT, REPORT_CLAIMS, source="Reuters", published="2016-04-10")
    assert [(a.rule, a.event, a.payload["tie"]["type"]) for a in alerts] == [("hamas", "new_tie", "cooperates_with")]
    assert alerts[0].payload["evidence"][0]["sentence"] == "Sinai Province also cooperates with Hamas in Rafah."
    assert evaluate(store) == []
    assert ingest(store, REPORT, REPORT_CLAIMS, source="Reuters", published="2016-04-10") == []  # same text again
    assert len(store.list_alerts()) == 1


def test_a_tie_merely_seen_again_raises_nothing(store):
    ingest(store, LETTER, LETTER_CLAIMS)
    store.add_watch_rule(WatchRule(name="all"))
    again = "A week later Sinai Province was still smuggling weapons for Hamas."
    assert ingest(store, again, [LETTER_CLAIMS[0]], source="MEMRI JTTM", published="2016-03-01") == []


def test_first_denial_alerts_once(store):
    ingest(store, LETTER, LETTER_CLAIMS)
    store.add_watch_rule(WatchRule(name="denials", type="smuggles_for"))
    denial = "Sinai Province denied that it smuggles weapons for Hamas."
    alerts = ingest(store, denial, [("Sinai Province", "smuggles_for", "Hamas", "denied", "Sinai Province")],
                    source="Amaq", published="2016-03-05")
    assert [a.event for a in alerts] == ["first_denial"]
    assert alerts[0].payload["evidence"][0]["polarity"] == "denied"
    assert alerts[0].title.startswith("First denial by Sinai Province: ")
    second = "Sinai Province again denied that it smuggles weapons for Hamas."
    assert ingest(store, second, [("Sinai Province", "smuggles_for", "Hamas", "denied", "Sinai Province")],
                  source="Amaq", published="2016-03-09") == []


def test_tie_reaching_n_independent_sources_alerts_once(store):
    ingest(store, LETTER, LETTER_CLAIMS)
    store.add_watch_rule(WatchRule(name="corroborated", type="smuggles_for", min_sources=2))
    alerts = ingest(store, REPORT, REPORT_CLAIMS, source="Reuters", published="2016-04-10")
    assert [(a.event, a.payload["tie"]["sources"]) for a in alerts] == [("sources_reached", 2)]
    third = "Sinai Province keeps smuggling weapons for Hamas, Egypt says."
    assert ingest(store, third, [LETTER_CLAIMS[0]], source="Al-Ahram", published="2016-05-01") == []


def test_a_rule_added_today_does_not_flood_with_old_ties(store):
    build_network(store)
    for rule in (WatchRule(name="all"), WatchRule(name="two", min_sources=2), WatchRule(name="denied", polarity="denied")):
        store.add_watch_rule(rule)
    assert evaluate(store) == []
    assert store.list_alerts() == []


def test_rules_listed_and_removed(store):
    store.add_watch_rule(WatchRule(name="b", actor="Hamas", webhook_url="http://127.0.0.1:9/x"))
    store.add_watch_rule(WatchRule(name="a", type="funds", min_sources=3, email="analyst@example.org"))
    assert [(r.name, r.events) for r in store.list_watch_rules()] == [
        ("a", ("sources_reached", "first_denial")), ("b", ("new_tie", "first_denial"))]
    store.remove_watch_rule("b")
    assert [r.name for r in store.list_watch_rules()] == ["a"]


def test_denial_document_in_the_sample_is_a_new_denied_tie(store):
    ingest(store, LETTER, LETTER_CLAIMS)
    add_rule(store, WatchRule(name="hamas", actor="Hamas"))
    alerts = ingest(store, DENIAL, [("Hamas", "supplies_weapons", "Sinai Province", "denied", "Hamas")],
                    source="Al-Ahram")
    assert sorted(a.event for a in alerts) == ["first_denial", "new_tie"]
