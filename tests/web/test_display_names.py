"""Actors are shown by short names: an analyst's display name, else, for a long official name, the
spelling the documents use most; the name on record stays and still finds the actor."""

from __future__ import annotations

import hashlib

from typer.testing import CliRunner

from tiewatch.cli.app import app
from tiewatch.graph import refresh
from tiewatch.model import Claim, Document, Mention
from web.conftest import csrf_of, sign_in

OFFICIAL = "Islamic State of Iraq and ash-Sham - Sinai Province"


def _sinai(store) -> int:
    """ISIS Sinai, which the bundled OFAC watchlist names officially, written "ISIS Sinai" twice."""
    text = "ISIS Sinai smuggled rifles to Hamas. Hamas treated the wounded of ISIS Sinai. Sinai fighters came too."
    doc = Document(text=text, kind="text", origin="letter.txt", sha256=hashlib.sha256(text.encode()).hexdigest())
    ments = [Mention("ISIS Sinai", 0, 10, "group"), Mention("Hamas", 30, 35, "group"),
             Mention("Hamas", 37, 42, "group"), Mention("ISIS Sinai", 66, 76, "group"), Mention("Sinai", 78, 83, "group")]
    claim = Claim(ments[0], ments[1], "supplies_weapons", "asserted", "the author", text[:36], 0, 36, "test", 0.9)
    store.add_document(doc, ments, [claim])
    refresh(store)
    (actor,) = [a for a in store.list_actors() if a.name == OFFICIAL]  # the bundled watchlist's name for it
    actor_id = actor.id
    return actor_id


def test_a_long_official_name_is_shown_by_the_documents_spelling(client, world):
    actor_id = _sinai(world.store)
    labels = {n["data"]["label"] for n in client.get("/api/graph").json()["nodes"]}
    assert "ISIS Sinai" in labels and OFFICIAL not in labels
    body = client.get(f"/api/actors/{actor_id}").json()
    assert body["name"] == OFFICIAL and body["label"] == "ISIS Sinai"
    assert "Name on record: " + OFFICIAL in client.get(f"/actors/{actor_id}").text


def test_an_analyst_names_it_and_undo_brings_the_old_label_back(client, world):
    actor_id = _sinai(world.store)
    sign_in(client, world, "analyst")
    page = client.get(f"/actors/{actor_id}").text
    assert client.post(f"/actors/{actor_id}/name", data={"name": "ISIS Sinai Province", "csrf": csrf_of(page)}).status_code == 303
    assert "ISIS Sinai Province" in {n["data"]["label"] for n in client.get("/api/graph").json()["nodes"]}
    shown = CliRunner().invoke(app, ["show", OFFICIAL, "--db", world.store.url])
    assert shown.output.startswith("ISIS Sinai Province") and "Name on record: " + OFFICIAL in shown.output
    entry = client.get("/api/reviews").json()["items"][0]
    assert entry["action"] == "display-name" and entry["after"]["display_name"] == "ISIS Sinai Province"
    assert client.post(f"/api/reviews/{entry['id']}/undo", headers=world.auth("analyst")).status_code == 200
    assert client.get(f"/api/actors/{actor_id}").json()["label"] == "ISIS Sinai"
