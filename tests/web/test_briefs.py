"""An analyst opens an actor's dossier, clicks "Brief this actor", reads the brief (ties with their
quotes, denials beside them) and downloads it as Markdown; hostile text stays text, local files
stay unnamed, and a merged actor leads to the one that kept it."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tiewatch.graph import refresh
from tiewatch.model import Actor
from tiewatch.web import create_app
from tiewatch.web.routes.briefs import file_name
from web import corpus
from web.conftest import sign_in

QUOTE = "Officials in Niamey said the Kora Valley Front supplied rifles to the Black Banner Brigade."
DENIAL = "The Black Banner Brigade denied that the Kora Valley Front supplied rifles to it."
LOCAL_FILE = "cases/informant-notes.txt"


def _brief(page: str) -> str:
    """The brief itself as the page shows it."""
    return page.split('<article class="panel wide doc-rendered brief">', 1)[1].split("</article>", 1)[0]


def test_the_dossier_offers_the_brief(client, world):
    page = client.get(f"/actors/{world.ids['Kora Valley Front']}").text
    assert f'<a class="button" href="/actors/{world.ids["Kora Valley Front"]}/brief">Brief this actor</a>' in page


def test_the_brief_page_shows_each_tie_with_its_quotes_and_denials(client, world):
    actor_id = world.ids["Kora Valley Front"]
    page = client.get(f"/actors/{actor_id}/brief").text
    brief = _brief(page)
    assert "<h1>Ties of Kora Valley Front</h1>" in brief
    assert "<h2>Supplies weapons (1)</h2>" in brief and "<h2>Trains (1)</h2>" in brief and "<h2>Funds (1)</h2>" in brief
    assert f"<blockquote>\n<p>“{QUOTE}”</p>" in brief and f"<p>“{DENIAL}”</p>" in brief
    assert "<strong>Denied:</strong>" in brief and "Grade <strong>F3</strong>" in brief
    assert f'href="/actors/{actor_id}/brief.md" download>Download Markdown</a>' in page
    assert "<svg" in page  # the network beside it


def test_hostile_text_in_a_brief_stays_text(client, world):
    brief = _brief(client.get(f"/actors/{world.ids['Kora Valley Front']}/brief").text)
    assert "&lt;script&gt;alert('claimant')&lt;/script&gt;" in brief
    assert not re.search(r"<(script|img|b|svg)\b", brief)


def test_the_markdown_download_is_the_brief_as_a_file(client, world):
    answer = client.get(f"/actors/{world.ids['Kora Valley Front']}/brief.md")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/markdown; charset=utf-8"
    assert answer.headers["content-disposition"] == 'attachment; filename="tiewatch-brief-kora-valley-front.md"'
    assert answer.text.startswith("# Ties of Kora Valley Front\n")
    assert f"> “{QUOTE}”" in answer.text and "## Sources\n\n| Date | Document |" in answer.text
    assert "\\<script\\>alert('claimant')" in answer.text  # escaped as Markdown, not HTML


@pytest.mark.parametrize("name, expected", [
    ("Ḥarakat al-Shabāb al-Mujāhidīn", "tiewatch-brief-harakat-al-shabab-al-mujahidin.md"),
    ("حزب الله", "tiewatch-brief-actor-7.md"),
    ('../../"etc"/passwd\r\nSet-Cookie: x', "tiewatch-brief-etc-passwd-set-cookie-x.md"),
])
def test_the_download_is_named_safely_after_the_actor(name, expected):
    assert file_name(Actor(name=name, kind="group", id=7)) == expected


def test_an_unknown_actor_has_no_brief(client):
    for url in ("/actors/999999/brief", "/actors/999999/brief.md"):
        answer = client.get(url)
        assert answer.status_code == 404 and "text/html" in answer.headers["content-type"]
        assert "no actor with id 999999" in answer.text
    assert client.get("/actors/1/brief", params={"since": "last week"}).status_code == 422


def test_a_merged_actor_leads_to_the_brief_of_the_one_that_kept_it(client, world):
    kept, merged = world.ids["Kora Valley Front"], world.ids["Red Hand Cell"]
    answer = client.post(f"/api/actors/{kept}/merge", json={"other": str(merged)}, headers=world.auth("analyst"))
    assert answer.status_code == 200, answer.text
    for page in ("brief", "brief.md"):
        moved = client.get(f"/actors/{merged}/{page}", params={"since": "2024-01-01"})
        assert moved.status_code == 307 and moved.headers["location"] == f"/actors/{kept}/{page}?since=2024-01-01"


def test_an_actor_marked_not_an_actor_has_a_brief_without_ties(client, world):
    actor_id = world.ids["Red Hand Cell"]
    assert client.post(f"/api/actors/{actor_id}/not-an-actor", headers=world.auth("analyst")).status_code == 200
    page = client.get(f"/actors/{actor_id}/brief").text
    assert "Marked <strong>not an actor</strong>" in page and "tiewatch holds no ties for these actors." in page


@pytest.fixture
def from_a_file(world) -> int:
    """A claim about the Kora Valley Front read from a local file."""
    text = "The Kora Valley Front paid the Red Hand Cell in cash."
    doc = corpus.document(text, "Informant notes", "Desk", "2024-06-01", kind="text", origin=LOCAL_FILE)
    corpus.add(world.store, doc, [corpus.claim(text, text, corpus.KVF, "funds", "Red Hand Cell")])
    refresh(world.store)
    return world.ids["Kora Valley Front"]


def test_a_brief_names_a_local_file_only_when_the_server_shows_paths(client, world, from_a_file):
    for url in (f"/actors/{from_a_file}/brief", f"/actors/{from_a_file}/brief.md"):
        shown = client.get(url).text
        assert "Informant notes" in shown and LOCAL_FILE not in shown
    with_paths = TestClient(create_app(world.store, show_paths=True))
    assert LOCAL_FILE in with_paths.get(f"/actors/{from_a_file}/brief.md").text


def test_readers_of_a_locked_server_may_brief(locked, world):
    url = f"/actors/{world.ids['Kora Valley Front']}/brief"
    assert locked.get(url).status_code == 303
    sign_in(locked, world, "viewer")
    assert "Ties of Kora Valley Front" in locked.get(url).text
    assert locked.get(url + ".md").status_code == 200
