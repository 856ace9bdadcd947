"""FollowTheMoney entities parse back through the followthemoney model with their schemata."""

import json

from followthemoney import model

from tiewatch.export import ExportOptions, export


def entities(path):
    return [model.get_proxy(json.loads(line)) for line in path.read_text().splitlines()]


def test_entities_parse_and_links_point_at_written_entities(network, tmp_path):
    export(network, "ftm", tmp_path / "ftm.jsonl")
    proxies = entities(tmp_path / "ftm.jsonl")
    by_id = {p.id: p for p in proxies}
    assert len(by_id) == len(proxies)
    schemata = {p.schema.name for p in proxies}
    assert {"Organization", "Person", "PublicBody", "Address", "Membership", "Directorship", "UnknownLink",
            "Note"} <= schemata
    for proxy in proxies:
        assert all(proxy.get(prop) for prop in proxy.schema.required)
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in by_id, f"{proxy.schema.name}.{prop.name} points nowhere"


def test_tie_types_become_roles_and_claims_become_notes(network, tmp_path):
    export(network, "ftm", tmp_path / "ftm.jsonl", ExportOptions(actors=["Hamas"]))
    proxies = entities(tmp_path / "ftm.jsonl")
    links = [p for p in proxies if p.schema.name == "UnknownLink"]
    assert {p.first("role") for p in links} == {"smuggles_for", "supplies_weapons", "cooperates_with"}
    smuggling = next(p for p in links if p.first("role") == "smuggles_for")
    assert smuggling.first("startDate") == "2016-02-24" and smuggling.first("endDate") == "2016-04-10"
    notes = [p.first("description") for p in proxies if p.schema.name == "Note"]
    assert any("Sinai Province is smuggling weapons for Hamas in Gaza." in n for n in notes)
    assert any(n.startswith("Hamas (denied)") for n in notes)


def test_leader_is_a_directorship(network, tmp_path):
    export(network, "ftm", tmp_path / "ftm.jsonl", ExportOptions(type="leads"))
    proxies = entities(tmp_path / "ftm.jsonl")
    (link,) = [p for p in proxies if p.schema.name == "Directorship"]
    director = next(p for p in proxies if p.id == link.first("director"))
    assert director.schema.name == "Person" and director.first("name") == "Abu Bakr al-Baghdadi"
