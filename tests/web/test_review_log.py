"""The review log reads as sentences with names, and offers undo only where undo can work."""

from web.conftest import csrf_of, sign_in


def test_each_decision_reads_as_a_sentence_with_names(client, world):
    headers = world.auth("analyst")
    claim_id = client.get("/api/claims", params={"tie": world.ids["trains"]}).json()["items"][0]["id"]
    client.post(f"/api/claims/{claim_id}/review", json={"action": "retype", "type": "supports"}, headers=headers)
    client.post(f"/api/actors/{world.ids['Red Hand Cell']}/kind", json={"kind": "person"}, headers=headers)
    client.post(f"/api/actors/{world.ids['Red Hand Cell']}/name", json={"name": "Red Hand"}, headers=headers)
    summaries = [e["summary"] for e in client.get("/api/reviews").json()["items"]]
    assert summaries == [
        "showed Red Hand Cell as Red Hand",
        "made Red Hand a person (was a group)",
        f"changed the type of claim #{claim_id} (Kora Valley Front trains Black Banner Brigade) to supports",
    ]
    page = client.get("/review").text
    assert "made Red Hand a person (was a group)" in page and "merge log id" not in page.lower()


def test_undo_is_offered_only_for_the_latest_change_to_a_target(client, world):
    headers = world.auth("analyst")
    claim_id = client.get("/api/claims", params={"tie": world.ids["trains"]}).json()["items"][0]["id"]
    first = client.post(f"/api/claims/{claim_id}/review", json={"action": "confirm"}, headers=headers).json()["review"]["id"]
    second = client.post(f"/api/claims/{claim_id}/review", json={"action": "reverse"}, headers=headers).json()["review"]["id"]
    blocked = {e["id"]: e["undo_blocked"] for e in client.get("/api/reviews").json()["items"]}
    assert blocked == {second: None, first: f"undo #{second} first"}
    sign_in(client, world, "analyst")
    page = client.get("/review").text
    assert f'action="/review/{second}/undo"' in page and f'action="/review/{first}/undo"' not in page
    assert f"undo #{second} first" in page
    answer = client.post(f"/review/{second}/undo", data={"csrf": csrf_of(page)})
    assert answer.status_code == 303 and "Undone: change #%d, reversed the direction of claim" % second in client.get("/review").text
    items = client.get("/api/reviews").json()["items"]
    assert items[0]["summary"] == f"undid change #{second}" and items[0]["undo_blocked"].startswith("an undo is not undone")
    assert {e["id"]: e["undo_blocked"] for e in items}[first] is None
