"""CSV folders and JSON lines round-trip to what the store holds; Gephi's spreadsheets carry its
time sets and edge directions."""

import csv
import json
import re
from datetime import date

import pytest

from tiewatch.export import ExportOptions, Exporter, export, exporters
from tiewatch.model import ExportError, NotFound


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_csv_round_trips_nodes_edges_and_claims(network, tmp_path):
    export(network, "csv", tmp_path / "out")
    nodes = {int(r["id"]): r for r in rows(tmp_path / "out" / "nodes.csv")}
    for actor in network.list_actors():
        assert nodes[actor.id]["name"] == actor.name
        assert nodes[actor.id]["aliases"].split("; ") == (actor.aliases or [""])
        assert json.loads(nodes[actor.id]["external_ids"]) == actor.external_ids
    edges = {int(r["id"]): r for r in rows(tmp_path / "out" / "edges.csv")}
    for tie in network.list_ties():
        edge = edges[tie.id]
        assert (int(edge["subject_id"]), edge["type"], int(edge["object_id"])) == (tie.subject_id, tie.type, tie.object_id)
        assert (int(edge["asserted"]), int(edge["denied"]), int(edge["sources"])) == (tie.asserted, tie.denied, tie.sources)
        assert edge["grade"] == tie.grade
    claims = rows(tmp_path / "out" / "claims.csv")
    assert len(claims) == sum(len(network.claims_for_tie(t.id)) for t in network.list_ties())
    stored = network.get_claim(int(claims[0]["id"]))
    assert claims[0]["sentence"] == stored.sentence and int(claims[0]["start"]) == stored.start


# An interval set as Gephi's Data Laboratory writes and reads it (graphstore's IntervalsParser).
TIMESET = re.compile(r"<\[(\d{4}-\d\d-\d\d), (\d{4}-\d\d-\d\d)\](?:; \[(\d{4}-\d\d-\d\d), (\d{4}-\d\d-\d\d)\])*>")


def intervals(cell):
    assert TIMESET.fullmatch(cell), cell
    return [tuple(map(date.fromisoformat, pair.split(", "))) for pair in re.findall(r"\[([^]]+)\]", cell)]


def test_gephi_spreadsheets_carry_time_sets_directions_and_kinds(network, tmp_path):
    export(network, "gephi", tmp_path / "gephi", ExportOptions(actors=["Hamas"]))
    nodes, edges = rows(tmp_path / "gephi" / "nodes.csv"), rows(tmp_path / "gephi" / "edges.csv")
    assert list(nodes[0])[:2] == ["Id", "Label"] and "Timeset" in nodes[0]
    assert list(edges[0])[:6] == ["Source", "Target", "Type", "Kind", "Label", "Weight"] and "Timeset" in edges[0]
    assert {e["Source"] for e in edges} | {e["Target"] for e in edges} <= {n["Id"] for n in nodes}
    by_kind = {e["Kind"]: e for e in edges}
    assert by_kind.keys() == {"smuggles_for", "supplies_weapons", "cooperates_with"}
    cooperation = by_kind["cooperates_with"]
    assert (cooperation["Type"], cooperation["Label"]) == ("Undirected", "cooperates with")
    smuggling = by_kind["smuggles_for"]
    assert (smuggling["Type"], smuggling["Weight"]) == ("Directed", "2")
    assert smuggling["Timeset"] == "<[2016-02-24, 2016-02-24]; [2016-04-10, 2016-04-10]>"
    sinai = next(n for n in nodes if n["Label"].endswith("Sinai Province"))
    assert sinai["Timeset"] == "<[2016-02-24, 2016-04-10]>" and sinai["FirstSeen"] == "2016-02-24"
    for row in nodes + edges:
        assert all(start <= end for start, end in intervals(row["Timeset"]))


def test_jsonl_has_every_item_in_stream_order(network, tmp_path):
    count = export(network, "jsonl", tmp_path / "g.jsonl", ExportOptions(type="smuggles_for"))
    lines = [json.loads(line) for line in (tmp_path / "g.jsonl").read_text().splitlines()]
    assert len(lines) == count
    kinds = [line["record"] for line in lines]
    assert kinds == ["actor", "actor", "tie", "claim", "claim"]
    assert {c["claimant"] for c in lines if c["record"] == "claim"} == {"Abu Abdallah al-Muhajir", "Officials"}


def test_unknown_actor_format_or_level_is_a_clear_error(network, tmp_path):
    with pytest.raises(NotFound, match="no actor named 'Nobody'"):
        export(network, "csv", tmp_path / "x", ExportOptions(actors=["Nobody"]))
    with pytest.raises(ExportError, match="no exporter named 'pdf'"):
        export(network, "pdf", tmp_path / "x.pdf")
    with pytest.raises(ExportError, match="unknown TLP level"):
        export(network, "stix", tmp_path / "x.json", ExportOptions(tlp="white"))


def test_bad_since_is_refused(network, tmp_path):
    with pytest.raises(ExportError, match="--since wants a date"):
        export(network, "jsonl", tmp_path / "x.jsonl", ExportOptions(since="last tuesday"))
    assert export(network, "jsonl", tmp_path / "x.jsonl", ExportOptions(since="2016-03-01")) > 0


def test_a_third_party_exporter_plugs_into_the_registry(network, tmp_path):
    class CountingExporter(Exporter):
        """What a plugin would declare under the `tiewatch.exporters` entry-point group."""

        def __init__(self, out, store, options):
            super().__init__(out, store, options)
            self.seen = {}

        def write(self, item):
            self.seen[type(item).__name__] = self.seen.get(type(item).__name__, 0) + 1

        def finalize(self):
            self.out.write_text(json.dumps(self.seen, sort_keys=True))

    exporters.add("counts", CountingExporter)
    try:
        export(network, "counts", tmp_path / "counts.json")
    finally:
        exporters._items.pop("counts")
    counts = json.loads((tmp_path / "counts.json").read_text())
    assert counts["Actor"] == len(network.list_actors()) and counts["Tie"] == len(network.list_ties())
