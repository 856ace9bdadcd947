"""`tiewatch export` as a user runs it: formats, filters, and one-line errors."""

import json
import subprocess
import sys
from pathlib import Path

from lxml import etree
from stix2validator import ValidationOptions, validate_file
from typer.testing import CliRunner

from tests.export.sample import build_network
from tiewatch.cli.app import app
from tiewatch.store import Store

TIEWATCH = str(Path(sys.executable).parent / "tiewatch")


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def sample_db(url):
    store = Store(url)
    build_network(store)
    store.close()
    return url


def test_export_each_format_from_the_command_line(db_url, tmp_path):
    sample_db(db_url)
    for fmt, name in [("stix", "b.json"), ("gexf", "g.gexf"), ("graphml", "g.graphml"), ("ftm", "f.jsonl"),
                      ("csv", "tables"), ("gephi", "gephi"), ("jsonl", "all.jsonl")]:
        result = run("export", fmt, "--out", str(tmp_path / name), "--db", db_url)
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).exists()
    assert validate_file(str(tmp_path / "b.json"), ValidationOptions(version="2.1")).is_valid
    assert len(list(etree.parse(str(tmp_path / "g.graphml")).iter("{http://graphml.graphdrawing.org/xmlns}edge"))) == 8
    assert (tmp_path / "tables" / "claims.csv").exists() and (tmp_path / "gephi" / "edges.csv").exists()


def test_filters_profile_and_tlp(db_url, tmp_path):
    sample_db(db_url)
    result = run("export", "stix", "--out", str(tmp_path / "b.json"), "--actor", "Hamas", "--type", "smuggles_for",
                 "--profile", "opencti", "--tlp", "amber+strict", "--db", db_url)
    assert result.exit_code == 0, result.output
    objects = json.loads((tmp_path / "b.json").read_text())["objects"]
    (rel,) = [o for o in objects if o["type"] == "relationship"]
    assert rel["relationship_type"] == "related-to" and rel["labels"] == ["smuggles_for"]
    assert any(o.get("name") == "TLP:AMBER+STRICT" for o in objects)


def test_bad_input_is_one_line_and_non_zero(sqlite_url, tmp_path):
    sample_db(sqlite_url)
    for args, message in [
        (["export", "docx", "--out", str(tmp_path / "x")], "no exporter named 'docx'"),
        (["export", "csv", "--out", str(tmp_path / "x"), "--actor", "Nobody"], "no actor named 'Nobody'"),
        (["export", "stix", "--out", str(tmp_path / "x"), "--tlp", "white"], "unknown TLP level"),
    ]:
        proc = subprocess.run([TIEWATCH, *args, "--db", sqlite_url],
                              capture_output=True, text=True)
        assert proc.returncode != 0
        assert message in proc.stderr and "Traceback" not in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
