"""One actor lookup for every command, route, watch rule and export: an id, a name in any case, an
alias, a folded spelling, a spelling the documents used, a unique part of a name; a near miss is
answered with the closest names."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import tests.export.sample as sample
from tests.export.sample import add_document, build_network
from tiewatch.alerts import add_rule, evaluate
from tiewatch.cli.app import app
from tiewatch.cli.show import dossier
from tiewatch.graph import refresh
from tiewatch.model import NotFound, ReviewError
from tiewatch.resolve import actor_ids, find_actor, merge
from tiewatch.store import WatchRule

SPELLINGS = {"Hizbollah": "group", "HAMAS": "group"}


@pytest.fixture
def network(store, monkeypatch):
    """The sample network, Hizballah written two ways and Hamas once in capitals."""
    monkeypatch.setattr(sample, "KINDS", {**sample.KINDS, **SPELLINGS})
    build_network(store)
    add_document(store, "Hizballah trained fighters of Sinai Province, officials said.",
                 [("Hizballah", "trains", "Sinai Province", "asserted", "Officials")], source="Reuters")
    add_document(store, "Hizbollah funds HAMAS, a report said.",
                 [("Hizbollah", "funds", "HAMAS", "asserted", "A report")], source="AFP")
    refresh(store)
    return store


@pytest.mark.parametrize("typed", ["Hizballah", "hizballah", "Hizbullah", "Hezbollah", "Hizbollah", "Party of God",
                                   "Lebanese Hezbollah"])
def test_every_spelling_finds_the_one_actor(network, typed):
    assert find_actor(network, typed).name == "Hizballah"


def test_an_id_a_spelling_the_documents_used_and_a_unique_part_of_a_name(network):
    hamas = find_actor(network, "Hamas")
    assert find_actor(network, str(hamas.id)).id == hamas.id
    assert "Also written: HAMAS" in dossier(network, hamas) and find_actor(network, "HAMAS").id == hamas.id
    assert find_actor(network, "Baghdadi").name == "Abu Bakr al-Baghdadi"


def test_a_near_miss_is_answered_with_the_closest_names(network):
    with pytest.raises(NotFound, match=r"no actor named 'Hamaz' — did you mean Hamas\?"):
        find_actor(network, "Hamaz")
    with pytest.raises(NotFound, match="did you mean Sinai Province"):
        find_actor(network, "Sinia Province")
    with pytest.raises(NotFound, match="`tiewatch actors` lists them"):
        find_actor(network, "Zzyzx Brigade")
    with pytest.raises(NotFound, match="no actor named '99999999999999999999'"):  # past what an id can be
        find_actor(network, "9" * 20)


def test_a_name_several_actors_share_is_refused_with_their_ids(network):
    with pytest.raises(ReviewError, match=r"'Islamic' names 4 actors: .*\(id \d+\).*give the id"):
        find_actor(network, "Islamic")


def test_a_merged_actor_leads_to_the_one_that_kept_it(network):
    merge(network, "Hamas", "Jund Ansar Allah")
    refresh(network)
    assert find_actor(network, "Jund Ansar Allah").name == "Hamas"
    assert find_actor(network, "Jund Ansar Allah", live=False).name == "Jund Ansar Allah"


def test_a_watch_rule_on_another_spelling_fires_for_the_actor(network):
    add_rule(network, WatchRule(name="hezbollah", actor="Hizbullah"))
    assert evaluate(network) == []  # what was already known is the baseline
    add_document(network, "Hizballah supplies weapons to Hamas, Egypt says.",
                 [("Hizballah", "supplies_weapons", "Hamas", "asserted", "Egypt")], source="Al-Ahram")
    refresh(network)
    assert [(a.rule, a.event, a.payload["tie"]["type"]) for a in evaluate(network)] == [
        ("hezbollah", "new_tie", "supplies_weapons")]


def test_a_rule_is_not_widened_to_names_containing_its_word(network):
    assert actor_ids(network, "Islamic", contained=False) == []
    add_rule(network, WatchRule(name="islamic", actor="Islamic"))
    add_document(network, "Hamas funds Sinai Province, officials said.",
                 [("Hamas", "funds", "Sinai Province", "asserted", "Officials")], source="Al-Ahram")
    refresh(network)
    assert evaluate(network) == []


@pytest.mark.parametrize("typed", ["Hizbullah", "Hizbollah", "party of god", "ID"])
def test_every_command_finds_the_actor_by_any_name_its_dossier_lists(network, db_url, tmp_path, typed):
    typed = str(find_actor(network, "Hizballah").id) if typed == "ID" else typed
    for args in (["show", typed], ["ties", "--actor", typed], ["path", typed, "Hamas"],
                 ["brief", "--actor", typed, "--out", str(tmp_path / "b.md")],
                 ["export", "csv", "--actor", typed, "--out", str(tmp_path / "csv")]):
        done = CliRunner().invoke(app, [*args, "--db", db_url])
        assert done.exit_code == 0, (args, done.output)
    assert "Hizballah" in (tmp_path / "b.md").read_text()
    done = CliRunner().invoke(app, ["watch", "add", "h", "--actor", typed, "--db", db_url])
    assert done.exit_code == 0 and "no actor called" not in done.output


def test_the_command_line_merges_two_watchlist_entries_only_with_force(network, db_url):
    refused = CliRunner().invoke(app, ["actors", "merge", "Hamas", "Hizbullah", "--db", db_url])
    assert "two watchlist entries" in str(refused.exception)  # main() prints it as one line
    forced = CliRunner().invoke(app, ["actors", "merge", "Hamas", "Hizbullah", "--force", "--db", db_url])
    assert forced.exit_code == 0, forced.output
    assert find_actor(network, "Party of God").name == "Hamas"
