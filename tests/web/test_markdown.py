"""A document read from a Markdown file is shown rendered, hostile Markdown comes out inert, and
the evidence view (the stored text with each claim's sentence highlighted) is one click away."""

from __future__ import annotations

import re

import pytest

from tiewatch.graph import refresh
from tiewatch.ingest import Blob
from tiewatch.ingest.inputs import documents_of
from tiewatch.web.markdown import to_html
from web import corpus

SENTENCE = "The Kora Valley Front trained the Red Hand Cell near Agadez."
BRIEFING = f"""# Field notes on Agadez

Collected by the desk. See [the map](https://maps.example/agadez) or [write](mailto:desk@example.org).

- {SENTENCE}
- Nothing else moved.
"""
HOSTILE = """# Report <script>alert('h1')</script>

<script>alert(1)</script>

<div onclick="alert(2)"><b>raw block</b></div>

Click [here](javascript:alert(3)) or [there](JAVASCRIPT:alert(4)) or [data](data:text/html;base64,PHNjcmlwdD4=)
or <javascript:alert(5)> or [relative](../../admin).

![tracker](https://tracker.example/pixel.gif) <img src=x onerror=alert(6)>

[ref]: javascript:alert(7)
"""


def _tags(html: str) -> list[str]:
    return re.findall(r"<([a-zA-Z0-9]+)", html)


def _hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


def _text_panel(page: str) -> str:
    """The document's text as the page shows it (its header and sidebar left out)."""
    return page.split('<section class="panel wide">', 1)[1].split("</section>", 1)[0]


def test_hostile_markdown_comes_out_inert():
    html = to_html(HOSTILE)
    assert set(_tags(html)) <= {"h1", "p", "a"}
    assert _hrefs(html) == ["https://tracker.example/pixel.gif"]  # the image, as a link: never loaded
    assert "[image: tracker]" in html and "<img" not in html and "<script" not in html and "<div" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # raw HTML is shown as the text it is
    assert not [tag for tag in re.findall(r"<[a-zA-Z][^>]*>", html) if re.search(r"\son\w+=", tag)]


def test_markdown_links_keep_to_the_web_and_mail():
    html = to_html("[a](https://x.example/?q=1&r=2) [b](http://y.example) [c](mailto:desk@example.org) [d](/users)")
    assert _hrefs(html) == ["https://x.example/?q=1&amp;r=2", "http://y.example", "mailto:desk@example.org"]
    assert html.count('rel="nofollow noopener noreferrer"') == 3 and "[d](/users)" in html


@pytest.fixture
def briefing(world) -> int:
    """A Markdown file read by the real text reader, with one claim over a list item."""
    doc = next(documents_of(Blob(BRIEFING.encode(), "cases/agadez.md", name="agadez.md")))
    assert doc.kind == "text" and doc.metadata["format"] == "markdown"
    doc_id = corpus.add(world.store, doc, [
        corpus.claim(doc.text, SENTENCE, corpus.KVF, "trains", "Red Hand Cell", claimant="the desk"),
    ])
    refresh(world.store)
    return doc_id


def test_a_markdown_document_is_shown_rendered_with_its_claim_marked(client, briefing):
    whole = client.get(f"/documents/{briefing}").text
    page = _text_panel(whole)
    assert "<h1>Field notes on Agadez</h1>" in page and "<li" in page
    assert '<a href="https://maps.example/agadez" rel="nofollow noopener noreferrer">the map</a>' in page
    claim_id = client.get(f"/api/documents/{briefing}").json()["claims"][0]["id"]
    mark = re.search(r'<li class="has-evidence"><a class="claim-mark" id="claim-(\d+)" href="([^"]+)">', page)
    assert mark and int(mark.group(1)) == claim_id
    assert mark.group(2) == f"/documents/{briefing}?view=text#claim-{claim_id}"
    assert f'href="/documents/{briefing}?view=text">Evidence view</a>' in page
    assert "cases/agadez.md" not in whole  # a local path stays off the page without --show-paths


def test_the_evidence_view_highlights_the_sentence_in_the_stored_text(client, briefing):
    page = _text_panel(client.get(f"/documents/{briefing}", params={"view": "text"}).text)
    assert "# Field notes on Agadez" in page and "<h1>Field notes" not in page
    evidence = re.search(r'<a class="evidence pol-asserted[^"]*" href="/claims/(\d+)"[^>]*>([^<]+)</a>', page)
    assert evidence and evidence.group(2) in SENTENCE
    assert f'href="/documents/{briefing}">Rendered</a>' in page
    assert client.get(f"/documents/{briefing}", params={"view": "raw"}).status_code == 422


def test_a_document_not_from_markdown_has_no_rendered_view(client, world):
    doc = world.store.get_document(world.ids["first"])
    doc_id = corpus.add(world.store, corpus.document("# Not a heading\n\n" + doc.text.replace("Niamey", "Dosso"),
                                                     "Plain notes", "Sahel Monitor", "2024-03-02", kind="text"), [])
    page = client.get(f"/documents/{doc_id}").text
    assert "# Not a heading" in page and "Evidence view" not in page and "doc-rendered" not in page
