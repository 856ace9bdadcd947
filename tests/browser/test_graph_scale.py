"""The explorer at the size the issue asks for: 2,000 actors and 2,000 ties draw, lay out, and
answer a search and a zoom in real Chromium (the time it took is printed for the README; the
test holds only a generous ceiling, as a benchmark would not)."""

from __future__ import annotations

import random
import time

import pytest
from sqlalchemy import insert

from browser.conftest import shoot
from tiewatch.store import Store, utcnow
from tiewatch.store.tables import actors, ties
from tiewatch.web import create_app
from web.conftest import serving

pytestmark = pytest.mark.browser
NODES = 2000


def _big_graph(store: Store) -> None:
    """A scale-free graph of NODES actors written straight into the tables (no documents: this is
    about drawing, and the graph reads only actors and ties)."""
    rng, now = random.Random(7), utcnow()
    kinds = ["group", "group", "person", "state", "place"]
    with store.transaction() as conn:
        conn.execute(insert(actors), [{"id": i, "name": f"Actor {i:04d} of the test graph", "kind": kinds[i % 5],
                                       "external_ids": {}, "designations": [], "created_at": now} for i in range(1, NODES + 1)])
        pairs = {(i, rng.randint(1, i - 1)) for i in range(2, NODES + 1)}
        conn.execute(insert(ties), [{"subject_id": a, "object_id": b, "type": "cooperates_with", "asserted": 1, "sources": 1,
                                     "first_seen": "2024-01-01", "last_seen": "2024-01-01", "created_at": now, "updated_at": now}
                                    for a, b in sorted(pairs)])


def test_two_thousand_actors_draw_and_answer(page, sqlite_url):
    store = Store(sqlite_url)
    _big_graph(store)
    with serving(create_app(store)) as url:
        started = time.monotonic()
        page.goto(url + "/graph")
        page.wait_for_selector("#graph[data-ready=true]", timeout=120000)
        ready = time.monotonic() - started
        assert page.evaluate("() => window.tiewatchGraph.nodes().length") == NODES
        started = time.monotonic()
        page.fill("#graph-search", "Actor 1500 of the test graph")
        page.press("#graph-search", "Enter")
        page.locator("#graph-details", has_text="Actor 1500").wait_for()
        page.mouse.wheel(0, -400)
        answered = time.monotonic() - started
        page.click("#graph-fit"); shoot(page, "graph-2000")
        print(f"\n2,000-node graph: ready in {ready:.1f} s, search and zoom in {answered:.2f} s")
        assert ready < 120 and answered < 10 and not page.errors
    store.close()
