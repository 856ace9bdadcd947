"""STIX 2.1 bundles: valid for the OASIS validator, faithful to the graph, stable across exports."""

import json

import pytest
from stix2validator import ValidationOptions, validate_file

from tiewatch.export import ExportOptions, export


def validated(path):
    result = validate_file(str(path), ValidationOptions(version="2.1"))
    errors = [str(e) for obj in result.object_results for e in obj.errors]
    assert result.is_valid and not errors, errors
    return json.loads(path.read_text())["objects"]


def by_type(objects, kind):
    return [o for o in objects if o["type"] == kind]


def test_bundle_is_valid_and_maps_every_kind(network, tmp_path):
    export(network, "stix", tmp_path / "b.json")
    objects = validated(tmp_path / "b.json")
    actors = {
        o["name"]: o for o in objects
        if o["type"] in ("threat-actor", "location") or o.get("identity_class") == "organization"
    }
    assert actors["Hamas"]["type"] == "threat-actor"
    assert actors["Abu Bakr al-Baghdadi"]["resource_level"] == "individual"
    assert actors["Egypt"]["type"] == "identity" and actors["Egypt"]["identity_class"] == "organization"
    assert actors["Gaza"]["type"] == "location"
    rels = by_type(objects, "relationship")
    assert len(rels) == len(network.list_ties())
    smuggling = next(r for r in rels if r["labels"] == ["smuggles_for"])
    assert smuggling["relationship_type"] == "smuggles-for"
    assert smuggling["confidence"] == 90  # two independent sources: credibility 1


def test_claim_provenance_rides_in_a_declared_extension(network, tmp_path):
    export(network, "stix", tmp_path / "b.json")
    objects = validated(tmp_path / "b.json")
    (definition,) = by_type(objects, "extension-definition")
    rel = next(r for r in by_type(objects, "relationship") if r["labels"] == ["smuggles_for"])
    provenance = rel["extensions"][definition["id"]]
    assert provenance["extension_type"] == "property-extension"
    assert provenance["independent_sources"] == 2
    sentences = {c["sentence"] for c in provenance["claims"]}
    assert "Sinai Province is smuggling weapons for Hamas in Gaza." in sentences
    claim = provenance["claims"][0]
    assert {"polarity", "claimant", "document", "start", "end", "admiralty"} <= set(claim)


def test_denial_is_an_opinion_by_the_denier_and_documents_are_reports(network, tmp_path):
    export(network, "stix", tmp_path / "b.json")
    objects = validated(tmp_path / "b.json")
    (opinion,) = by_type(objects, "opinion")
    assert opinion["opinion"] == "strongly-disagree"
    denier = next(o for o in objects if o["id"] == opinion["created_by_ref"])
    assert denier["name"] == "Hamas" and denier["type"] == "identity"
    denied = next(o for o in objects if o["id"] == opinion["object_refs"][0])
    assert denied["labels"] == ["supplies_weapons"] and "confidence" in denied  # credibility 5 -> 10
    assert denied["confidence"] == 10
    reports = by_type(objects, "report")
    assert len(reports) == 3
    ids = {o["id"] for o in objects}
    assert all(set(r["object_refs"]) <= ids for r in reports)


@pytest.mark.parametrize("level", ["clear", "green", "amber", "amber+strict", "red"])
def test_tlp_marking_on_every_object(network, tmp_path, level):
    export(network, "stix", tmp_path / "b.json", ExportOptions(tlp=level))
    objects = validated(tmp_path / "b.json")
    (marking,) = by_type(objects, "marking-definition")
    assert marking["name"] == f"TLP:{level.upper()}"
    assert all(marking["id"] in o["object_marking_refs"] for o in objects if o["type"] != "marking-definition")


def test_opencti_profile_uses_its_types_and_keeps_the_precise_one(network, tmp_path):
    export(network, "stix", tmp_path / "o.json", ExportOptions(profile="opencti", actors=["Hamas"]))
    rels = by_type(validated(tmp_path / "o.json"), "relationship")
    smuggling = next(r for r in rels if r["labels"] == ["smuggles_for"])
    assert smuggling["relationship_type"] == "related-to"
    assert {r["relationship_type"] for r in rels} <= {"part-of", "cooperates-with", "targets", "located-at", "related-to"}


def test_reexport_gives_the_same_objects_unchanged(network, tmp_path):
    export(network, "stix", tmp_path / "1.json")
    export(network, "stix", tmp_path / "2.json")
    first, second = (json.loads((tmp_path / n).read_text()) for n in ("1.json", "2.json"))
    assert sorted(o["id"] for o in first["objects"]) == sorted(o["id"] for o in second["objects"])
    # nothing changed in the graph, so nothing changes for an importer: `modified` included
    assert sorted(first["objects"], key=lambda o: o["id"]) == sorted(second["objects"], key=lambda o: o["id"])


def test_every_claim_is_a_note_on_its_relationship_with_the_quote(network, tmp_path):
    export(network, "stix", tmp_path / "b.json", ExportOptions(profile="opencti"))
    objects = validated(tmp_path / "b.json")
    rels = {r["id"]: r for r in by_type(objects, "relationship")}
    notes = by_type(objects, "note")
    claims = sum(len(network.claims_for_tie(t.id)) for t in network.list_ties())
    assert len(notes) == claims and all(n["object_refs"][0] in rels for n in notes)
    smuggling = next(r for r in rels.values() if r["labels"] == ["smuggles_for"])
    quoted = [n for n in notes if n["object_refs"][0] == smuggling["id"]]
    assert any("“Sinai Province is smuggling weapons for Hamas in Gaza.”" in n["content"] for n in quoted)
    assert all(set(n["object_refs"][1:]) == {smuggling["source_ref"], smuggling["target_ref"]} for n in quoted)
    assert all(n["labels"][0] in ("asserted", "hedged", "denied") and n["authors"] for n in notes)
    denied = [n for n in notes if n["labels"][0] == "denied"]
    assert denied and all(" denies: " in n["abstract"] for n in denied)


def test_a_report_says_where_and_when_and_links_its_address(network, tmp_path):
    export(network, "stix", tmp_path / "b.json")
    reports = by_type(validated(tmp_path / "b.json"), "report")
    assert reports and all(r["description"] for r in reports)
    linked = [r for r in reports if r["external_references"][0].get("url")]
    assert linked and all(r["external_references"][0]["url"].startswith("http") for r in linked)
