"""Analyst review through the UI and the API: every change logged, ties follow, and undo restores."""

from __future__ import annotations

from web.conftest import csrf_of, sign_in


def _desert_wire_claim(world):
    return next(c for c in world.store.claims_for_tie(world.ids["supplies_weapons"]) if c.claimant == "Desert Wire")


def test_rejecting_a_claim_drops_it_from_the_tie_but_keeps_it_visible(client, world):
    claim = _desert_wire_claim(world)
    answer = client.post(f"/api/claims/{claim.id}/review", json={"action": "reject"}, headers=world.auth("analyst"))
    assert answer.status_code == 200, answer.text
    assert answer.json()["claim"]["status"] == "rejected" and answer.json()["review"]["who"] == "analyst-one"
    tie = client.get(f"/api/ties/{world.ids['supplies_weapons']}").json()
    assert tie["asserted"] == 1 and tie["sources"] == 1
    page = client.get(f"/ties/{world.ids['supplies_weapons']}").text
    rejected = page.split("Rejected by analysts", 1)[1]
    assert "According to Desert Wire" in rejected
    history = client.get(f"/api/claims/{claim.id}").json()["history"]
    assert [h["action"] for h in history] == ["reject"] and history[0]["before"]["status"] == "pending"


def test_undo_restores_the_claim_and_the_tie(client, world):
    claim = _desert_wire_claim(world)
    entry = client.post(f"/api/claims/{claim.id}/review", json={"action": "reject"}, headers=world.auth("analyst")).json()
    undone = client.post(f"/api/reviews/{entry['review']['id']}/undo", headers=world.auth("analyst"))
    assert undone.status_code == 200 and undone.json()["review"]["undone_at"]
    assert client.get(f"/api/ties/{world.ids['supplies_weapons']}").json()["sources"] == 2
    again = client.post(f"/api/reviews/{entry['review']['id']}/undo", headers=world.auth("analyst"))
    assert again.status_code == 400 and "already undone" in again.json()["error"]
    log = client.get("/api/reviews").json()["items"]
    assert [e["action"] for e in log] == ["undo", "reject"]


def test_the_latest_change_must_be_undone_first(client, world):
    claim = _desert_wire_claim(world)
    first = client.post(f"/api/claims/{claim.id}/review", json={"action": "confirm"}, headers=world.auth("analyst")).json()
    client.post(f"/api/claims/{claim.id}/review", json={"action": "reject"}, headers=world.auth("analyst"))
    refused = client.post(f"/api/reviews/{first['review']['id']}/undo", headers=world.auth("analyst"))
    assert refused.status_code == 400 and "undo the later change" in refused.json()["error"]


def test_retype_and_reverse_move_the_claim_to_another_tie(client, world):
    claim = world.store.claims_for_tie(world.ids["trains"])[0]
    retyped = client.post(f"/api/claims/{claim.id}/review", json={"action": "retype", "type": "supports"}, headers=world.auth("analyst"))
    assert retyped.json()["claim"]["reviewed_type"] == "supports"
    types = {t["type"] for t in client.get("/api/ties").json()["items"]}
    assert "supports" in types and "trains" not in types
    client.post(f"/api/claims/{claim.id}/review", json={"action": "reverse"}, headers=world.auth("analyst"))
    supports = client.get("/api/ties", params={"type": "supports"}).json()["items"][0]
    assert supports["subject"] == "Black Banner Brigade" and supports["object"] == "Kora Valley Front"
    bad = client.post(f"/api/claims/{claim.id}/review", json={"action": "retype", "type": "befriends"}, headers=world.auth("analyst"))
    assert bad.status_code == 400 and "unknown tie type" in bad.json()["error"]


def test_grading_a_source_regrades_its_ties(client, world):
    source = next(s for s in client.get("/api/sources").json()["items"] if s["name"] == "Desert Wire")
    graded = client.post(f"/api/sources/{source['id']}/grade", json={"reliability": "b"}, headers=world.auth("analyst"))
    assert graded.status_code == 200 and graded.json()["source"]["reliability"] == "B"
    assert client.get(f"/api/ties/{world.ids['trains']}").json()["reliability"] == "B"
    same = client.post(f"/api/sources/{source['id']}/grade", json={"reliability": "B"}, headers=world.auth("analyst"))
    assert same.status_code == 400 and "already graded" in same.json()["error"]


