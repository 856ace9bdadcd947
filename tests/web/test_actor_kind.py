"""An analyst corrects an actor's kind from the dossier or the API; the graph follows; undo restores it."""

from web.conftest import csrf_of, sign_in


def _kind_in_graph(client, actor_id):
    return next(n["data"]["kind"] for n in client.get("/api/graph").json()["nodes"] if n["data"]["actor"] == actor_id)


def test_a_kind_is_changed_from_the_dossier_and_undone(client, world):
    actor_id = world.ids["Red Hand Cell"]
    sign_in(client, world, "analyst")
    page = client.get(f"/actors/{actor_id}").text
    assert 'action="/actors/%d/kind"' % actor_id in page
    answer = client.post(f"/actors/{actor_id}/kind", data={"kind": "person", "csrf": csrf_of(page)})
    assert answer.status_code == 303 and _kind_in_graph(client, actor_id) == "person"
    assert "Now a person (was a group" in client.get(f"/actors/{actor_id}").text
    entry = client.get("/api/reviews").json()["items"][0]
    assert (entry["action"], entry["before"]["kind"], entry["after"]["kind"]) == ("kind", "group", "person")
    assert client.post(f"/api/reviews/{entry['id']}/undo", headers=world.auth("analyst")).status_code == 200
    assert _kind_in_graph(client, actor_id) == "group"


def test_the_api_changes_a_kind_and_refuses_nonsense(client, world):
    actor_id = world.ids["Kora Valley Front"]
    answer = client.post(f"/api/actors/{actor_id}/kind", json={"kind": "place"}, headers=world.auth("analyst"))
    assert answer.status_code == 200 and answer.json()["actor"]["kind"] == "place"
    same = client.post(f"/api/actors/{actor_id}/kind", json={"kind": "place"}, headers=world.auth("analyst"))
    assert same.status_code == 400 and "already a place" in same.json()["error"]
    assert client.post(f"/api/actors/{actor_id}/kind", json={"kind": "planet"}, headers=world.auth("analyst")).status_code == 422
    assert client.post(f"/api/actors/{actor_id}/kind", json={"kind": "group"}, headers=world.auth("viewer")).status_code == 403
