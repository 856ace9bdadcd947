"""The tie graph as Cytoscape.js elements: filtered ties as edges, their actors as nodes sized by
degree centrality, each element carrying the link its click opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import networkx as nx

from tiewatch.model import Tie
from tiewatch.store import Store

MAX_TIES = 2000


@dataclass
class GraphFilter:
    """What the explorer's filter form asks for; every field optional."""

    type: str | None = None
    since: str | None = None  # ISO date: keep ties last seen on or after it
    until: str | None = None  # ISO date: keep ties first seen on or before it
    min_sources: int | None = None
    polarity: str | None = None
    actor: int | None = None


def tie_polarity(tie: Tie) -> str:
    """One word for the edge colour: asserted, hedged, denied, or contested (both said)."""
    said = tie.asserted + tie.hedged
    if tie.denied and said:
        return "contested"
    if tie.denied:
        return "denied"
    return "hedged" if tie.hedged and not tie.asserted else "asserted"


def _in_range(tie: Tie, since: str | None, until: str | None) -> bool:
    first, last = tie.first_seen or tie.last_seen or "", tie.last_seen or tie.first_seen or ""
    if since and (not last or last[: len(since)] < since):
        return False
    return not (until and (not first or first[: len(until)] > until))


def filtered_ties(store: Store, f: GraphFilter) -> tuple[list[Tie], bool]:
    """Ties matching `f`, and whether the cap of MAX_TIES cut the list short."""
    ties = store.list_ties(
        actor_id=f.actor, type=f.type or None, min_sources=f.min_sources, polarity=f.polarity or None,
        limit=MAX_TIES + 1,
    )
    kept = [t for t in ties[:MAX_TIES] if _in_range(t, f.since, f.until)]
    return kept, len(ties) > MAX_TIES


def elements(store: Store, f: GraphFilter) -> dict:
    """`{"nodes": [...], "edges": [...], "truncated": bool}` in Cytoscape's element format."""
    ties, truncated = filtered_ties(store, f)
    graph = nx.Graph()
    names: dict[int, str] = {}
    for t in ties:
        names[t.subject_id], names[t.object_id] = t.subject or "", t.object or ""
        graph.add_edge(t.subject_id, t.object_id)
    names.update(store.display_names(names))  # short names the documents use, or an analyst's
    centrality = nx.degree_centrality(graph) if graph.number_of_nodes() > 1 else {n: 1.0 for n in graph}
    kinds = {a.id: a.kind for a in store.list_actors()} if names else {}
    nodes = [
        {
            "data": {
                "id": f"a{actor_id}", "label": names[actor_id], "kind": kinds.get(actor_id, "other"),
                "centrality": round(centrality.get(actor_id, 0.0), 4),
                "size": round(24 + 56 * centrality.get(actor_id, 0.0)), "href": f"/actors/{actor_id}",
                "focus": actor_id == f.actor,
            }
        }
        for actor_id in sorted(names, key=lambda i: names[i].lower())
    ]
    edges = [
        {
            "data": {
                "id": f"t{t.id}", "source": f"a{t.subject_id}", "target": f"a{t.object_id}",
                "type": t.type, "label": t.type.replace("_", " "), "sources": t.sources,
                "polarity": tie_polarity(t), "grade": t.grade, "href": f"/ties/{t.id}",
                "width": min(1 + t.sources, 8),
            }
        }
        for t in ties
    ]
    return {"nodes": nodes, "edges": edges, "truncated": truncated}


CHANNEL_COLOURS = {"forward": "#2f6f9f", "reply": "#3d7a5c", "link": "#c08a1e", "mention": "#7b4fa0"}


def channel_elements(store: Store) -> dict:
    """The structural network of Telegram channels (forwards, replies, links, @mentions).

    Kept apart from claimed ties: these edges say who amplifies whom, not what a text claims.
    Each edge counts the posts behind it and opens the newest of them.
    """
    grouped: dict[tuple[str, str, str], list[dict]] = {}
    for edge in store.list_structural_edges():
        grouped.setdefault((edge["from_channel"], edge["kind"], edge["to_channel"]), []).append(edge)
    channels = sorted({c for key in grouped for c in (key[0], key[2])}, key=str.lower)
    ids = {name: f"c{i}" for i, name in enumerate(channels)}
    graph = nx.Graph([(a, b) for a, _kind, b in grouped])
    centrality = nx.degree_centrality(graph) if graph.number_of_nodes() > 1 else {c: 1.0 for c in graph}
    nodes = [
        {"data": {"id": ids[name], "label": name, "kind": "channel", "centrality": round(centrality.get(name, 0.0), 4),
                  "size": round(24 + 56 * centrality.get(name, 0.0)), "href": "/search?" + urlencode({"q": name})}}
        for name in channels
    ]
    edges = []
    for n, ((source, kind, target), posts) in enumerate(sorted(grouped.items())):
        newest = max(posts, key=lambda p: (p["date"] or "", p["id"]))
        edges.append({"data": {
            "id": f"s{n}", "source": ids[source], "target": ids[target], "type": kind, "posts": len(posts),
            "label": f"{kind} ×{len(posts)}" if len(posts) > 1 else kind, "colour": CHANNEL_COLOURS.get(kind, "#8a8f96"),
            "width": min(1 + len(posts), 8), "href": f"/documents/{newest['document_id']}" if newest["document_id"] else None,
        }})
    return {"nodes": nodes, "edges": edges, "truncated": False}
