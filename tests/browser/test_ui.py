"""The UI in real headless Chromium: graph, dossier, evidence, review by role, hostile documents."""

from __future__ import annotations

import pytest

from browser.conftest import shoot, sign_in

pytestmark = pytest.mark.browser


def _wait_for_graph(tab) -> None:
    tab.wait_for_selector("#graph[data-ready=true]", timeout=20000)


def _point(tab, label: str | None = None) -> dict:
    """Where Cytoscape drew the node labelled `label` (or, without one, the first edge's middle)."""
    return tab.evaluate(
        """(label) => {
            const cy = window.tiewatchGraph;
            const pos = label ? cy.nodes().filter(n => n.data('label') === label)[0].renderedPosition()
                              : cy.edges()[0].renderedMidpoint();
            const box = cy.container().getBoundingClientRect();
            return {x: box.left + pos.x, y: box.top + pos.y};
        }""",
        label,
    )


def _click_node(tab, label: str, double: bool = False) -> None:
    point = _point(tab, label)
    (tab.mouse.dblclick if double else tab.mouse.click)(point["x"], point["y"])


def test_graph_renders_one_edge_per_pair_and_a_node_opens_the_dossier(page, live):
    page.goto(live["url"] + "/graph")
    _wait_for_graph(page)
    counts = page.evaluate("() => [window.tiewatchGraph.nodes().length, window.tiewatchGraph.edges().length]")
    assert counts == [3, 2]
    assert "3 actors, 3 ties between 2 pairs" in page.inner_text("#graph-status")
    assert page.locator(".legend", has_text="group").is_visible()
    shoot(page, "graph")
    _click_node(page, "Kora Valley Front")
    details = page.locator("#graph-details")
    details.wait_for(state="visible")
    assert "Kora Valley Front" in details.inner_text() and "2 tied actors" in details.inner_text()
    _click_node(page, "Kora Valley Front", double=True)
    page.wait_for_url(f"{live['url']}/actors/{live['ids']['Kora Valley Front']}")
    assert page.inner_text("h1").startswith("Kora Valley Front")
    _wait_for_graph(page)
    shoot(page, "dossier")
    assert not page.errors and not page.dialogs


def test_the_layout_is_the_same_on_every_load(page, live, browser):
    def positions(tab):
        tab.goto(live["url"] + "/graph")
        _wait_for_graph(tab)
        return tab.evaluate("() => window.tiewatchGraph.nodes().map(n => [n.data('label'), n.position()])")

    first = positions(page)
    assert positions(page) == first  # kept in this browser
    fresh = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    assert positions(fresh) == first  # and laid out alike in a browser that never saw it
    fresh.context.close()


def test_search_focuses_an_actor_and_kinds_can_be_hidden(page, live):
    page.goto(live["url"] + "/graph")
    _wait_for_graph(page)
    page.fill("#graph-search", "red hand")
    page.press("#graph-search", "Enter")
    assert "Red Hand Cell" in page.locator("#graph-details").inner_text()
    faded = page.evaluate("() => window.tiewatchGraph.nodes('.faded').map(n => n.data('label'))")
    assert faded == ["Black Banner Brigade"]  # not a neighbour of the Red Hand Cell
    page.fill("#graph-search", "Hamas")
    page.press("#graph-search", "Enter")
    assert "No actor named “Hamas” in this graph" in page.inner_text("#graph-status")
    page.click("#graph-clear")
    page.uncheck(".kind-toggles input[data-kind=group]")
    assert page.evaluate("() => window.tiewatchGraph.nodes().filter(n => n.style('display') !== 'none').length") == 0
    page.check(".kind-toggles input[data-kind=group]")
    assert page.evaluate("() => window.tiewatchGraph.nodes().filter(n => n.style('display') !== 'none').length") == 3
    assert not page.errors


def test_expanding_a_neighbour_adds_its_ties(page, live):
    page.goto(f"{live['url']}/graph?actor={live['ids']['Red Hand Cell']}")
    _wait_for_graph(page)
    assert page.evaluate("() => window.tiewatchGraph.nodes().length") == 2
    _click_node(page, "Kora Valley Front")
    page.click("#graph-details button:has-text('Expand neighbours')")
    page.wait_for_function("() => window.tiewatchGraph.nodes().length === 3")
    assert "1 added from Kora Valley Front" in page.inner_text("#graph-status")
    shoot(page, "graph-expanded")
    assert not page.errors


def test_graph_filter_narrows_the_edges(page, live):
    page.goto(live["url"] + "/graph")
    page.select_option("select[name=type]", "trains")
    page.click("form.graph-filter button[type=submit]")
    _wait_for_graph(page)
    assert page.evaluate("() => window.tiewatchGraph.edges().map(e => e.data('types'))") == [["trains"]]


