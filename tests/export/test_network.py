"""GEXF and GraphML open in networkx with every attribute; Gephi's spreadsheets have its columns."""

import csv

import networkx as nx
import pytest

from tiewatch.export import ExportOptions, export


def sinai(graph):
    return next(n for n, d in graph.nodes(data=True) if d["label"].endswith("Sinai Province"))


@pytest.mark.parametrize("fmt,read", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_graph_files_read_back_with_attributes(network, tmp_path, fmt, read):
    export(network, fmt, tmp_path / f"net.{fmt}")
    graph = read(tmp_path / f"net.{fmt}")
    ties = network.list_ties()
    assert graph.number_of_edges() == len(ties)
    node = graph.nodes[sinai(graph)]
    stored = network.get_actor(int(sinai(graph)))
    assert node["kind"] == "group" and node["aliases"].split("; ") == stored.aliases and len(stored.aliases) > 1
    assert "SDGT" in node["designation"]
    edges = [d for _, _, d in graph.edges(data=True)]
    assert all("tie_type" in d and "type" not in d for d in edges)
    smuggling = next(d for d in edges if d["tie_type"] == "smuggles_for")
    assert float(smuggling["weight"]) == 2 and int(smuggling["asserted"]) == 2
    assert smuggling["grade"] == "A1"
    assert str(smuggling["start"]).startswith("2016-02-24") and str(smuggling["end"]).startswith("2016-04-10")


def test_parallel_ties_between_one_pair_stay_separate(network, tmp_path):
    export(network, "gexf", tmp_path / "net.gexf")
    graph = nx.read_gexf(tmp_path / "net.gexf")
    hamas = next(n for n, d in graph.nodes(data=True) if d["label"] == "Hamas")
    assert graph.is_multigraph()
    assert sorted(d["tie_type"] for d in graph.get_edge_data(sinai(graph), hamas).values()) == [
        "cooperates_with", "smuggles_for"]


def test_gexf_is_dynamic_so_the_timeline_plays(network, tmp_path):
    export(network, "gexf", tmp_path / "net.gexf")
    head = (tmp_path / "net.gexf").read_text()[:600]
    assert 'mode="dynamic"' in head and 'timeformat="date"' in head


def test_gephi_spreadsheets(network, tmp_path):
    export(network, "gephi", tmp_path / "gephi", ExportOptions(actors=["Hamas"]))
    with open(tmp_path / "gephi" / "nodes.csv", newline="") as f:
        nodes = list(csv.DictReader(f))
    with open(tmp_path / "gephi" / "edges.csv", newline="") as f:
        reader = csv.DictReader(f)
        edges = list(reader)
    assert reader.fieldnames[:5] == ["Source", "Target", "Type", "Label", "Weight"]
    assert list(nodes[0])[:2] == ["Id", "Label"]
    ids = {n["Id"] for n in nodes}
    assert all(e["Source"] in ids and e["Target"] in ids for e in edges)
    assert {e["Label"] for e in edges} == {"smuggles_for", "supplies_weapons", "cooperates_with"}
    assert {e["Label"]: e["Type"] for e in edges}["cooperates_with"] == "Undirected"
