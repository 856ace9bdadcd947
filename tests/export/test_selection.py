"""What an export covers: by default only the actors some exported tie joins, never a name that
was only mentioned ("2nd Floor", "Liverpool"); `--all-actors` asks for every one."""

import hashlib
import json

from typer.testing import CliRunner

from tiewatch.cli.app import app
from tiewatch.graph import refresh
from tiewatch.model import Document, Mention


def _mention_only(store) -> None:
    text = "The meeting was held on the 2nd Floor of a hotel in Liverpool."
    doc = Document(text=text, kind="text", origin="minutes.txt", sha256=hashlib.sha256(text.encode()).hexdigest())
    store.add_document(doc, [Mention("Liverpool", text.index("Liverpool"), len(text) - 1, "place")], [])
    refresh(store)


def _names(path):
    return {o.get("name") for o in json.loads(path.read_text())["objects"]}


def test_an_actor_no_tie_joins_stays_out_unless_asked(network, tmp_path):
    _mention_only(network)
    assert "Liverpool" in {a.name for a in network.list_actors()}
    runner = CliRunner()
    assert runner.invoke(app, ["export", "stix", "--out", str(tmp_path / "b.json"), "--db", network.url]).exit_code == 0
    names = _names(tmp_path / "b.json")
    assert "Liverpool" not in names and "Hamas" in names
    every = runner.invoke(app, ["export", "stix", "--all-actors", "--out", str(tmp_path / "all.json"), "--db", network.url])
    assert every.exit_code == 0 and "Liverpool" in _names(tmp_path / "all.json")
