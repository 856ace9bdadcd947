"""Scraped pages are hostile: everything is escaped, no javascript: links, and a CSP on every answer."""

from __future__ import annotations

import re

import pytest

from web.corpus import HOSTILE_TEXT

PAGES = ["/", "/graph", "/documents", "/sources", "/review", "/search?q=breaking", "/login", "/docs"]


@pytest.mark.parametrize("url", PAGES + ["/api/actors", "/static/tiewatch.css", "/api/nowhere"])
def test_every_answer_carries_the_security_headers(client, url):
    headers = client.get(url).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self';" in csp and "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-eval" not in csp and headers["x-content-type-options"] == "nosniff"


def _assert_inert(html: str) -> None:
    assert "<script>alert" not in html and "<img src=x" not in html and "<svg onload" not in html
    assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.I)
    assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", html)


def test_the_hostile_document_is_shown_as_text(client, world):
    html = client.get(f"/documents/{world.ids['hostile']}").text
    _assert_inert(html)
    assert "&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;Hostile" in html
    assert "javascript:alert(5)" not in html  # not a web address: not shown unless the server has --show-paths
    assert "javascript:alert(7)</dd>" in html


def test_with_show_paths_a_hostile_origin_is_plain_text(client, world):
    client.app.state.show_paths = True
    try:
        html = client.get(f"/documents/{world.ids['hostile']}").text
    finally:
        client.app.state.show_paths = False
    _assert_inert(html)
    assert '<span class="plain-origin">javascript:alert(5)</span>' in html


@pytest.mark.parametrize("page", ["tie", "actor", "brief", "search", "sources", "documents", "claim", "home"])
def test_hostile_text_stays_inert_wherever_it_appears(client, world, page):
    claim = world.store.claims_for_document(world.ids["hostile"])[0]
    url = {
        "tie": f"/ties/{world.ids['funds']}", "actor": f"/actors/{world.ids['Red Hand Cell']}",
        "brief": f"/actors/{world.ids['Red Hand Cell']}/brief", "search": "/search?q=breaking", "sources": "/sources", "documents": "/documents",
        "claim": f"/claims/{claim.id}", "home": "/",
    }[page]
    html = client.get(url).text
    _assert_inert(html)


def test_the_api_returns_hostile_text_unchanged_as_json(client, world):
    doc = client.get(f"/api/documents/{world.ids['hostile']}")
    assert doc.headers["content-type"].startswith("application/json")
    assert doc.json()["text"] == HOSTILE_TEXT
