"""GraphML declares each key once and networkx reads it; every graph export (GEXF, GraphML, Gephi's
spreadsheets) gives a tie the same direction: undirected when its type is symmetric."""

import csv

import networkx as nx
from lxml import etree

from tiewatch.export import ExportOptions, export
from tiewatch.model import vocabulary

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://gexf.net/1.3}"


def test_graphml_declares_each_key_once_and_uses_only_those(network, tmp_path):
    export(network, "graphml", tmp_path / "net.graphml")
    doc = etree.parse(str(tmp_path / "net.graphml"))
    keys = doc.findall(f"{GRAPHML}key")
    ids = [k.get("id") for k in keys]
    names = [(k.get("for"), k.get("attr.name")) for k in keys]
    assert len(ids) == len(set(ids)) and len(names) == len(set(names))
    assert {("node", "label"), ("edge", "label"), ("edge", "weight"), ("node", "first_seen")} <= set(names)
    assert {d.get("key") for d in doc.iter(f"{GRAPHML}data")} <= set(ids)
    assert len(doc.findall(f".//{GRAPHML}edge")) == len(network.list_ties())


def test_every_graph_export_gives_a_tie_the_same_direction(network, tmp_path):
    for fmt, name in [("gexf", "net.gexf"), ("graphml", "net.graphml"), ("gephi", "gephi")]:
        export(network, fmt, tmp_path / name)
    gexf = {int(e.get("id").removeprefix("tie-")): e.get("type") == "directed"
            for e in etree.parse(str(tmp_path / "net.gexf")).iter(f"{GEXF}edge")}
    graphml = {int(e.get("id").removeprefix("tie-")): e.get("directed") != "false"
               for e in etree.parse(str(tmp_path / "net.graphml")).iter(f"{GRAPHML}edge")}
    with open(tmp_path / "gephi" / "edges.csv", newline="", encoding="utf-8") as f:
        sheet = {int(r["Id"]): r["Type"] == "Directed" for r in csv.DictReader(f)}
    expected = {t.id: not vocabulary()[t.type].symmetric for t in network.list_ties()}
    assert gexf == graphml == sheet == expected and not all(expected.values())


def test_networkx_reads_a_directed_graphml_with_every_attribute(network, tmp_path):
    export(network, "graphml", tmp_path / "net.graphml", ExportOptions(type="smuggles_for"))
    graph = nx.read_graphml(tmp_path / "net.graphml")
    ((source, _target, edge),) = graph.edges(data=True)
    node, stored = graph.nodes[source], network.get_actor(int(source))
    assert node["label"] == stored.name and node["kind"] == "group" and node["aliases"].split("; ") == stored.aliases
    assert "SDGT" in node["designation"] and node["first_seen"] == "2016-02-24"
    assert edge["label"] == "smuggles for" and edge["tie_type"] == "smuggles_for" and edge["weight"] == 2.0
    assert (edge["asserted"], edge["grade"]) == (2, "A1")
    assert (edge["first_seen"], edge["last_seen"]) == ("2016-02-24", "2016-04-10")
