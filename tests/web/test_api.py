"""The JSON API: every read endpoint, pagination, filters, the graph for Cytoscape, clear errors."""

from __future__ import annotations

import pytest


def test_actors_paginate_with_a_next_link(client):
    first = client.get("/api/actors", params={"limit": 2}).json()
    assert [a["name"] for a in first["items"]] == ["Black Banner Brigade", "Kora Valley Front"]
    assert first["next"].endswith("limit=2&offset=2")
    second = client.get(first["next"]).json()
    assert [a["name"] for a in second["items"]] == ["Red Hand Cell"] and second["next"] is None
    found = client.get("/api/actors", params={"q": "banner"}).json()["items"]
    assert [a["name"] for a in found] == ["Black Banner Brigade"]


def test_actor_detail_carries_ties_and_claims(client, world):
    actor = client.get(f"/api/actors/{world.ids['Black Banner Brigade']}").json()
    assert {t["type"] for t in actor["ties"]} == {"supplies_weapons", "trains"}
    assert len(actor["claims"]) == 4 and actor["url"] == f"/actors/{world.ids['Black Banner Brigade']}"


def test_ties_filter_by_actor_type_sources_and_polarity(client, world):
    ties = client.get("/api/ties").json()["items"]
    assert len(ties) == 3
    assert [t["type"] for t in client.get("/api/ties", params={"min_sources": 2}).json()["items"]] == ["supplies_weapons"]
    assert [t["type"] for t in client.get("/api/ties", params={"polarity": "denied"}).json()["items"]] == ["supplies_weapons"]
    assert len(client.get("/api/ties", params={"actor": world.ids["Red Hand Cell"]}).json()["items"]) == 1
    tie = client.get(f"/api/ties/{world.ids['supplies_weapons']}").json()
    assert tie["polarity"] == "contested" and tie["grade"] == tie["reliability"] + str(tie["credibility"])
    assert sorted(c["polarity"] for c in tie["claims"]) == ["asserted", "asserted", "denied"]


def test_claims_by_tie_or_document(client, world):
    by_tie = client.get("/api/claims", params={"tie": world.ids["supplies_weapons"]}).json()["items"]
    by_doc = client.get("/api/claims", params={"document": world.ids["first"]}).json()["items"]
    assert len(by_tie) == 3 and len(by_doc) == 2
    one = client.get(f"/api/claims/{by_doc[0]['id']}").json()
    assert one["sentence"].startswith("Officials in Niamey") and one["status"] == "pending" and one["history"] == []
    neither = client.get("/api/claims")
    assert neither.status_code == 400 and "exactly one of" in neither.json()["error"]


def test_documents_list_and_detail(client, world):
    listed = client.get("/api/documents", params={"limit": 1}).json()
    assert len(listed["items"]) == 1 and listed["next"]
    doc = client.get(f"/api/documents/{world.ids['second']}").json()
    assert doc["title"] == "Training camps near Tillaberi" and doc["source"] == "Desert Wire"
    assert len(doc["claims"]) == 2 and doc["text"].startswith("According to Desert Wire")


def test_search_api_finds_documents_and_actors(client):
    found = client.get("/api/search", params={"q": "Tillaberi instructors"}).json()
    assert [d["title"] for d in found["documents"]] == ["Training camps near Tillaberi"]
    assert "Tillaberi" in found["documents"][0]["snippet"]
    assert [a["name"] for a in client.get("/api/search", params={"q": "red hand"}).json()["actors"]] == ["Red Hand Cell"]
    odd = client.get("/api/search", params={"q": '"rifles" OR NEAR( *'})
    assert odd.status_code == 200


def test_graph_json_is_ready_for_cytoscape(client, world):
    graph = client.get("/api/graph").json()
    assert len(graph["nodes"]) == 3 and graph["ties"] == 3 and graph["truncated"] is False
    hub = next(n["data"] for n in graph["nodes"] if n["data"]["label"] == "Kora Valley Front")
    leaf = next(n["data"] for n in graph["nodes"] if n["data"]["label"] == "Red Hand Cell")
    assert hub["centrality"] > leaf["centrality"] and hub["size"] > leaf["size"] and hub["kind"] == "group"
    assert hub["href"] == f"/actors/{world.ids['Kora Valley Front']}"


