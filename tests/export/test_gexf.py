"""GEXF 1.3 as Gephi opens it: valid against the official schema, a timeline that plays each tie on
the dates sources state it, symmetric ties undirected, and networkx still reads a directed graph."""

from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from tests.export.sample import build_network
from tests.web.corpus import build as build_web_corpus
from tiewatch.batch.pipeline import ingest
from tiewatch.export import ExportOptions, export
from tiewatch.extract import get_extractor
from tiewatch.model import vocabulary

SCHEMA = Path(__file__).parent / "gexf-1.3" / "gexf.xsd"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NS = {"g": "http://gexf.net/1.3"}


def exported(store, tmp_path, options=None):
    export(store, "gexf", tmp_path / "net.gexf", options)
    return etree.parse(str(tmp_path / "net.gexf"))


def spells(element):
    return [(s.get("start"), s.get("end")) for s in element.iterfind("g:spells/g:spell", NS)]


def attvalues(element):
    return {a.get("for"): a.get("value") for a in element.iterfind("g:attvalues/g:attvalue", NS)}


def edges(doc):
    return {int(attvalues(e)["tie_id"]): e for e in doc.iterfind(".//g:edge", NS)}


def tie_of(store, subject, tie_type):
    return next(t for t in store.list_ties() if t.subject.endswith(subject) and t.type == tie_type)


def build_examples(store):
    ingest(store, [str(EXAMPLES)], extractor=get_extractor("learned"))


@pytest.mark.parametrize("build", [
    build_network, build_web_corpus, pytest.param(build_examples, marks=pytest.mark.slow, id="examples"),
], ids=["sample", "web-corpus", "examples"])
def test_the_file_is_valid_gexf_13_and_every_edge_is_dated_by_its_claims(store, tmp_path, build):
    build(store)
    doc = exported(store, tmp_path)
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    assert schema.validate(doc), schema.error_log
    graph = doc.find("g:graph", NS)
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    ties = {t.id: t for t in store.list_ties()}
    assert edges(doc).keys() == ties.keys() and ties
    for tie_id, edge in edges(doc).items():
        claimed = {c.date for c in store.claims_for_tie(tie_id) if c.status != "rejected"}
        assert spells(edge) == [(d, d) for d in sorted(claimed)], ties[tie_id]
    for element in doc.iterfind(".//g:node", NS):
        for start, end in spells(element):
            assert date.fromisoformat(start) <= date.fromisoformat(end)


def test_the_timeline_shows_each_tie_when_sources_state_it(network, tmp_path):
    doc = exported(network, tmp_path)
    smuggling = edges(doc)[tie_of(network, "Sinai Province", "smuggles_for").id]
    denied = edges(doc)[tie_of(network, "Hamas", "supplies_weapons").id]
    assert spells(smuggling) == [("2016-02-24", "2016-02-24"), ("2016-04-10", "2016-04-10")]
    assert spells(denied) == [("2016-03-02", "2016-03-02")] and attvalues(denied)["denied"] == "1"
    sinai = next(n for n in doc.iterfind(".//g:node", NS) if n.get("label").endswith("Sinai Province"))
    assert spells(sinai) == [("2016-02-24", "2016-04-10")]


def test_edges_read_as_gephi_shows_them(network, tmp_path):
    doc = exported(network, tmp_path)
    for tie in network.list_ties():
        edge = edges(doc)[tie.id]
        symmetric = vocabulary()[tie.type].symmetric
        assert edge.get("type") == ("undirected" if symmetric else "directed")
        assert edge.get("kind") == tie.type and edge.get("label") == tie.type.replace("_", " ")
        assert float(edge.get("weight")) == tie.sources
    undirected = {e.get("label") for e in edges(doc).values() if e.get("type") == "undirected"}
    assert undirected == {"cooperates with", "fights"}
    for domain in ("node", "edge"):
        (declared,) = doc.iterfind(f".//g:attributes[@class='{domain}']", NS)
        ids = [a.get("id") for a in declared]
        assert len(ids) == len(set(ids)) and "label" not in ids and "weight" not in ids


def test_the_ties_between_one_pair_stay_separate_edges_each_of_its_kind(network, tmp_path):
    doc = exported(network, tmp_path, ExportOptions(actors=["Hamas"]))
    pair = {str(a.id) for a in network.list_actors() if a.name.endswith(("Sinai Province", "Hamas"))}
    pair = [e for e in edges(doc).values() if {e.get("source"), e.get("target")} == pair]
    assert sorted((e.get("kind"), e.get("type")) for e in pair) == [
        ("cooperates_with", "undirected"), ("smuggles_for", "directed"), ("supplies_weapons", "directed")]


def test_networkx_reads_a_directed_export_with_its_attributes_and_spells(network, tmp_path):
    export(network, "gexf", tmp_path / "net.gexf", ExportOptions(type="smuggles_for"))
    graph = nx.read_gexf(tmp_path / "net.gexf")
    ((source, _target, edge),) = graph.edges(data=True)
    node = graph.nodes[source]
    stored = network.get_actor(int(source))
    assert node["label"] == stored.name and node["kind"] == "group" and node["aliases"].split("; ") == stored.aliases
    assert "SDGT" in node["designation"]
    assert edge["tie_type"] == "smuggles_for" and edge["label"] == "smuggles for"
    assert edge["weight"] == 2 and edge["asserted"] == 2 and edge["grade"] == "A1"
    assert edge["spells"] == [("2016-02-24", "2016-02-24"), ("2016-04-10", "2016-04-10")]