def test_merge_and_split_actors_are_logged_and_undoable(client, world):
    kvf, rhc = world.ids["Kora Valley Front"], world.ids["Red Hand Cell"]
    merged = client.post(f"/api/actors/{kvf}/merge", json={"other": "Red Hand Cell"}, headers=world.auth("analyst"))
    assert merged.status_code == 200, merged.text
    assert "Red Hand Cell" in merged.json()["actor"]["aliases"]
    assert client.get(f"/actors/{rhc}").headers["location"] == f"/actors/{kvf}"
    names = [a["name"] for a in client.get("/api/actors").json()["items"]]
    assert "Red Hand Cell" not in names
    split = client.post(f"/api/actors/{kvf}/split", json={"alias": "Red Hand Cell"}, headers=world.auth("analyst"))
    assert split.status_code == 200, split.text
    assert "Red Hand Cell" in [a["name"] for a in client.get("/api/actors").json()["items"]]
    undo_split = client.post(f"/api/reviews/{split.json()['review']['id']}/undo", headers=world.auth("analyst"))
    assert undo_split.status_code == 200, undo_split.text
    assert "Red Hand Cell" not in [a["name"] for a in client.get("/api/actors").json()["items"]]
    self_merge = client.post(f"/api/actors/{kvf}/merge", json={"other": str(kvf)}, headers=world.auth("analyst"))
    assert self_merge.status_code == 400 and "already one actor" in self_merge.json()["error"]


def test_review_forms_need_the_csrf_token(client, world):
    sign_in(client, world, "analyst")
    claim = _desert_wire_claim(world)
    refused = client.post(f"/claims/{claim.id}/review", data={"action": "reject", "csrf": "forged"})
    assert refused.status_code == 403 and "did not come from this site" in refused.text
    assert world.store.get_claim(claim.id).status == "pending"
    token = csrf_of(client.get(f"/claims/{claim.id}").text)
    done = client.post(f"/claims/{claim.id}/review", data={"action": "reject", "csrf": token})
    assert done.status_code == 303 and world.store.get_claim(claim.id).status == "rejected"
    page = client.get(f"/claims/{claim.id}").text
    assert "reject recorded as change" in page
    undo = client.post(f"/review/{world.store.list_reviews()[0].id}/undo", data={"csrf": token})
    assert undo.status_code == 303 and world.store.get_claim(claim.id).status == "pending"


def test_api_writes_with_the_session_cookie_need_the_csrf_header(client, world):
    sign_in(client, world, "analyst")
    claim = _desert_wire_claim(world)
    refused = client.post(f"/api/claims/{claim.id}/review", json={"action": "confirm"})
    assert refused.status_code == 403
    token = csrf_of(client.get("/").text)
    ok = client.post(f"/api/claims/{claim.id}/review", json={"action": "confirm"}, headers={"X-CSRF-Token": token})
    assert ok.status_code == 200 and ok.json()["claim"]["status"] == "confirmed"


def test_merge_and_split_from_the_dossier_forms(client, world):
    sign_in(client, world, "analyst")
    kvf = world.ids["Kora Valley Front"]
    page = client.get(f"/actors/{kvf}").text
    assert 'action="/actors/%d/review"' % kvf in page
    token = csrf_of(page)
    merged = client.post(f"/actors/{kvf}/review", data={"action": "merge", "name": "Red Hand Cell", "csrf": token})
    assert merged.status_code == 303
    page = client.get(f"/actors/{kvf}").text
    assert "Red Hand Cell merged into this actor" in page and '<span class="alias">Red Hand Cell</span>' in page
    split = client.post(f"/actors/{kvf}/review", data={"action": "split", "name": "Red Hand Cell", "csrf": token})
    assert split.status_code == 303 and "Red Hand Cell split off" in client.get(f"/actors/{kvf}").text
    unknown = client.post(f"/actors/{kvf}/review", data={"action": "merge", "name": "Nobody At All", "csrf": token})
    assert unknown.status_code == 404 and "no actor named" in unknown.text


def test_merging_two_watchlist_entries_needs_force(client, world):
    from sqlalchemy import update

    from tiewatch.store.tables import actors

    kvf, rhc = world.ids["Kora Valley Front"], world.ids["Red Hand Cell"]
    with world.store.engine.begin() as conn:  # as the watchlist builder marks its entries
        for actor_id, entry in ((kvf, "1001"), (rhc, "1002")):
            conn.execute(update(actors).where(actors.c.id == actor_id).values(external_ids={"ofac": entry}))
    refused = client.post(f"/api/actors/{kvf}/merge", json={"other": "Red Hand Cell"}, headers=world.auth("analyst"))
    assert refused.status_code == 400 and "two watchlist entries" in refused.json()["error"]
    forced = client.post(f"/api/actors/{kvf}/merge", json={"other": "Red Hand Cell", "force": True},
                         headers=world.auth("analyst"))
    assert forced.status_code == 200 and "Red Hand Cell" in forced.json()["actor"]["aliases"]
