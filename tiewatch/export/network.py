"""Graph files for Gephi and other network tools, built with networkx.

Nodes are actors (`label`, `kind`, `aliases`, `designation`, `start` = first seen). Edges are ties,
one per tie even between the same pair (a MultiDiGraph keyed by tie id), with `tie_type`, the
polarity counts, `sources`, `grade`, `weight` = independent sources, and `start`/`end` from first
and last seen so Gephi's timeline can play the network. `symmetric` says
whether the tie type reads both ways (the graph itself stays directed, as networkx reads it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from tiewatch.export.exporter import ExportOptions, Exporter
from tiewatch.export.records import designation
from tiewatch.model import Actor, Tie, vocabulary


def _date(value: str | None) -> str | None:
    return value[:10] if value else None


def _present(attrs: dict[str, Any]) -> dict[str, Any]:
    """networkx writers refuse None; an absent attribute is how both formats say "unknown"."""
    return {k: v for k, v in attrs.items() if v is not None}


def actor_attributes(actor: Actor) -> dict[str, Any]:
    return _present({
        "label": actor.name, "kind": actor.kind, "aliases": "; ".join(actor.aliases),
        "designation": designation(actor), "start": _date(actor.first_seen),
    })


def tie_attributes(tie: Tie) -> dict[str, Any]:
    spec = vocabulary().get(tie.type)
    return _present({
        "label": tie.type, "tie_type": tie.type, "tie_id": tie.id, "weight": tie.sources,
        "sources": tie.sources, "asserted": tie.asserted, "denied": tie.denied, "hedged": tie.hedged,
        "grade": tie.grade, "reliability": tie.reliability, "credibility": tie.credibility,
        "start": _date(tie.first_seen), "end": _date(tie.last_seen or tie.first_seen),
        "symmetric": bool(spec and spec.symmetric),
    })


class NetworkExporter(Exporter):
    """Collects the graph in a MultiDiGraph; subclasses say how it is written."""

    def __init__(self, out: Path, store: Any, options: ExportOptions):
        super().__init__(out, store, options)
        self.graph = nx.MultiDiGraph(name="tiewatch")

    def write_actor(self, actor: Actor) -> None:
        self.graph.add_node(actor.id, **actor_attributes(actor))

    def write_tie(self, tie: Tie) -> None:
        self.graph.add_edge(tie.subject_id, tie.object_id, key=tie.id, **self.edge_attributes(tie))

    def edge_attributes(self, tie: Tie) -> dict[str, Any]:
        return tie_attributes(tie)


class GexfExporter(NetworkExporter):
    name = "gexf"

    def edge_attributes(self, tie: Tie) -> dict[str, Any]:
        return {**tie_attributes(tie), "id": f"tie-{tie.id}"}

    def finalize(self) -> None:
        nx.write_gexf(self.graph, self.out, version="1.2draft")


class GraphmlExporter(NetworkExporter):
    name = "graphml"

    def finalize(self) -> None:
        nx.write_graphml(self.graph, self.out, named_key_ids=True)
