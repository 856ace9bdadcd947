"""MISP feeds: every event loads in PyMISP, claims keep quote, claimant and polarity, groups and people
are threat-actor clusters MISP can import with their ties as relations, and re-exports keep every uuid."""

import json
from importlib.resources import files

from pymisp import MISPEvent, MISPGalaxyCluster
from typer.testing import CliRunner

from tests.export.sample import DENIAL, add_document
from tiewatch.cli.app import app
from tiewatch.export import ExportOptions, export
from tiewatch.graph import refresh

TEMPLATE = json.loads(files("tiewatch.export").joinpath("data/misp/objects/tiewatch-claim/definition.json").read_text())


def feed(folder):
    """The feed's events as PyMISP loads them, by title, read through its manifest."""
    manifest = json.loads((folder / "manifest.json").read_text())
    events = {}
    for uuid, entry in manifest.items():
        event = MISPEvent()
        event.load((folder / f"{uuid}.json").read_text())
        assert event.uuid == uuid and event.info == entry["info"]
        assert [t.name for t in event.tags] == [t["name"] for t in entry["Tag"]]
        events[event.info] = event
    return events


def clusters(folder):
    loaded = {}
    for entry in json.loads((folder / "galaxy-clusters.json").read_text()):
        cluster = MISPGalaxyCluster()
        cluster.from_dict(**entry)
        loaded[cluster.value] = cluster
    return loaded


def claims(event):
    return [{a.object_relation: a for a in o.attributes} for o in event.objects if o.name == "tiewatch-claim"]


def objects(event, name):
    return {o.get_attributes_by_relation("name" if name == "organization" else "text")[0].value: o
            for o in event.objects if o.name == name}


def test_one_event_per_document_with_its_title_date_link_and_tlp(network, tmp_path):
    export(network, "misp", tmp_path / "feed")
    events = feed(tmp_path / "feed")
    assert set(events) == {"Letter by an ISIS fighter", "Hamas denies supplying ISIS Sinai", "Border smuggling"}
    denial = events["Hamas denies supplying ISIS Sinai"]
    assert denial.date.isoformat() == "2016-03-02"
    (link,) = denial.attributes
    assert link.type == "link" and link.value.startswith("https://example.org/")
    tags = {t.name for t in denial.tags}
    assert {"tlp:clear", 'admiralty-scale:source-reliability="c"'} <= tags
    assert sum(len(claims(e)) for e in events.values()) == 9
    assert (tmp_path / "feed" / "hashes.csv").read_text().count(denial.uuid) > 0


def test_claims_keep_quote_claimant_polarity_and_offsets(network, tmp_path):
    export(network, "misp", tmp_path / "feed")
    denial = feed(tmp_path / "feed")["Hamas denies supplying ISIS Sinai"]
    (claim,) = [c for c in claims(denial) if c["polarity"].value == "denied"]
    quote = claim["quote"].value
    assert quote == "Hamas denied that it supplies weapons to Sinai Province."
    assert DENIAL[int(claim["start"].value):int(claim["end"].value)] == quote
    assert claim["claimant"].value == "Hamas" and claim["tie-type"].value == "supplies_weapons"
    assert [t.name for t in claim["quote"].tags] == ['tiewatch:polarity="denied"']
    assert (claim["subject"].value, claim["object"].value) == ("Hamas", "Sinai Province")
    for event in feed(tmp_path / "feed").values():
        for found in claims(event):
            assert set(TEMPLATE["required"]) <= set(found)
            assert all(a.type == TEMPLATE["attributes"][r]["misp-attribute"] for r, a in found.items())


def test_groups_and_people_are_threat_actor_clusters_and_ties_their_relations(network, tmp_path):
    export(network, "misp", tmp_path / "feed")
    found = clusters(tmp_path / "feed")
    actors = {a.label: a for a in network.list_actors()}
    assert set(found) == {a.name for a in actors.values() if a.kind in ("group", "person")}
    sinai = found[actors["Sinai Province"].name]
    assert sinai.Galaxy.type == "threat-actor" and sinai.tag_name == f'misp-galaxy:threat-actor="{sinai.uuid}"'
    assert sinai.meta["synonyms"] == actors["Sinai Province"].aliases
    assert {e.value for e in sinai.cluster_elements if e.key == "synonyms"} == set(actors["Sinai Province"].aliases)
    assert "Islamic State" in found[actors["Islamic State"].name].meta["synonyms"]  # the name its documents use
    export(network, "stix", tmp_path / "b.json")
    stix = {o["name"]: o["id"] for o in json.loads((tmp_path / "b.json").read_text())["objects"]
            if o["type"] == "threat-actor"}
    assert all(stix[name] == f"threat-actor--{cluster.uuid}" for name, cluster in found.items())
    by_uuid = {c.uuid: c.value for c in found.values()}

    def relations(label):
        return {(r.referenced_galaxy_cluster_type, by_uuid[r.referenced_galaxy_cluster_uuid]): {t.name for t in r.tags}
                for r in found[actors[label].name].cluster_relations}

    sinai_name, state_name = actors["Sinai Province"].name, actors["Islamic State"].name
    assert 'admiralty-scale:information-credibility="1"' in relations("Sinai Province")[("smuggles-for", "Hamas")]
    assert ("part-of", state_name) in relations("Sinai Province")
    assert ("directs", state_name) in relations("Abu Bakr al-Baghdadi")
    denied = relations("Hamas")[("supplies-weapons-to", sinai_name)]
    assert 'tiewatch:polarity="denied"' in denied and 'tiewatch:polarity="asserted"' not in denied
    for event in feed(tmp_path / "feed").values():
        named = [t.name for t in event.tags] + [t.name for c in claims(event) for a in c.values() for t in a.tags]
        assert {t for t in named if t.startswith("misp-galaxy:")} <= {c.tag_name for c in found.values()}


