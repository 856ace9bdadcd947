"""The `learned` extractor, the default: as a user meets it on the command line, on the founding
document, on the bundled examples' denials, and the model file it reads."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.conftest import shared_path
from tiewatch.cli.app import app
from tiewatch.extract import DEFAULT_EXTRACTOR, extractors, get_extractor
from tiewatch.extract.classifier import read_model, shipped_path, tie_model
from tiewatch.model import ExtractError

pytestmark = pytest.mark.slow
runner = CliRunner()


def test_learned_is_the_default_and_registered_like_a_plugin():
    assert DEFAULT_EXTRACTOR == "learned" and extractors.get("learned").name == "learned"
    assert get_extractor().name == "learned"


def test_extract_on_a_real_press_release_paragraph_prints_whole_named_ties(tmp_path):
    rows = [json.loads(line) for line in shared_path("corpora", "treasury", "treasury_ct_press_releases.jsonl").open()]
    text = next(r["text"] for r in rows if "al-Nusrah Front (ANF) leadership officials" in r["text"])
    path = tmp_path / "release.md"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    claims = [json.loads(line) for line in result.output.splitlines()]
    assert claims and {c["extractor"] for c in claims} == {"learned"}
    ties = {(c["subject"], c["type"], c["object"]) for c in claims}
    assert any(s == "Iyad Nazmi Salih Khalil" and t in ("member_of", "leads") for s, t, _o in ties), ties
    from tiewatch.ingest import Item, read_item

    (stored,) = read_item(Item(str(path), direct=True))
    for c in claims:
        assert stored.text[c["subject_start"]:c["subject_end"]] == c["subject_text"]


def test_the_founding_document_keeps_its_recall():
    from tiewatch.bench.quality import load_set, run
    from tiewatch.bench.scorer import score

    seed = load_set("seed")
    result = score(seed, run("learned", seed))
    assert result.typed.recall >= 0.9 and result.typed.precision >= 0.45


def test_the_examples_three_al_baraka_denials_are_found():
    from pathlib import Path

    from tiewatch.ingest import expand, read_item

    examples = Path(__file__).resolve().parents[2] / "examples"
    names = ["kora-monitor.rss", "analyst-note.md", "ChatExport_2024-03-21"]
    docs = [d for item in expand([str(examples / n) for n in names]) for d in read_item(item)]
    denials = {}
    for doc, _mentions, claims in get_extractor().extract(docs):
        for c in claims:
            if c.polarity == "denied" and c.type == "funds" and "Baraka" in (c.subject.canonical or c.subject.text):
                denials[c.sentence] = (c.object.canonical or c.object.text, c.claimant)
    sentences = " ".join(denials)
    assert "single franc" in sentences and "denies that the charity" in sentences and "not one dinar" in sentences
    assert all("Wadi" in recipient for recipient, _who in denials.values())
    assert {who for _r, who in denials.values()} >= {"Salif Toure"}


def test_a_damaged_model_file_is_one_line_with_the_remedy(tmp_path):
    bad = tmp_path / "model.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ExtractError, match="retrain with `tiewatch bench train`"):
        read_model(bad)
    bad.write_text(json.dumps({"format": 99}), encoding="utf-8")
    with pytest.raises(ExtractError, match="not a tiewatch tie model"):
        read_model(bad)


def test_the_shipped_model_loads_once_and_says_what_it_was_trained_on():
    model = tie_model()
    assert tie_model() is model and shipped_path().is_file()
    assert "none" in model.classes and 0 < model.threshold < 1
    assert set(model.about["trained_on"]) == {"real-train", "devset", "devset2"} and model.about["chosen_on"] == "real-dev"
