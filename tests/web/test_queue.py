"""The review queue lists the claims waiting for judgement, most pressing first, and a judgement
made from it returns to it with that claim gone."""

from __future__ import annotations

from tiewatch.alerts import add_rule
from tiewatch.store import WatchRule
from web.conftest import csrf_of, sign_in


def test_contested_ties_come_first_with_their_reasons(client, world):
    body = client.get("/api/review/queue").json()
    assert body["total"] == 5 and len(body["items"]) == 5
    first = body["items"][0]
    assert first["type"] == "supplies_weapons" and "contested" in first["reasons"]
    assert [i["type"] for i in body["items"][3:]] and all("one source" in i["reasons"] for i in body["items"][3:])


def test_a_watched_actor_moves_its_claims_up(client, world):
    def order():
        return [(i["type"], i["reasons"]) for i in client.get("/api/review/queue").json()["items"]][3:]

    assert order() == [("funds", ["one source"]), ("trains", ["one source"])]
    add_rule(world.store, WatchRule(name="brigade", actor="Black Banner Brigade"))
    assert order() == [("trains", ["watched", "one source"]), ("funds", ["one source"])]


def test_judging_from_the_queue_returns_to_it_and_the_claim_leaves(client, world):
    sign_in(client, world, "analyst")
    page = client.get("/review/queue").text
    assert "5 claims waiting" in page and "Keys:" in page
    claim_id = client.get("/api/review/queue").json()["items"][0]["id"]
    answer = client.post(f"/claims/{claim_id}/review",
                         data={"action": "confirm", "next": "/review/queue", "csrf": csrf_of(page)})
    assert answer.status_code == 303 and answer.headers["location"] == "/review/queue"
    assert claim_id not in [i["id"] for i in client.get("/api/review/queue").json()["items"]]
    assert "4 claims waiting" in client.get("/review/queue").text
    elsewhere = client.post(f"/claims/{claim_id}/review",
                            data={"action": "reopen", "next": "https://evil.example/", "csrf": csrf_of(page)})
    assert elsewhere.status_code == 422  # a judgement never sends the browser off the site


def test_viewers_see_the_queue_without_buttons(client, world):
    sign_in(client, world, "viewer")
    page = client.get("/review/queue").text
    assert "claims waiting" in page and 'data-action="confirm"' not in page
