"""The extractor registry and the `tiewatch extract` command, as a user meets them."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tiewatch.cli.app import app
from tiewatch.extract import extractors, get_extractor
from tiewatch.model import ExtractError


def test_rules_extractor_is_registered_through_its_entry_point():
    assert "rules" in extractors.names()
    assert extractors.get("rules").name == "rules"


def test_unknown_extractor_is_a_one_line_error():
    with pytest.raises(ExtractError, match="no tiewatch.extractors entry named 'llm'"):
        get_extractor("llm")


@pytest.mark.slow
def test_extract_command_prints_one_json_object_per_claim(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text(
        "Officials in Niamey said the Kivu Liberation Front supplied rifles to Jamaat Nusrat al-Sahel.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["subject"], r["type"], r["object"], r["polarity"], r["claimant"]) for r in records] == [
        ("Kivu Liberation Front", "supplies_weapons", "Jamaat Nusrat al-Sahel", "asserted", "Officials in Niamey")
    ]
    record = records[0]
    assert record["source"] == str(path)
    text = path.read_text(encoding="utf-8")
    assert text[record["start"]:record["end"]] == record["sentence"]
    assert text[record["subject_start"]:record["subject_end"]] == "Kivu Liberation Front"


@pytest.mark.slow
def test_extract_command_table_and_missing_file(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text("Hamas denied supplying weapons to the Kivu Liberation Front.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "table"])
    assert result.exit_code == 0
    assert "denied" in result.output and "supplies_weapons" in result.output
    missing = CliRunner().invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert missing.exit_code != 0
