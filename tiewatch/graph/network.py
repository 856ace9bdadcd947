"""The tie network as a graph (networkx): neighbours, evidence-backed paths, centrality.

Only ties some source supports (asserted or hedged claims) are edges; a tie that is only denied
is not a path. Edges are undirected for paths and centrality; each keeps its ties.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

import networkx as nx

from tiewatch.graph.evidence import best_claim
from tiewatch.model import Actor, Tie
from tiewatch.store import ClaimView


@dataclass
class Hop:
    source: str
    target: str
    tie: Tie
    quote: ClaimView | None


@dataclass
class Rank:
    actor: Actor
    degree: int
    betweenness: float
    pagerank: float


def tie_graph(store) -> nx.Graph:
    """Actors as nodes, supported ties as edges (an edge keeps every tie between its two actors)."""
    graph = nx.Graph()
    for tie in store.list_ties():
        if tie.asserted + tie.hedged == 0:
            continue
        graph.add_node(tie.subject_id, name=tie.subject)
        graph.add_node(tie.object_id, name=tie.object)
        if graph.has_edge(tie.subject_id, tie.object_id):
            edge = graph.edges[tie.subject_id, tie.object_id]
            edge["ties"].append(tie)
            edge["weight"] = min(edge["weight"], 1.0 / max(tie.sources, 1))
        else:
            graph.add_edge(tie.subject_id, tie.object_id, ties=[tie], weight=1.0 / max(tie.sources, 1))
    return graph


def neighbours(store, actor_id: int) -> list[tuple[int, str, list[Tie]]]:
    """(actor id, name, ties) of every actor one supported tie away, most-sourced first."""
    graph = tie_graph(store)
    if actor_id not in graph:
        return []
    out = [(n, graph.nodes[n]["name"], graph.edges[actor_id, n]["ties"]) for n in graph.neighbors(actor_id)]
    return sorted(out, key=lambda item: (-max(t.sources for t in item[2]), item[1]))


def paths(store, source_id: int, target_id: int, limit: int = 3, max_hops: int = 4) -> list[list[Hop]]:
    """Up to `limit` shortest evidence-backed paths, each hop with its best-sourced tie and quote."""
    graph = tie_graph(store)
    if source_id not in graph or target_id not in graph or source_id == target_id:
        return []
    try:
        found = list(islice(nx.shortest_simple_paths(graph, source_id, target_id), limit))
    except nx.NetworkXNoPath:
        return []
    out = []
    for nodes in found:
        if len(nodes) - 1 > max_hops:
            break
        hops = []
        for a, b in zip(nodes, nodes[1:]):
            tie = max(graph.edges[a, b]["ties"], key=lambda t: (t.sources, t.asserted, -t.credibility))
            hops.append(Hop(graph.nodes[a]["name"], graph.nodes[b]["name"], tie, best_claim(store.claims_for_tie(tie.id))))
        out.append(hops)
    return out


def ranking(store, limit: int | None = None) -> list[Rank]:
    """Actors by betweenness centrality (who links the network), then degree and PageRank."""
    graph = tie_graph(store)
    if not graph:
        return []
    between = nx.betweenness_centrality(graph, weight="weight")
    pagerank = nx.pagerank(graph, weight=None)
    ordered = sorted(graph.nodes, key=lambda n: (-between[n], -graph.degree(n), graph.nodes[n]["name"]))
    actors = {a.id: a for a in store.list_actors()}
    return [
        Rank(actors[n], graph.degree(n), round(between[n], 4), round(pagerank[n], 4))
        for n in ordered[:limit] if n in actors
    ]
