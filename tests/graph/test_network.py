"""The tie network: neighbours, shortest evidence-backed paths, centrality."""

import pytest

from tiewatch.graph import refresh
from tiewatch.graph.network import neighbours, paths, ranking
from tiewatch.resolve import find_actor
from tiewatch.resolve.watchlist import from_records

NONE = from_records([])


@pytest.fixture
def network(store, corpus):
    corpus.add("Iran supplied drones to Hezbollah.", ("Iran", "supplies_weapons", "Hezbollah", "asserted", ("state", "group")))
    corpus.add("Hezbollah trained the Houthis in Yemen.", ("Hezbollah", "trains", "Houthis"), source="Other")
    corpus.add("Hezbollah trained Kataib Hezbollah fighters.", ("Hezbollah", "trains", "Kataib Hezbollah"), source="Third")
    corpus.add("The Houthis denied that Iran funds them.", ("Iran", "funds", "Houthis", "denied", ("state", "group")),
               source="Saba")
    refresh(store, NONE)
    return store


def test_neighbours_are_actors_one_supported_tie_away(network):
    hezbollah = find_actor(network, "Hezbollah").id
    assert sorted(name for _, name, _ in neighbours(network, hezbollah)) == ["Houthis", "Iran", "Kataib Hezbollah"]
    iran = find_actor(network, "Iran").id
    assert [name for _, name, _ in neighbours(network, iran)] == ["Hezbollah"]


def test_a_path_goes_only_through_ties_some_source_supports(network):
    iran, houthis = find_actor(network, "Iran").id, find_actor(network, "Houthis").id
    [path] = paths(network, iran, houthis)
    assert [(h.source, h.tie.type, h.target) for h in path] == [
        ("Iran", "supplies_weapons", "Hezbollah"), ("Hezbollah", "trains", "Houthis")]
    assert path[1].quote.sentence == "Hezbollah trained the Houthis in Yemen."
    assert paths(network, iran, iran) == []


def test_the_broker_ranks_first(network):
    ranks = ranking(network)
    assert ranks[0].actor.name == "Hezbollah" and ranks[0].degree == 3
    assert {r.actor.name for r in ranks} == {"Hezbollah", "Iran", "Houthis", "Kataib Hezbollah"}
