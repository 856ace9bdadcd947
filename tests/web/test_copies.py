"""A judgement offered for every identical claim in a copy: a page republished word for word, a
forwarded post. Each copy is logged on its own and undone on its own."""

from tiewatch.graph import refresh
from web import corpus
from web.conftest import csrf_of, sign_in

SENTENCE = "The Kora Valley Front smuggled mortars to the Black Banner Brigade through Gao."


def _copies(store) -> list[int]:
    """The same dispatch on two sites (different mastheads, same sentence); returns its claims' ids."""
    ids = []
    for site in ("Sahel Monitor", "Gao Daily"):
        text = f"{site} — dispatch. {SENTENCE}"
        found = [corpus.claim(text, SENTENCE, corpus.KVF, "supplies_weapons", corpus.BBB, claimant="the author")]
        doc_id = corpus.add(store, corpus.document(text, f"Mortars via Gao ({site})", site, "2024-06-01"), found)
        ids += [c.id for c in store.claims_for_document(doc_id)]
    refresh(store)
    return ids


def test_the_claim_page_offers_the_judgement_for_the_copy_and_undo_is_per_copy(client, world):
    first, second = _copies(world.store)
    sign_in(client, world, "analyst")
    page = client.get(f"/claims/{first}").text
    assert "is in 1 other document" in page and f'href="/claims/{second}"' in page
    answer = client.post(f"/claims/{first}/review", data={"action": "retype", "type": "smuggles_for", "twins": "true",
                                                          "csrf": csrf_of(page)})
    assert answer.status_code == 303
    assert "and for 1 identical claim in copies" in client.get(f"/claims/{first}").text
    states = [world.store.claim_review_state(i)["reviewed_type"] for i in (first, second)]
    assert states == ["smuggles_for", "smuggles_for"]
    entries = client.get("/api/reviews").json()["items"][:2]
    assert sorted(e["target_id"] for e in entries) == [first, second]
    twin_entry = next(e for e in entries if e["target_id"] == second)
    assert client.post(f"/api/reviews/{twin_entry['id']}/undo", headers=world.auth("analyst")).status_code == 200
    assert world.store.claim_review_state(second)["reviewed_type"] is None
    assert world.store.claim_review_state(first)["reviewed_type"] == "smuggles_for"


def test_one_copy_alone_and_a_copy_judged_otherwise_is_left_alone(client, world):
    first, second = _copies(world.store)
    headers = world.auth("analyst")
    assert client.post(f"/api/claims/{second}/review", json={"action": "reject"}, headers=headers).status_code == 200
    assert world.store.twin_claims(first) == []  # judged otherwise: no longer offered
    answer = client.post(f"/api/claims/{first}/review", json={"action": "confirm", "twins": True}, headers=headers)
    assert answer.status_code == 200 and answer.json()["review"]["after"]["twins"] == 0
    assert world.store.claim_review_state(second)["status"] == "rejected"


def test_the_queue_marks_claims_that_have_copies(client, world):
    first, _second = _copies(world.store)
    sign_in(client, world, "analyst")
    page = client.get("/review/queue").text
    assert "also in 1 copy" in page
    item = page[page.index(f'id="claim-{first}"'):]
    assert '<input type="hidden" name="twins" value="true">' in item[:item.index("</li>")]
