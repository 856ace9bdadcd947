"""GEXF 1.3 for Gephi: a dynamic graph whose timeline plays the ties as sources state them.

The file validates against the official GEXF 1.3 schema (gexf.net; vendored in tests/export/gexf-1.3).
The graph is `mode="dynamic"` with `timeformat="date"` and interval spells:

- each edge has one spell per date a claim behind its tie was made (the claim's document date:
  published, else ingested), start = end, so with Gephi's timeline a tie shows up on the dates
  sources state it (a window slid over the years) and, played with one bound, the network grows as
  ties are first stated;
- each node has one spell from its actor's first_seen to the latest date of its edges here;
- `type` is `undirected` for symmetric tie types and `directed` otherwise (Gephi reads a mixed
  graph), `kind` is the tie type so Gephi keeps two ties between one pair as two edges, `label` the
  type in words and `weight` the independent sources.

Node attributes (kind, aliases, designation, first_seen) and edge attributes (tie_type, tie_id, the
polarity counts, sources, grade, reliability, credibility, first_seen, last_seen) are declared once.
"""

from __future__ import annotations

from datetime import date

from lxml import etree

from tiewatch.export.network import (
    EDGE_ATTRIBUTES, NODE_ATTRIBUTES, Attribute, Edge, NetworkExporter, Node, values,
)

GEXF = "http://gexf.net/1.3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def declarations(domain: str, attributes: tuple[Attribute, ...]) -> etree._Element:
    element = etree.Element("attributes", attrib={"class": domain, "mode": "static"})
    for attribute in attributes:
        etree.SubElement(element, "attribute", id=attribute.name, title=attribute.name, type=attribute.type)
    return element


def attvalues(parent: etree._Element, attributes: tuple[Attribute, ...], record: Node | Edge) -> None:
    holder = etree.SubElement(parent, "attvalues")
    for attribute, value in values(attributes, record):
        etree.SubElement(holder, "attvalue", attrib={"for": attribute.name, "value": value})


def spells(parent: etree._Element, intervals: list[tuple[str, str]]) -> None:
    if intervals:
        holder = etree.SubElement(parent, "spells")
        for start, end in intervals:
            etree.SubElement(holder, "spell", start=start, end=end)


def node_element(node: Node) -> etree._Element:
    element = etree.Element("node", id=node.id, label=node.label)
    attvalues(element, NODE_ATTRIBUTES, node)
    spells(element, node.spells)
    return element


def edge_element(edge: Edge) -> etree._Element:
    tie = edge.tie
    element = etree.Element("edge", id=edge.id, source=str(tie.subject_id), target=str(tie.object_id),
                            type="directed" if edge.directed else "undirected", kind=tie.type, label=edge.label,
                            weight=str(edge.weight))
    attvalues(element, EDGE_ATTRIBUTES, edge)
    spells(element, edge.spells)
    return element


def meta() -> etree._Element:
    element = etree.Element("meta", lastmodifieddate=date.today().isoformat())
    etree.SubElement(element, "creator").text = "tiewatch"
    etree.SubElement(element, "description").text = (
        "Armed groups and the ties sources claim between them; edge spells are the dates of the claims.")
    return element


class GexfExporter(NetworkExporter):
    name = "gexf"

    def render(self) -> None:
        # Children are built without a namespace and written inside the root that declares GEXF's as
        # the default, so they read as GEXF elements and the file carries no prefixes.
        root = {"version": "1.3", f"{{{XSI}}}schemaLocation": f"{GEXF} {GEXF}/gexf.xsd"}
        graph = {"defaultedgetype": "directed", "mode": "dynamic", "timeformat": "date",
                 "timerepresentation": "interval"}
        with etree.xmlfile(str(self.out), encoding="utf-8") as xf:
            xf.write_declaration()
            with xf.element(f"{{{GEXF}}}gexf", attrib=root, nsmap={None: GEXF, "xsi": XSI}):
                xf.write("\n", meta(), pretty_print=True)
                with xf.element("graph", attrib=graph):
                    xf.write("\n", declarations("node", NODE_ATTRIBUTES), declarations("edge", EDGE_ATTRIBUTES),
                             pretty_print=True)
                    with xf.element("nodes"):
                        xf.write("\n")
                        for node in self.nodes.values():
                            xf.write(node_element(node), pretty_print=True)
                    xf.write("\n")
                    with xf.element("edges"):
                        xf.write("\n")
                        for edge in self.edges.values():
                            xf.write(edge_element(edge), pretty_print=True)
