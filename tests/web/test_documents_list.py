"""The documents list names each document as evidence cites it (title, else web address, else
"untitled document #N"), never by a local file unless the server shows paths, and gives its
publisher, date, kind and how many claims were found in it."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from tiewatch.web import create_app
from web import corpus


def _rows(page: str) -> dict[str, list[str]]:
    """The list's rows as {document link text: [publisher, published, kind, claims]}."""
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        name = html.unescape(re.search(r'<a href="/documents/\d+">([^<]*)</a>', row).group(1))
        rows[name] = cells[1:]
    return rows


@pytest.fixture
def untitled(world) -> dict[str, int]:
    """Two documents with no title: one read from a local file, one from a web page."""
    made = {}
    for key, origin in (("file", "cases/informant-notes.txt"), ("web", "https://wire.example/item/9")):
        doc = corpus.document(f"Notes {key} without a heading.", None, "Desk", "2024-06-0" + str(len(made) + 1),
                              kind="text", origin=origin)
        made[key] = corpus.add(world.store, doc, [])
    return made


def test_each_document_is_listed_by_its_label_with_publisher_date_kind_and_claims(client, world, untitled):
    page = client.get("/documents").text
    rows = _rows(page)
    assert rows["Rifles reach the Black Banner Brigade"] == ["Sahel Monitor", "2024-03-01", "html", "2"]
    assert rows["Training camps near Tillaberi"] == ["Desert Wire", "2024-04-10", "html", "2"]
    assert rows[f"untitled document #{untitled['file']}"] == ["Desk", "2024-06-01", "text", "0"]
    assert rows["https://wire.example/item/9"] == ["Desk", "2024-06-02", "text", "0"]
    assert "informant-notes" not in page


def test_the_api_list_gives_the_same_label_and_count(client, untitled):
    items = {i["id"]: i for i in client.get("/api/documents").json()["items"]}
    assert items[untitled["file"]]["label"] == f"untitled document #{untitled['file']}"
    assert items[untitled["file"]]["origin"] is None and items[untitled["file"]]["claims"] == 0


def test_a_server_showing_paths_lists_the_file_beside_the_label(world, untitled):
    page = TestClient(create_app(world.store, show_paths=True)).get("/documents").text
    assert f"untitled document #{untitled['file']}" in page
    assert '<div class="origin">cases/informant-notes.txt</div>' in page


def test_an_empty_store_says_how_to_fill_it(store):
    page = TestClient(create_app(store)).get("/documents").text
    assert "Nothing stored yet" in page and "tiewatch ingest PATH" in page
