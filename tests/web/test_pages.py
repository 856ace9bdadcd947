"""Every page, read as an analyst would: the overview, a dossier, a tie, a document, search, sources."""

from __future__ import annotations

import re

import pytest


def test_overview_counts_and_newest_ties(client, world):
    page = client.get("/")
    assert page.status_code == 200
    assert re.search(r"<strong>3</strong> actors", page.text) and re.search(r"<strong>3</strong> ties", page.text)
    assert 'href="/ties/%d"' % world.ids["supplies_weapons"] in page.text
    denials = page.text.split("Newest denials", 1)[1]
    assert "supplies weapons" in denials and "trains" not in denials


def test_dossier_groups_ties_and_shows_the_timeline(client, world):
    page = client.get(f"/actors/{world.ids['Kora Valley Front']}")
    assert page.status_code == 200
    assert "<h1>Kora Valley Front" in page.text
    groups = re.findall(r'<h3 class="tie-group">([^<]+)', page.text)
    assert [g.strip() for g in groups] == ["funds", "supplies weapons", "trains"]
    assert "2 claims, 1 denied · 2 sources" in page.text
    timeline = page.text.split("Timeline of claims", 1)[1]
    assert timeline.index("2024-05-02") < timeline.index("2024-04-10") < timeline.index("2024-03-01")
    assert 'data-src="/api/graph?actor=%d"' % world.ids["Kora Valley Front"] in page.text


def test_tie_puts_denials_beside_assertions(client, world):
    page = client.get(f"/ties/{world.ids['supplies_weapons']}").text
    assertions, denials = page.split("<h2>Denials", 1)
    assert "Officials in Niamey" in assertions and "Desert Wire" in assertions
    assert "The Black Banner Brigade denied that the Kora Valley Front supplied rifles to it." in denials
    assert "grade" in page and "2</strong> independent sources" in page
    assert re.search(r'href="/documents/%d#claim-\d+"' % world.ids["first"], page)


def test_document_highlights_each_evidence_span_linked_to_its_claim(client, world):
    claims = world.store.claims_for_document(world.ids["first"])
    page = client.get(f"/documents/{world.ids['first']}").text
    text = re.search(r'<div class="doc-text">(.*?)</div>', page, re.S).group(1)
    for claim in claims:
        assert f'id="claim-{claim.id}"' in text
        assert re.search(rf'<a class="evidence pol-{claim.polarity}[^"]*" href="/claims/{claim.id}"', text)
    plain = re.sub(r"<[^>]+>", "", text)
    assert plain == world.store.get_document(world.ids["first"]).text
    assert '<a class="evidence pol-denied mention subject"' in text


def test_search_finds_actors_by_alias_and_documents_by_words(client, world):
    page = client.get("/search", params={"q": "Tillaberi"}).text
    assert "Training camps near Tillaberi" in page and "No actor is called that." in page
    page = client.get("/search", params={"q": "banner"}).text
    assert f'href="/actors/{world.ids["Black Banner Brigade"]}"' in page
    assert "Type a name" in client.get("/search").text


def test_actors_index_filters_by_kind(client, world):
    page = client.get("/actors").text
    for name in ("Black Banner Brigade", "Kora Valley Front", "Red Hand Cell"):
        assert f'href="/actors/{world.ids[name]}">{name}</a>' in page
    assert "No actors yet." in client.get("/actors", params={"kind": "person"}).text
    assert client.get("/actors", params={"kind": "tank"}).status_code == 422


def test_sources_page_lists_grades(client, world):
    page = client.get("/sources").text
    assert "Sahel Monitor" in page and "Desert Wire" in page and "reliability cannot be judged" in page
    assert 'action="/sources/' not in page  # anonymous readers get no grading form


def test_documents_graph_review_and_docs_pages_render(client):
    for url in ("/documents", "/graph", "/review", "/login", "/docs"):
        assert client.get(url).status_code == 200, url
    graph = client.get("/graph", params={"type": "trains", "since": "2024-01-01", "min_sources": "x", "polarity": "?"}).text
    assert 'data-src="/api/graph?type=trains&amp;since=2024-01-01"' in graph


@pytest.mark.parametrize("url", ["/actors/999", "/ties/999", "/documents/999", "/claims/999"])
def test_unknown_ids_give_a_readable_404(client, url):
    page = client.get(url)
    assert page.status_code == 404 and "Not found" in page.text and "with id 999" in page.text


@pytest.mark.parametrize("url", ["/actors/abc", "/ties/-1", "/documents/0", "/claims/1.5"])
def test_malformed_ids_are_refused_without_a_traceback(client, url):
    page = client.get(url)
    assert page.status_code == 422 and "bad parameter" in page.text and "Traceback" not in page.text


def test_unknown_tie_type_in_the_explorer_is_explained(client):
    page = client.get("/graph", params={"type": "befriends"})
    assert page.status_code == 400 and "unknown tie type" in page.text
