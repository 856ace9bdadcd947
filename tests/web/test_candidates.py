"""Merge candidates reviewed in the browser: merged either way, or kept apart and not offered again."""

from tiewatch.graph import refresh
from web import corpus
from web.conftest import csrf_of, sign_in


def _acronym(store) -> int:
    """A wire that writes "KVF" and never says what it stands for; returns that actor's id."""
    text = "KVF funds the Red Hand Cell, the wire said."
    found = [corpus.claim(text, text, "KVF", "funds", "Red Hand Cell")]
    corpus.add(store, corpus.document(text, "KVF money", "Wire", "2024-07-01"), found)
    refresh(store)
    return next(a.id for a in store.list_actors() if a.name == "KVF")


def test_a_candidate_pair_is_merged_from_the_page(client, world):
    kvf = _acronym(world.store)
    front = world.ids[corpus.KVF]
    sign_in(client, world, "analyst")
    page = client.get("/actors/candidates").text
    assert "acronym" in page and f'href="/actors/{kvf}"' in page and f'href="/actors/{front}"' in page
    answer = client.post("/actors/candidates/merge", data={"keep": front, "other": kvf, "csrf": csrf_of(page)})
    assert answer.status_code == 303
    assert "KVF" in world.store.get_actor(front).aliases
    assert f'href="/actors/{kvf}"' not in client.get("/actors/candidates").text


def test_kept_apart_is_not_offered_again_until_undone(client, world):
    kvf = _acronym(world.store)
    front = world.ids[corpus.KVF]
    listed = client.get("/api/actors/candidates").json()["items"]
    assert any({p["a"]["id"], p["b"]["id"]} == {kvf, front} for p in listed)
    answer = client.post("/api/actors/candidates/apart", params={"a": kvf, "b": front}, headers=world.auth("analyst"))
    assert answer.status_code == 200
    entry = answer.json()["review"]
    assert not any({p["a"]["id"], p["b"]["id"]} == {kvf, front} for p in client.get("/api/actors/candidates").json()["items"])
    assert client.get("/api/reviews").json()["items"][0]["summary"] == "kept KVF and Kora Valley Front apart (not one actor)"
    assert client.post(f"/api/reviews/{entry['id']}/undo", headers=world.auth("analyst")).status_code == 200
    assert any({p["a"]["id"], p["b"]["id"]} == {kvf, front} for p in client.get("/api/actors/candidates").json()["items"])
    assert client.post("/api/actors/candidates/apart", params={"a": kvf, "b": front}, headers=world.auth("viewer")).status_code == 403