def test_states_and_places_are_objects_on_the_path_of_their_claims(network, tmp_path):
    export(network, "misp", tmp_path / "feed")
    events = feed(tmp_path / "feed")
    denial = events["Hamas denies supplying ISIS Sinai"]
    egypt = objects(denial, "organization")["Egypt"]
    (reference,) = egypt.references
    fights = next(o for o in denial.objects if o.uuid == reference.referenced_uuid)
    assert reference.relationship_type == "attacking-other-group"
    assert fights.get_attributes_by_relation("quote")[0].value == "Egypt fights Sinai Province in the desert."
    letter = events["Letter by an ISIS fighter"]
    gaza = objects(letter, "geolocation")["Gaza"]
    assert gaza.get_attributes_by_relation("countrycode")[0].value == "PS"
    (operates,) = [o for o in letter.objects if any(r.referenced_uuid == gaza.uuid for r in o.references)]
    assert operates.get_attributes_by_relation("tie-type")[0].value == "operates_in"
    assert operates.references[0].relationship_type == "operates-from"


def test_no_local_path_leaves_the_machine_but_a_declared_address_does(store, tmp_path):
    doc_id = add_document(store, DENIAL, [("Hamas", "supplies_weapons", "Sinai Province", "denied", "Hamas")],
                          origin="kora/hamas-statement.txt", title="Statement")
    refresh(store)
    export(store, "misp", tmp_path / "feed", ExportOptions(show_paths=True))
    (event,) = feed(tmp_path / "feed").values()
    assert event.info == "Statement" and not event.attributes
    for path in (tmp_path / "feed").iterdir():
        assert "kora" not in path.read_text()
    store.describe_document(doc_id, "lea", {"url": "https://hamas.example/statement"})
    export(store, "misp", tmp_path / "feed")
    (event,) = feed(tmp_path / "feed").values()
    assert [a.value for a in event.attributes if a.type == "link"] == ["https://hamas.example/statement"]


def test_reexport_keeps_every_uuid(network, tmp_path):
    def uuids(folder):
        found = set()

        def walk(node):
            if isinstance(node, dict):
                found.update(v for k, v in node.items() if k.endswith("uuid") and isinstance(v, str))
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        for path in folder.glob("*.json"):
            walk(json.loads(path.read_text()))
        return found

    export(network, "misp", tmp_path / "1")
    export(network, "misp", tmp_path / "2")
    assert sorted(p.name for p in (tmp_path / "1").iterdir()) == sorted(p.name for p in (tmp_path / "2").iterdir())
    assert uuids(tmp_path / "1") == uuids(tmp_path / "2") and len(uuids(tmp_path / "1")) > 100


def test_a_re_export_into_the_feed_changes_only_what_changed(network, tmp_path):
    def files(folder):
        return {p.name: p.read_text() for p in folder.iterdir()}

    export(network, "misp", tmp_path / "feed")
    before = files(tmp_path / "feed")
    export(network, "misp", tmp_path / "feed")
    assert files(tmp_path / "feed") == before  # an unchanged graph: MISP has nothing to pull
    smuggling = next(d for d in network.iter_documents() if d.title == "Border smuggling")
    network.describe_document(smuggling.id, "lea", {"title": "Smuggling across the border"})
    export(network, "misp", tmp_path / "feed")
    after = files(tmp_path / "feed")
    changed = {name for name in before if after[name] != before[name]}
    (event,) = [e for e in feed(tmp_path / "feed").values() if e.info == "Smuggling across the border"]
    assert changed == {f"{event.uuid}.json", "manifest.json"}
    old = json.loads(before["manifest.json"])[event.uuid]["timestamp"]
    assert json.loads(after["manifest.json"])[event.uuid]["timestamp"] > old
    assert all(int(a.timestamp.timestamp()) > old for o in event.objects for a in o.attributes)


def test_command_line_with_an_actor_and_a_tlp_level(network, db_url, tmp_path):
    result = CliRunner().invoke(app, ["export", "misp", "--out", str(tmp_path / "feed"), "--actor", "Egypt",
                                      "--tlp", "amber+strict", "--db", db_url], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (event,) = feed(tmp_path / "feed").values()
    assert "tlp:amber+strict" in {t.name for t in event.tags}
    assert [c["quote"].value for c in claims(event)] == ["Egypt fights Sinai Province in the desert."]


def test_a_country_code_in_misp_is_always_iso(network, tmp_path):
    from tiewatch.export.places import iso_codes

    export(network, "misp", tmp_path / "feed")
    codes = [a.value for event in feed(tmp_path / "feed").values() for o in event.objects if o.name == "geolocation"
             for a in o.get_attributes_by_relation("countrycode")]
    assert codes and all(code in iso_codes() for code in codes)
