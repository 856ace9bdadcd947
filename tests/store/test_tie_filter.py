"""One filter picks ties for the table, the graph and downloads: dates, pairs, sorting, counting."""

import pytest

from tiewatch.model import TieFilter
from web import corpus


@pytest.fixture
def ids(store):
    return corpus.build(store)


def _types(ties):
    return [t.type for t in ties]


def test_a_date_range_keeps_ties_a_source_dates_inside_it(store, ids):
    # supplies_weapons is dated 2024-03-01..2024-04-10, trains 2024-04-10, funds 2024-05-02
    assert sorted(_types(store.list_ties(TieFilter(seen_until="2024-03-31")))) == ["supplies_weapons"]
    assert sorted(_types(store.list_ties(TieFilter(seen_from="2024-04-10", seen_until="2024-04")))) == ["supplies_weapons", "trains"]
    assert _types(store.list_ties(TieFilter(seen_from="2024-05"))) == ["funds"]
    assert store.count_ties(TieFilter(seen_from="2025")) == 0
    # the date range is applied before a limit: the newest tie is not what fills the page
    assert _types(store.list_ties(TieFilter(seen_until="2024-03"), limit=1)) == ["supplies_weapons"]


def test_the_ties_between_two_actors_whichever_way_they_point(store, ids):
    kvf, bbb, red = ids[corpus.KVF], ids[corpus.BBB], ids["Red Hand Cell"]
    assert sorted(_types(store.list_ties(TieFilter(actor_id=bbb, other_id=kvf)))) == ["supplies_weapons", "trains"]
    assert _types(store.list_ties(TieFilter(actor_id=kvf, other_id=red))) == ["funds"]
    assert store.count_ties(TieFilter(actor_id=bbb, other_id=red)) == 0
    assert store.count_ties(TieFilter(actor_id=kvf)) == 3 and store.count_ties() == 3


def test_sorting_by_each_key_and_both_ways(store, ids):
    by_sources = store.list_ties(TieFilter(order="sources"))
    assert by_sources[0].type == "supplies_weapons" and by_sources[0].sources == 2
    assert _types(store.list_ties(TieFilter(order="first_seen"))) == ["funds", "trains", "supplies_weapons"]
    assert _types(store.list_ties(TieFilter(order="first_seen", descending=False))) == ["supplies_weapons", "trains", "funds"]
    assert [t.subject for t in store.list_ties(TieFilter(order="subject", descending=False))][0] == corpus.KVF
    assert _types(store.list_ties(TieFilter(order="type", descending=False))) == ["funds", "supplies_weapons", "trains"]
    assert len(store.list_ties(TieFilter(order="grade"))) == 3
    assert _types(store.list_ties(TieFilter(order="claims")))[0] == "supplies_weapons"


def test_a_filter_refuses_what_it_cannot_mean():
    with pytest.raises(ValueError, match="unknown order"):
        TieFilter(order="colour")
    with pytest.raises(ValueError, match="unknown polarity"):
        TieFilter(polarity="maybe")
    assert TieFilter(actor_id=3).narrows and not TieFilter(order="type").narrows
