"""The ties table: filtered, sorted, paged, and downloaded exactly as shown (CSV, STIX, GEXF)."""

import csv
import io
import json

import networkx as nx
from stix2validator import ValidationOptions, validate_string


def _rows(page_text: str) -> int:
    return page_text.count('<tr class="tie ')


def test_the_table_lists_every_tie_with_its_total_and_sorts_by_a_column(client, world):
    page = client.get("/ties")
    assert page.status_code == 200 and _rows(page.text) == 3 and 'Ties <span class="muted">3</span>' in page.text
    by_sources = client.get("/ties", params={"order": "sources"}).text
    body = by_sources.split("<tbody>")[1]
    assert body.index("supplies weapons") < body.index(">funds<")
    assert 'aria-sort="descending"' in by_sources
    upward = client.get("/ties", params={"order": "sources", "descending": "false"}).text
    body = upward.split("<tbody>")[1]
    assert body.index(">funds<") < body.index("supplies weapons") and 'aria-sort="ascending"' in upward


def test_filters_narrow_the_table_and_an_actor_is_found_by_any_name(client, world):
    assert _rows(client.get("/ties", params={"type": "trains"}).text) == 1
    assert _rows(client.get("/ties", params={"until": "2024-03-31", "type": ""}).text) == 1
    found = client.get("/ties", params={"name": "red hand cell"}).text
    assert _rows(found) == 1 and "Of <a href=" in found
    typo = client.get("/ties", params={"name": "Red Hnd Cell"}).text
    assert "did you mean" in typo and "Red Hand Cell" in typo
    kvf, bbb = world.ids["Kora Valley Front"], world.ids["Black Banner Brigade"]
    pair = client.get("/ties", params={"actor": bbb, "other": kvf}).text
    assert _rows(pair) == 2 and "Between" in pair


def test_the_csv_download_holds_every_tie_shown_with_links_to_its_evidence(client, world):
    answer = client.get("/ties.csv", params={"type": "supplies_weapons"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [(r["subject"], r["type"], r["object"]) for r in rows] == [("Kora Valley Front", "supplies_weapons", "Black Banner Brigade")]
    assert rows[0]["evidence"].endswith(f"/ties/{world.ids['supplies_weapons']}") and rows[0]["denied"] == "1"
    assert len(list(csv.DictReader(io.StringIO(client.get("/ties.csv").text)))) == 3


def test_the_stix_download_is_a_valid_bundle_of_what_is_shown(client, world):
    answer = client.get("/ties.stix.json", params={"type": "trains"})
    assert answer.status_code == 200 and "ties.stix.json" in answer.headers["content-disposition"]
    assert validate_string(answer.text, ValidationOptions(strict=False)).is_valid
    objects = json.loads(answer.text)["objects"]
    relationships = [o for o in objects if o["type"] == "relationship"]
    assert len(relationships) == 1 and "Instructors of the Kora Valley Front" in answer.text
    assert "javascript:alert(5)" not in client.get("/ties.stix.json").text  # a document's non-web origin never leaves


def test_the_gexf_download_opens_as_a_graph_of_the_ties_shown(client, world, tmp_path):
    answer = client.get("/ties.gexf", params={"min_sources": 2})
    assert answer.status_code == 200
    path = tmp_path / "ties.gexf"
    path.write_bytes(answer.content)
    graph = nx.read_gexf(path)
    assert graph.number_of_edges() == 1
    assert {d.get("label") for _n, d in graph.nodes(data=True)} == {"Kora Valley Front", "Black Banner Brigade"}