def test_one_edge_per_pair_lists_its_ties_strongest_first(client, world):
    edges = {tuple(e["data"]["types"]): e["data"] for e in client.get("/api/graph").json()["edges"]}
    assert set(edges) == {("supplies_weapons", "trains"), ("funds",)}
    pair = edges[("supplies_weapons", "trains")]
    kvf, bbb = world.ids["Kora Valley Front"], world.ids["Black Banner Brigade"]
    assert (pair["source"], pair["target"], pair["directed"]) == (f"a{kvf}", f"a{bbb}", True)
    assert pair["label"] == "supplies weapons +1" and pair["sources"] == 2 and pair["polarity"] == "contested"
    assert [t["href"] for t in pair["ties"]] == [f"/ties/{world.ids['supplies_weapons']}", f"/ties/{world.ids['trains']}"]
    assert pair["href"] == f"/ties?actor={min(kvf, bbb)}&other={max(kvf, bbb)}"
    single = edges[("funds",)]
    assert single["href"] == f"/ties/{world.ids['funds']}" and single["source"] == f"a{world.ids['Red Hand Cell']}"
    assert single["polarity"] == "asserted" and single["label"] == "funds"


@pytest.mark.parametrize("params,types", [
    ({"type": "funds"}, ["funds"]),
    ({"since": "2024-04-01"}, ["funds", "supplies_weapons", "trains"]),
    ({"since": "2024-05-01"}, ["funds"]),
    ({"until": "2024-03-31"}, ["supplies_weapons"]),
    ({"min_sources": 2}, ["supplies_weapons"]),
    ({"polarity": "denied"}, ["supplies_weapons"]),
])
def test_graph_filters(client, params, types):
    edges = client.get("/api/graph", params=params).json()["edges"]
    assert sorted(t for e in edges for t in e["data"]["types"]) == types


def test_ego_network_of_one_actor(client, world):
    graph = client.get("/api/graph", params={"actor": world.ids["Red Hand Cell"]}).json()
    assert {n["data"]["label"] for n in graph["nodes"]} == {"Red Hand Cell", "Kora Valley Front"}
    assert [n["data"]["focus"] for n in graph["nodes"] if n["data"]["label"] == "Red Hand Cell"] == [True]


@pytest.mark.parametrize("url", [
    "/api/actors/999", "/api/ties/999", "/api/claims/999", "/api/documents/999",
    "/api/claims?tie=999", "/api/claims?document=999",
])
def test_unknown_ids_are_json_404s(client, url):
    answer = client.get(url)
    assert answer.status_code == 404 and "999" in answer.json()["error"]


@pytest.mark.parametrize("url,words", [
    ("/api/actors?limit=0", "limit"), ("/api/actors?limit=501", "limit"), ("/api/actors?offset=-1", "offset"),
    ("/api/actors?kind=tank", "kind"), ("/api/ties?since=yesterday", "since"), ("/api/ties?polarity=maybe", "polarity"),
    ("/api/ties?min_sources=0", "min_sources"), ("/api/graph?until=2024-13-99x", "until"), ("/api/actors/abc", "actor_id"),
    ("/api/search", "q"), ("/api/ties?actor=1e9", "actor"),
])
def test_bad_parameters_are_json_422s_naming_the_parameter(client, url, words):
    answer = client.get(url)
    assert answer.status_code == 422 and answer.json()["error"].startswith("bad parameter") and words in answer.json()["error"]


def test_unknown_tie_type_is_a_clear_400(client):
    answer = client.get("/api/ties", params={"type": "befriends"})
    assert answer.status_code == 400 and "known: member_of" in answer.json()["error"]


def test_review_bodies_are_validated(client, world):
    claim = world.store.claims_for_tie(world.ids["trains"])[0]
    answer = client.post(f"/api/claims/{claim.id}/review", json={"action": "delete"}, headers=world.auth("analyst"))
    assert answer.status_code == 422 and "action" in answer.json()["error"]
    answer = client.post(f"/api/claims/{claim.id}/review", content=b"not json", headers={**world.auth("analyst"), "Content-Type": "application/json"})
    assert answer.status_code == 422
    assert client.post("/api/sources/999/grade", json={"reliability": "A"}, headers=world.auth("analyst")).status_code == 404
    assert client.post("/api/sources/1/grade", json={"reliability": "Z"}, headers=world.auth("analyst")).status_code == 422


def test_openapi_and_docs_are_served_offline(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/actors", "/api/ties", "/api/claims", "/api/documents", "/api/search", "/api/graph",
                 "/api/claims/{claim_id}/review", "/api/reviews/{entry_id}/undo"):
        assert path in spec["paths"], path
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "<script>" not in docs
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert client.get("/api/nowhere").json() == {"error": "no such page", "status": 404}
    assert client.put("/api/actors").status_code == 405


def test_openapi_declares_bearer_tokens(client):
    spec = client.get("/openapi.json").json()
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert {"HTTPBearer": []} in spec["paths"]["/api/ties"]["get"]["security"]