def test_two_clicks_from_an_actor_to_the_highlighted_sentence(page, live):
    page.goto(f"{live['url']}/actors/{live['ids']['Black Banner Brigade']}")
    page.click(f"a.tie-link[href='/ties/{live['ids']['supplies_weapons']}']")
    quote = "Officials in Niamey said the Kora Valley Front supplied rifles to the Black Banner Brigade."
    assert page.locator("blockquote.quote", has_text=quote).is_visible()
    assert page.locator(".denials blockquote.quote").count() == 1
    shoot(page, "tie")
    page.locator("article.claim", has_text=quote).locator("a.in-document").click()
    page.wait_for_url(f"**/documents/{live['ids']['first']}#claim-*")
    highlighted = page.locator(".doc-text a.evidence").all_inner_texts()
    assert quote in "".join(highlighted)
    assert page.locator(".doc-text a.evidence.pol-denied").count() >= 1
    shoot(page, "document")
    assert not page.errors and not page.dialogs


def test_an_analysts_rejection_changes_what_a_viewer_sees(browser, live):
    analyst = browser.new_page()
    sign_in(analyst, live, "analyst")
    claim = next(c for c in live["store"].claims_for_tie(live["ids"]["supplies_weapons"]) if c.claimant == "Desert Wire")
    analyst.goto(f"{live['url']}/claims/{claim.id}")
    analyst.click("button.reject")
    analyst.wait_for_selector(".flash")
    assert "reject recorded" in analyst.inner_text(".flash")
    shoot(analyst, "claim-rejected")
    viewer = browser.new_page()
    sign_in(viewer, live, "viewer")
    viewer.goto(f"{live['url']}/ties/{live['ids']['supplies_weapons']}")
    assert "1</strong> independent source" in viewer.content()
    assertions = viewer.locator("section.panel", has=viewer.locator("h2", has_text="Assertions"))
    assert "Desert Wire" not in assertions.inner_text()
    viewer.goto(f"{live['url']}/claims/{claim.id}")
    assert "reject" in viewer.inner_text("ul.history") and viewer.locator("button.reject").count() == 0
    analyst.close()
    viewer.close()


def test_a_viewers_review_attempt_is_refused(page, live):
    sign_in(page, live, "viewer")
    claim = live["store"].claims_for_tie(live["ids"]["trains"])[0]
    page.goto(f"{live['url']}/claims/{claim.id}")
    assert "Only analysts can review claims." in page.inner_text("aside")
    status = page.evaluate(
        """async (id) => {
            const r = await fetch('/api/claims/' + id + '/review', {method: 'POST',
                headers: {'Content-Type': 'application/json'}, body: JSON.stringify({action: 'reject'})});
            return [r.status, (await r.json()).error];
        }""",
        claim.id,
    )
    assert status[0] == 403 and "only an analyst" in status[1]
    assert live["store"].get_claim(claim.id).status == "pending"


def test_a_hostile_document_executes_nothing(page, live):
    doc_id = live["ids"]["hostile"]
    for url in (f"/documents/{doc_id}", f"/ties/{live['ids']['funds']}", "/search?q=breaking", "/sources", "/documents"):
        page.goto(live["url"] + url)
        page.wait_for_load_state("load")
    page.goto(f"{live['url']}/documents/{doc_id}")
    assert "<script>alert('text')</script>" in page.inner_text(".doc-text")
    assert page.inner_text("h1").startswith('<script>alert("title")</script>')
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.locator("img, svg, script:not([src])").count() == 0
    page.click(".doc-text a.evidence")
    page.wait_for_load_state("load")
    shoot(page, "hostile-claim")
    assert page.dialogs == [] and page.errors == []


def test_api_docs_render_offline_under_the_csp(page, live):
    page.goto(live["url"] + "/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=20000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/ties" in p for p in paths) and any("/api/graph" in p for p in paths)
    shoot(page, "api-docs")
    assert page.errors == []


def test_clicking_an_edge_lists_the_ties_of_the_pair(page, live):
    page.goto(live["url"] + "/graph?type=trains")
    _wait_for_graph(page)
    point = _point(page)
    page.mouse.click(point["x"], point["y"])
    page.locator("#graph-details").wait_for(state="visible")
    page.click("#graph-details a:has-text('Kora Valley Front trains Black Banner Brigade')")
    page.wait_for_url(f"{live['url']}/ties/{live['ids']['trains']}")
    assert "trains" in page.inner_text("h1")
    assert page.locator("blockquote.quote", has_text="Instructors of the Kora Valley Front").is_visible()


def test_channel_page_says_when_there_is_no_structure(page, live):
    page.goto(live["url"] + "/channels")
    _wait_for_graph(page)
    assert "No channel structure yet" in page.inner_text("#graph-status")
    assert page.errors == []


def test_the_review_queue_is_worked_from_the_keyboard(page, live):
    sign_in(page, live, "analyst")
    page.goto(live["url"] + "/review/queue")
    assert "5 claims waiting" in page.inner_text("h1")
    assert page.get_attribute(".queue-item.selected", "data-claim") == page.get_attribute(".queue-item", "data-claim")
    page.keyboard.press("j")
    second = page.get_attribute(".queue-item.selected", "data-claim")
    assert second == page.locator(".queue-item").nth(1).get_attribute("data-claim")
    shoot(page, "review-queue")
    page.keyboard.press("x")  # the page posts and comes back to the same address: wait for the new one
    page.locator("p.flash", has_text=f"Claim {second}: reject").wait_for()
    assert "4 claims waiting" in page.inner_text("h1")
    assert live["store"].claim_review_state(int(second))["status"] == "rejected"
    assert not page.errors
