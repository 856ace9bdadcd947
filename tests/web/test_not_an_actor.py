"""A name that is no actor (a doctrine, a demonym) is marked so: its mentions stay, its claims stop
making ties, it leaves lists, the graph and exports, and undo brings everything back."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tiewatch.cli.app import app
from tiewatch.store import Store
from tiewatch.web import create_app
from web.conftest import csrf_of, sign_in

runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def _names(url: str, *args: str) -> set[str]:
    rows = [json.loads(line) for line in run("ties", "--format", "jsonl", "--db", url, *args).output.splitlines()]
    return {r["subject"] for r in rows} | {r["object"] for r in rows}


def test_marking_not_an_actor_takes_its_ties_away_and_undo_restores_them(tmp_path, world):
    """From the command line."""
    url = world.store.url
    assert "Red Hand Cell" in _names(url)
    result = run("actors", "not-an-actor", "Red Hand Cell", "--why", "a slogan", "--db", url)
    assert "marked not an actor" in result.output
    assert "Red Hand Cell" not in _names(url)
    store = Store(url)
    assert "Red Hand Cell" not in {a.name for a in store.list_actors()}
    assert store.actor_mentions(world.ids["Red Hand Cell"])  # its mentions stay, marked by the actor they point to
    run("export", "stix", "--out", str(tmp_path / "g.json"), "--db", url)
    assert "Red Hand Cell" not in (tmp_path / "g.json").read_text()
    entry = int(result.output.rsplit("actors undo ", 1)[1].split("`")[0])
    run("actors", "undo", str(entry), "--db", url)
    assert "Red Hand Cell" in _names(url)


def test_two_clicks_in_the_dossier_and_undo_from_the_review_log(world):
    client = TestClient(create_app(world.store), follow_redirects=False)
    sign_in(client, world, "analyst")
    actor_id = world.ids["Red Hand Cell"]
    page = client.get(f"/actors/{actor_id}").text
    assert "Not an actor" in page
    assert "Red Hand Cell" in {n["data"]["label"] for n in client.get("/api/graph").json()["nodes"]}
    assert client.post(f"/actors/{actor_id}/not-an-actor", data={"csrf": csrf_of(page)}).status_code == 303
    page = client.get(f"/actors/{actor_id}").text
    assert "Marked <strong>not an actor</strong>" in page and ">Not an actor</button>" not in page
    assert "Red Hand Cell" not in {n["data"]["label"] for n in client.get("/api/graph").json()["nodes"]}
    assert client.get("/api/actors", params={"q": "Red Hand"}).json()["items"] == []
    entry = client.get("/api/reviews").json()["items"][0]
    assert entry["action"] == "not-an-actor"
    again = client.post(f"/api/actors/{actor_id}/not-an-actor", headers=world.auth("analyst"))
    assert again.status_code == 400 and "already marked not an actor" in again.json()["error"]
    undone = client.post(f"/api/reviews/{entry['id']}/undo", headers=world.auth("analyst"))
    assert undone.status_code == 200, undone.text
    assert any(a["name"] == "Red Hand Cell" for a in client.get("/api/actors", params={"q": "Red Hand"}).json()["items"])
