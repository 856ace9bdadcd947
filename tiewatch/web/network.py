"""The tie graph as Cytoscape.js elements: one edge per pair of actors (the ties between them
listed, width by independent sources, colour by the mix of polarities), nodes sized by degree
centrality and labelled by display name, each element carrying the link it opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import networkx as nx

from tiewatch.model import Tie, TieFilter, vocabulary
from tiewatch.store import Store

MAX_TIES = 2000


def tie_polarity(tie: Tie) -> str:
    """One word for the edge colour: asserted, hedged, denied, or contested (both said)."""
    said = tie.asserted + tie.hedged
    if tie.denied and said:
        return "contested"
    if tie.denied:
        return "denied"
    return "hedged" if tie.hedged and not tie.asserted else "asserted"


def mixed_polarity(words: list[str]) -> str:
    """The polarity of a pair from its ties' own: contested when one is, or when some are denied
    and others said; else the one word they share, or asserted when asserted and hedged mix."""
    kinds = set(words)
    if "contested" in kinds or ("denied" in kinds and kinds - {"denied"}):
        return "contested"
    return kinds.pop() if len(kinds) == 1 else "asserted"


def filtered_ties(store: Store, f: TieFilter) -> tuple[list[Tie], bool]:
    """Ties matching `f` (newest first), and whether the cap of MAX_TIES cut the list short."""
    ties = store.list_ties(f, limit=MAX_TIES + 1)
    return ties[:MAX_TIES], len(ties) > MAX_TIES


@dataclass
class Pair:
    """The ties between two actors, drawn as one edge."""

    a: int
    b: int
    ties: list[Tie]

    @property
    def direction(self) -> str:
        """"forward" when every tie points from a to b, "back" from b to a, else "both"."""
        ways = {"both" if vocabulary().get(t.type) and vocabulary()[t.type].symmetric else
                ("forward" if t.subject_id == self.a else "back") for t in self.ties}
        return ways.pop() if len(ways) == 1 else "both"

    def listed(self) -> list[dict]:
        return [{"id": t.id, "type": t.type, "label": t.type.replace("_", " "), "subject_id": t.subject_id,
                 "object_id": t.object_id, "sources": t.sources, "grade": t.grade, "polarity": tie_polarity(t),
                 "claims": t.asserted + t.hedged + t.denied, "href": f"/ties/{t.id}"}
                for t in sorted(self.ties, key=lambda t: (-t.sources, -(t.asserted + t.hedged + t.denied), t.type))]

    def element(self) -> dict:
        listed, direction = self.listed(), self.direction
        source, target = (self.b, self.a) if direction == "back" else (self.a, self.b)
        label = listed[0]["label"] + (f" +{len(listed) - 1}" if len(listed) > 1 else "")
        sources = max(t.sources for t in self.ties)
        href = listed[0]["href"] if len(listed) == 1 else "/ties?" + urlencode({"actor": self.a, "other": self.b})
        return {"data": {
            "id": f"p{self.a}-{self.b}", "source": f"a{source}", "target": f"a{target}", "label": label,
            "types": [t["type"] for t in listed], "ties": listed, "directed": direction != "both",
            "sources": sources, "width": 1 + min(sources, 7), "claims": sum(t["claims"] for t in listed),
            "polarity": mixed_polarity([t["polarity"] for t in listed]), "href": href,
        }}


def pairs(ties: list[Tie]) -> list[Pair]:
    grouped: dict[tuple[int, int], list[Tie]] = {}
    for t in ties:
        key = (min(t.subject_id, t.object_id), max(t.subject_id, t.object_id))
        grouped.setdefault(key, []).append(t)
    return [Pair(a, b, group) for (a, b), group in sorted(grouped.items())]


def elements(store: Store, f: TieFilter) -> dict:
    """`{"nodes", "edges", "ties", "truncated"}` in Cytoscape's element format, one edge per pair."""
    ties, truncated = filtered_ties(store, f)
    graph = nx.Graph()
    for t in ties:
        graph.add_edge(t.subject_id, t.object_id)
    shown = store.shown_actors(list(graph.nodes))
    centrality = nx.degree_centrality(graph) if graph.number_of_nodes() > 1 else {n: 1.0 for n in graph}
    nodes = [
        {"data": {
            "id": f"a{actor_id}", "actor": actor_id, "label": label, "kind": kind or "other",
            "degree": graph.degree(actor_id), "centrality": round(centrality.get(actor_id, 0.0), 4),
            "size": round(24 + 56 * centrality.get(actor_id, 0.0)), "href": f"/actors/{actor_id}",
            "focus": actor_id == f.actor_id,
        }}
        for actor_id, (label, kind) in sorted(shown.items(), key=lambda kv: (kv[1][0].lower(), kv[0]))
    ]
    return {"nodes": nodes, "edges": [p.element() for p in pairs(ties)], "ties": len(ties), "truncated": truncated}


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
