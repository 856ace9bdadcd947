"""The graph as network tools read it, and its GraphML file.

`NetworkExporter` collects the stream into `Node`s (actors) and `Edge`s (ties, one per tie even
between the same pair) and hands them to `render()` in `finalize()`. GEXF (gexf.py), GraphML (here)
and Gephi's spreadsheets (csv.py) all render this one collection, so they agree on every rule:

- an edge is undirected when its tie type is symmetric (`vocabulary()[type].symmetric`), else
  directed from subject to object;
- its label is the tie type in words ("smuggles for"), its weight the independent sources;
- its dates are the distinct dates of the claims behind it (each claim's document date), in order;
- a node is seen from its actor's first_seen to the latest date of its edges in the export.

Files are written with lxml, one node or edge element at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable

from lxml import etree

from tiewatch.export.exporter import ExportOptions, Exporter
from tiewatch.export.records import designation
from tiewatch.model import Actor, Tie, vocabulary
from tiewatch.store import ClaimView


def day(value: str | None) -> str | None:
    """The calendar date a stored value starts with ("2016-02-24"), or None when it has none."""
    try:
        return date.fromisoformat((value or "")[:10]).isoformat()
    except ValueError:
        return None


@dataclass
class Node:
    actor: Actor
    last_seen: str | None = None

    @property
    def id(self) -> str:
        return str(self.actor.id)

    @property
    def label(self) -> str:
        return self.actor.name

    @property
    def first_seen(self) -> str | None:
        return day(self.actor.first_seen)

    @property
    def spells(self) -> list[tuple[str, str]]:
        """The one (first, last) interval the actor is seen in this export; none when it has no date."""
        dates = [d for d in (self.first_seen, self.last_seen) if d]
        return [(min(dates), max(dates))] if dates else []


@dataclass
class Edge:
    tie: Tie
    dates: set[str] = field(default_factory=set)

    @property
    def id(self) -> str:
        return f"tie-{self.tie.id}"

    @property
    def weight(self) -> float:
        return float(self.tie.sources)

    @property
    def directed(self) -> bool:
        spec = vocabulary().get(self.tie.type)
        return not (spec and spec.symmetric)

    @property
    def label(self) -> str:
        return self.tie.type.replace("_", " ")

    @property
    def spells(self) -> list[tuple[str, str]]:
        """One (date, date) interval per date a claim behind the tie was made, in order."""
        return [(d, d) for d in sorted(self.dates)]


@dataclass(frozen=True)
class Attribute:
    """One column of the node or edge table: its name, GEXF type and how it is read from the record."""

    name: str
    type: str  # as GEXF names it: string, integer, long, double
    value: Callable[[Any], Any]


NODE_ATTRIBUTES = (
    Attribute("kind", "string", lambda n: n.actor.kind),
    Attribute("aliases", "string", lambda n: "; ".join(n.actor.aliases)),
    Attribute("designation", "string", lambda n: designation(n.actor)),
    Attribute("first_seen", "string", lambda n: n.first_seen),
)
EDGE_ATTRIBUTES = (
    Attribute("tie_type", "string", lambda e: e.tie.type),
    Attribute("tie_id", "long", lambda e: e.tie.id),
    Attribute("sources", "integer", lambda e: e.tie.sources),
    Attribute("asserted", "integer", lambda e: e.tie.asserted),
    Attribute("denied", "integer", lambda e: e.tie.denied),
    Attribute("hedged", "integer", lambda e: e.tie.hedged),
    Attribute("grade", "string", lambda e: e.tie.grade),
    Attribute("reliability", "string", lambda e: e.tie.reliability),
    Attribute("credibility", "integer", lambda e: e.tie.credibility),
    Attribute("first_seen", "string", lambda e: day(e.tie.first_seen)),
    Attribute("last_seen", "string", lambda e: day(e.tie.last_seen or e.tie.first_seen)),
)


def values(attributes: Iterable[Attribute], record: Node | Edge) -> Iterable[tuple[Attribute, str]]:
    """The attributes `record` has a value for, with the value as text."""
    for attribute in attributes:
        value = attribute.value(record)
        if value is not None:
            yield attribute, str(value)


class NetworkExporter(Exporter):
    """Collects nodes and edges (with their claims' dates); subclasses `render()` them."""

    def __init__(self, out: Path, store: Any, options: ExportOptions):
        super().__init__(out, store, options)
        self.nodes: dict[int, Node] = {}
        self.edges: dict[int, Edge] = {}

    def write_actor(self, actor: Actor) -> None:
        self.nodes[actor.id] = Node(actor)

    def write_tie(self, tie: Tie) -> None:
        self.edges[tie.id] = Edge(tie)

    def write_claim(self, claim: ClaimView) -> None:
        edge = self.edges.get(claim.tie_id)
        if edge is not None and day(claim.date):
            edge.dates.add(day(claim.date))

    def finalize(self) -> None:
        for edge in filter(lambda e: e.dates, self.edges.values()):
            for node in filter(None, (self.nodes.get(edge.tie.subject_id), self.nodes.get(edge.tie.object_id))):
                node.last_seen = max(filter(None, (node.last_seen, *edge.dates)))
        self.render()

    def render(self) -> None:
        raise NotImplementedError


GRAPHML = "http://graphml.graphdrawing.org/xmlns"
GRAPHML_TYPES = {"string": "string", "integer": "int", "long": "long", "double": "double"}
LABEL = Attribute("label", "string", lambda record: record.label)
GRAPHML_KEYS = {
    "node": (LABEL, *NODE_ATTRIBUTES),
    "edge": (LABEL, *EDGE_ATTRIBUTES, Attribute("weight", "double", lambda edge: edge.weight)),
}


def graphml_keys() -> Iterable[etree._Element]:
    for domain, attributes in GRAPHML_KEYS.items():
        for a in attributes:
            yield etree.Element("key", id=f"{domain}_{a.name}", attrib={
                "for": domain, "attr.name": a.name, "attr.type": GRAPHML_TYPES[a.type]})


def graphml_element(domain: str, record: Node | Edge) -> etree._Element:
    """A node or edge with one `data` per attribute it has; an edge of a symmetric tie is undirected."""
    if isinstance(record, Edge):
        tie = record.tie
        element = etree.Element("edge", id=record.id, source=str(tie.subject_id), target=str(tie.object_id))
        if not record.directed:
            element.set("directed", "false")
    else:
        element = etree.Element("node", id=record.id)
    for attribute, value in values(GRAPHML_KEYS[domain], record):
        etree.SubElement(element, "data", key=f"{domain}_{attribute.name}").text = value
    return element


class GraphmlExporter(NetworkExporter):
    """GraphML: each key declared once, with ids `node_…` and `edge_…`; `label` and `weight` are
    data keys as Gephi and yEd read them; a symmetric tie's edge says `directed="false"`."""

    name = "graphml"

    def render(self) -> None:
        # Children are built without a namespace and written inside the root that declares GraphML's
        # as the default, so they read as GraphML elements and the file carries no prefixes.
        with etree.xmlfile(str(self.out), encoding="utf-8") as xf:
            xf.write_declaration()
            with xf.element(f"{{{GRAPHML}}}graphml", nsmap={None: GRAPHML}):
                xf.write("\n", *graphml_keys(), pretty_print=True)
                with xf.element("graph", edgedefault="directed"):
                    xf.write("\n")
                    for node in self.nodes.values():
                        xf.write(graphml_element("node", node), pretty_print=True)
                    for edge in self.edges.values():
                        xf.write(graphml_element("edge", edge), pretty_print=True)
