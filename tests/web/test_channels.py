"""Channel structure from Telegram posts, shown apart from claimed ties."""

from __future__ import annotations

from tiewatch.graph import refresh
from web.corpus import add, document


def _post(store, text: str, message_id: int, **meta) -> int:
    return add(store, document(
        text, None, "Sawt al-Wadi", "2024-03-13", kind="telegram", origin=f"telegram:sawt/{message_id}",
        metadata={"channel": "Sawt al-Wadi", "message_id": message_id, **meta},
    ), [])


def test_channel_edges_count_posts_and_open_the_newest(client, world):
    store = world.store
    _post(store, "Relayed statement one.", 1, forwarded_from="Kora Relay")
    newest = _post(store, "Relayed statement two.", 2, forwarded_from="Kora Relay", mentions=["@kora_monitor"])
    refresh(store)
    graph = client.get("/api/channels").json()
    labels = {n["data"]["id"]: n["data"]["label"] for n in graph["nodes"]}
    assert sorted(labels.values(), key=str.lower) == ["Kora Relay", "kora_monitor", "Sawt al-Wadi"]
    edges = {(labels[e["data"]["source"]], e["data"]["type"], labels[e["data"]["target"]]): e["data"] for e in graph["edges"]}
    forward = edges[("Sawt al-Wadi", "forward", "Kora Relay")]
    assert forward["posts"] == 2 and forward["label"] == "forward ×2" and forward["href"] == f"/documents/{newest}"
    assert edges[("Sawt al-Wadi", "mention", "kora_monitor")]["posts"] == 1
    assert {t for e in client.get("/api/graph").json()["edges"] for t in e["data"]["types"]}.isdisjoint({"forward", "mention"})
    page = client.get("/channels").text
    assert 'data-src="/api/channels"' in page and "These are not claims" in page


def test_no_channels_yet(client):
    assert client.get("/api/channels").json() == {"nodes": [], "edges": [], "truncated": False}
