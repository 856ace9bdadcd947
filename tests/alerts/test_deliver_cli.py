"""`tiewatch alerts deliver|list|retry` and the worker in `tiewatch serve`, run as a user runs them:
real processes, killed with SIGKILL mid-POST, two at once, against slow and dripping receivers."""

import json
import os
import signal
import subprocess
import time
from datetime import datetime

from tests.alerts.conftest import free_port
from tests.alerts.test_delivery import watched
from tests.alerts.test_watch_cli import TIEWATCH, run
from tests.export.sample import build_network
from tiewatch.alerts import evaluate
from tiewatch.store import Store, WatchRule


def queued(db_url, url):
    """A store with a rule on everything delivering to `url`, and its alerts in the outbox."""
    store = Store(db_url)
    store.add_watch_rule(WatchRule(name="all", webhook_url=url))
    build_network(store)
    return store, evaluate(store)


def test_two_deliverers_at_once_send_each_alert_once(db_url, receiver):
    store, raised = queued(db_url, receiver.url)
    receiver.delay = 0.2  # each answer takes a while, so the two runs overlap
    procs = [subprocess.Popen([TIEWATCH, "alerts", "deliver", "--db", db_url], stdout=subprocess.PIPE, text=True)
             for _ in range(2)]
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    keys = receiver.keys()
    assert sorted(keys) == sorted(r.key for r in store.list_outbox()) and len(set(keys)) == len(raised)
    assert sum(int(out.split(" delivered")[0].split()[-1]) for out in outputs) == len(raised)
    assert {r.state for r in store.list_outbox()} == {"delivered"}
    store.close()


def test_a_deliverer_killed_mid_post_is_followed_by_one_sending_the_same_key(db_url, receiver):
    store = Store(db_url)
    watched(store, webhook_url=receiver.url)
    receiver.hold = 1  # the first POST is read and never answered
    proc = subprocess.Popen([TIEWATCH, "alerts", "deliver", "--deadline", "8", "--lease", "8", "--db", db_url],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    receiver.wait_for(1)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    (row,) = store.list_outbox()
    assert row.state == "sending" and row.attempts == 1
    assert "0 delivered" in run("alerts", "deliver", "--db", db_url)  # still claimed: not sent twice meanwhile
    assert len(receiver.requests) == 1
    lease_end = datetime.fromisoformat(row.lease_until).timestamp()
    time.sleep(max(0.0, lease_end - time.time() + 1.1))
    assert "1 delivered" in run("alerts", "deliver", "--db", db_url)
    assert receiver.keys() == [row.key, row.key]
    bodies = [json.loads(body) for _, body in receiver.requests]
    assert bodies[0] == bodies[1] and bodies[0]["idempotency_key"] == row.key
    (row,) = store.list_outbox()
    assert (row.state, row.attempts) == ("delivered", 2)
    store.close()


def test_the_deadline_cuts_a_server_that_answers_one_byte_a_second(db_url, drip):
    store = Store(db_url)
    watched(store, webhook_url=drip.url)
    output = run("alerts", "deliver", "--attempts", "2", "--timeout", "2", "--deadline", "3", "--db", db_url)
    assert "0 delivered, 1 to retry later" in output
    (row,) = store.list_outbox()
    assert row.state == "pending" and "no complete answer within" in row.last_error
    end = time.monotonic() + 10
    while len(drip.written) < 2 and time.monotonic() < end:  # the server notices the hang-up on its next byte
        time.sleep(0.1)
    assert len(drip.written) == 2 and max(drip.written) < len(drip.RESPONSE)
    store.close()


def test_list_shows_why_a_delivery_failed_and_retry_requeues_it(db_url, receiver):
    store = Store(db_url)
    watched(store, webhook_url=receiver.url)
    receiver.statuses = [404]
    assert "1 failed: `tiewatch alerts list --state failed` says why" in run("alerts", "deliver", "--db", db_url)
    listing = run("alerts", "list", "--state", "failed", "--db", db_url)
    assert "hamas" in listing and "webhook" in listing and "HTTP 404" in listing and "failed" in listing
    (line,) = run("alerts", "list", "--format", "jsonl", "--db", db_url).splitlines()
    record = json.loads(line)
    assert (record["state"], record["attempts"], record["error"]) == ("failed", 1, f"webhook {receiver.url}: HTTP 404")
    assert record["title"].startswith("New tie:")
    assert "1 delivery due again" in run("alerts", "retry", str(record["id"]), "--db", db_url)
    assert "1 delivered" in run("alerts", "deliver", "--db", db_url)
    assert receiver.keys() == [record["key"]] * 2
    assert "no alert deliveries match" in run("alerts", "list", "--state", "failed", "--db", db_url)
    store.close()


def test_bad_alert_commands_are_refused_in_one_line(sqlite_url):
    Store(sqlite_url).close()
    for args, message in [
        (["alerts", "list", "--state", "lost"], "unknown state 'lost'"),
        (["alerts", "list", "--rule", "ghost"], "no watch rule named 'ghost'"),
        (["alerts", "retry"], "name delivery ids"),
        (["alerts", "deliver", "--deadline", "60", "--lease", "10"], "must be at least the deadline"),
    ]:
        proc = subprocess.run([TIEWATCH, *args, "--db", sqlite_url], capture_output=True, text=True)
        assert proc.returncode != 0 and message in proc.stderr, proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


def test_serve_delivers_the_outbox_in_the_background(sqlite_url, receiver):
    store = Store(sqlite_url)
    watched(store, webhook_url=receiver.url)
    proc = subprocess.Popen([TIEWATCH, "serve", "--port", str(free_port()), "--deliver-every", "0.5", "--db", sqlite_url],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        receiver.wait_for(1)
        end = time.monotonic() + 30
        while store.list_outbox()[0].state != "delivered" and time.monotonic() < end:
            time.sleep(0.1)
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert store.list_outbox()[0].state == "delivered" and len(receiver.requests) == 1
    assert "Delivering watch-rule alerts every 0.5 s" in err
    store.close()
