"""The outbox in the store: a claim is exclusive on SQLite and PostgreSQL, a lost claim comes back
after its lease with the same key, and an upgraded database queues what failed before."""

import threading
from importlib.resources import files

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from tests.export.sample import build_network
from tiewatch.alerts import evaluate
from tiewatch.store import Store, WatchRule


def many_alerts(store, **rule):
    store.add_watch_rule(WatchRule(name="all", webhook_url="http://127.0.0.1:9/hook", **rule))
    build_network(store)
    return evaluate(store)


def test_a_claimed_row_is_nobody_elses_until_its_lease_ends(store):
    many_alerts(store)
    first = store.claim_outbox("a", lease=60)
    assert len(first) == 1 and first[0].state == "sending" and first[0].attempts == 1
    assert first[0].id not in [r.id for r in store.claim_outbox("b", lease=60)]
    (row,) = [r for r in store.list_outbox() if r.id == first[0].id]
    assert row.state == "sending" and row.lease_until > row.next_try


def test_an_expired_claim_is_taken_again_with_the_same_key(store):
    many_alerts(store)
    (lost,) = store.claim_outbox("died", lease=-1)  # a lease already over: its deliverer is gone
    (again,) = store.claim_outbox("next", lease=60)
    assert (again.id, again.key, again.attempts) == (lost.id, lost.key, 2)
    store.settle_outbox([lost.id], "died", tries=1, error="late news", next_try="2999-01-01T00:00:00+00:00")
    (row,) = [r for r in store.list_outbox() if r.id == lost.id]
    assert row.state == "sending" and row.last_error is None  # the old claimant no longer decides
    store.settle_outbox([again.id], "next", tries=1)
    assert [r.state for r in store.list_outbox() if r.id == lost.id] == ["delivered"]


def test_four_deliverers_at_once_claim_each_row_once(db_url):
    setup = Store(db_url)
    raised = many_alerts(setup)
    assert len(raised) >= 8
    claimed: list[list[int]] = [[] for _ in range(4)]
    start = threading.Barrier(4)

    def work(n):
        store = Store(db_url, migrate=False)
        start.wait()
        while rows := store.claim_outbox(f"w{n}", lease=60):
            claimed[n].extend(r.id for r in rows)
        store.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ids = [i for part in claimed for i in part]
    assert sorted(ids) == sorted(r.id for r in setup.list_outbox()) and len(set(ids)) == len(ids)
    setup.close()


def _alembic():
    config = Config()
    config.set_main_option("script_location", str(files("tiewatch.store").joinpath("migrations")))
    return config


def test_upgrading_queues_the_deliveries_that_had_failed(db_url):
    store = Store(db_url)
    rule = store.add_watch_rule(WatchRule(name="desk", webhook_url="http://127.0.0.1:9/hook", email="a@example.org"))
    build_network(store)
    config = _alembic()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0002")
    with store.engine.connect() as conn:
        assert "alert_outbox" not in conn.dialect.get_table_names(conn)
    tie_ids = [t.id for t in store.list_ties()][:2]
    notes = ['{"webhook": "failed: HTTP 500", "email": "sent to a@example.org"}', '{"webhook": "sent after 1 attempt(s)"}']
    with store.engine.begin() as conn:
        for tie_id, note in zip(tie_ids, notes):
            conn.execute(text("INSERT INTO alerts (rule_id, tie_id, event, at, payload, delivered, baseline) "
                              "VALUES (:r, :t, 'new_tie', '2024-01-01T00:00:00+00:00', '{}', :d, 0)"),
                         {"r": rule.id, "t": tie_id, "d": note})
    store.migrate()
    (row,) = store.list_outbox()
    assert (row.channel, row.state, row.alert.tie_id, row.endpoint) == ("webhook", "pending", tie_ids[0], rule.webhook_url)
    store.close()


def test_removing_a_rule_empties_its_outbox(store):
    many_alerts(store)
    store.add_watch_rule(WatchRule(name="other", email="desk@example.org"))
    assert {r.rule for r in store.list_outbox()} == {"all"}
    store.remove_watch_rule("all")
    assert store.list_outbox() == [] and store.outbox_counts()["pending"] == 0
