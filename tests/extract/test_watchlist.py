"""The watchlist builder, run on the real OFAC and CIA sources, and the file tiewatch ships."""

from __future__ import annotations

import importlib.util
import json
import re
from importlib.resources import files
from pathlib import Path

import pytest

from tests.conftest import shared_path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_watchlist.py"


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_watchlist", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def builder():
    return _load_builder()


@pytest.fixture(scope="module")
def built(builder):
    ofac = shared_path("corpora", "ofac", "ofac_sdn_terrorism_entities.jsonl")
    cia = shared_path("corpora", "cia", "cia_world_factbook_terrorist_organizations_2025.json")
    return builder.build(ofac, cia)


@pytest.fixture(scope="module")
def by_name(built):
    return {entry["name"]: entry for entry in built}


def _names_of(entry):
    return {entry["name"], *entry["aliases"]}


def test_known_groups_are_present_with_their_aliases(by_name):
    assert {"Hezbollah", "Party of God", "Lebanese Hizballah"} <= _names_of(by_name["Hizballah"])
    isis = by_name["Islamic State of Iraq and ash-Sham"]
    assert {"ISIS", "ISIL", "Islamic State", "Daesh"} <= _names_of(isis)
    assert "AQAP" in by_name["al-Qa'ida in the Arabian Peninsula"]["aliases"]
    assert "al-Shabab" in by_name["al-Shabaab"]["aliases"]
    assert "Islamic Resistance Movement" in by_name["Hamas"]["aliases"]
    for name in ("Boko Haram", "Kurdistan Workers Party", "Jama'at Nusrat al-Islam wal-Muslimin", "Taliban"):
        assert name in by_name


def test_sources_are_merged_into_one_entry_with_both_ids_and_designations(by_name):
    hamas = by_name["Hamas"]
    assert hamas["ids"] == {"cia": "HAMAS", "ofac": "4695"}
    assert {"by": "US Department of State", "programme": "FTO", "since": "1997-10-08"} in hamas["designations"]
    assert any(d["programme"] == "SDGT" for d in hamas["designations"])
    assert by_name["Islamic State of Iraq and ash-Sham"]["ids"]["ofac"] == "8759"


def test_names_are_proper_cased_with_acronyms_and_particles(by_name):
    assert "HIZBALLAH" not in by_name and "Hizballah" in by_name
    assert "Hamas" in by_name and "HAMAS" not in by_name
    assert "Armed Islamic Group" in by_name
    assert "al-Itihaad al-Islamiya" in by_name
    assert "IRGC Ground Forces" in by_name
    assert "Khalid bin al-Walid Army" in by_name
    assert "PKK" in by_name["Kurdistan Workers Party"]["aliases"]


def test_banks_companies_media_and_charities_are_left_out(built):
    words = {w for e in built for n in _names_of(e) for w in re.split(r"[^a-z]+", n.lower())}
    for word in ("bank", "sal", "airlines", "exchange", "trading", "tv", "supermarket", "charity", "sirketi"):
        assert word not in words, word
    names = " | ".join(n for e in built for n in _names_of(e)).lower()
    assert "al manar" not in names and "mahan air" not in names


def test_ambiguous_and_common_aliases_are_dropped(built):
    holders = {}
    for entry in built:
        for alias in entry["aliases"]:
            holders.setdefault(alias.casefold(), []).append(entry["name"])
    assert all(len(v) == 1 for v in holders.values()), {k: v for k, v in holders.items() if len(v) > 1}
    for common in ("the base", "the youth", "islamic jihad", "ansar al-sunna", "indonesia"):
        assert common not in holders
    assert all(len(a.replace(" ", "")) >= 3 for a in holders)


def test_the_output_is_deterministic_and_sorted(builder, built):
    ofac = shared_path("corpora", "ofac", "ofac_sdn_terrorism_entities.jsonl")
    cia = shared_path("corpora", "cia", "cia_world_factbook_terrorist_organizations_2025.json")
    assert builder.render(builder.build(ofac, cia)) == builder.render(built)
    assert [e["name"].casefold() for e in built] == sorted(e["name"].casefold() for e in built)
    assert all(set(e) == {"name", "aliases", "kind", "ids", "designations"} and e["kind"] == "group" for e in built)


def test_the_shipped_file_is_what_the_builder_produces(builder, built):
    shipped = files("tiewatch.extract").joinpath("data", "watchlist.json").read_text(encoding="utf-8")
    assert shipped == builder.render(built)
    assert json.loads(shipped)


def test_the_script_writes_the_file_and_reports_a_missing_source(builder, tmp_path, capsys):
    ofac = shared_path("corpora", "ofac", "ofac_sdn_terrorism_entities.jsonl")
    cia = shared_path("corpora", "cia", "cia_world_factbook_terrorist_organizations_2025.json")
    out = tmp_path / "wl.json"
    assert builder.main(["--ofac", str(ofac), "--cia", str(cia), "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))
    assert builder.main(["--ofac", str(tmp_path / "missing.jsonl"), "--cia", str(cia), "--out", str(out)]) == 2
    assert "does not exist" in capsys.readouterr().err
