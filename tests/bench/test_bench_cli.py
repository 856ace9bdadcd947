"""`tiewatch bench quality|speed` and `python -m tiewatch.bench.quality`, run on tiny inputs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from tests.batch.conftest import EXAMPLES
from tests.conftest import shared_path
from tiewatch.cli.app import app

runner = CliRunner()

PARAGRAPHS = """\
set: devset
paragraphs:
  - id: t-1
    publisher: Test Wire
    text: Hassan Nasrallah, the leader of Hizballah, spoke on Tuesday.
    ties:
      - {subject: [Hassan Nasrallah], types: [leads], object: [Hizballah, Hezbollah], polarity: asserted}
  - id: t-2
    publisher: Test Wire
    text: The market in Gao reopened after three years, traders said.
    ties: []
"""


@pytest.fixture
def sets_dir(tmp_path):
    (tmp_path / "devset").mkdir()
    (tmp_path / "devset" / "tiny.yaml").write_text(PARAGRAPHS, encoding="utf-8")
    return tmp_path


@pytest.mark.slow
def test_quality_prints_a_table_with_every_extractor_and_intervals(sets_dir):
    result = runner.invoke(app, ["bench", "quality", "--set", "devset", "--sets-dir", str(sets_dir), "--by-type"])
    assert result.exit_code == 0, result.output
    table, by_type = result.output.strip().split("\n\n")
    lines = table.splitlines()
    assert lines[0].startswith("| gold set | extractor | docs | gold ties |") and "typed F1 [95 %]" in lines[0]
    assert [line.split("|")[2].strip() for line in lines[2:]] == ["learned", "rules", "cooccurrence"]
    assert lines[2].startswith("| devset (trained) | learned") and lines[3].startswith("| devset (tuned) | rules")
    assert lines[4].startswith("| devset | cooccurrence")
    assert all("[" in line and "–" in line for line in lines[2:])
    assert by_type.splitlines()[0] == "| tie type | devset learned | devset rules | devset cooccurrence |"
    assert by_type.splitlines()[2].startswith("| leads | ")


@pytest.mark.slow
def test_compare_puts_rules_and_learned_side_by_side(sets_dir):
    result = runner.invoke(app, ["bench", "quality", "--set", "devset", "--sets-dir", str(sets_dir), "--compare"])
    assert result.exit_code == 0, result.output
    table, change = result.output.strip().split("\n\n")
    assert [line.split("|")[2].strip() for line in table.splitlines()[2:]] == ["rules", "learned"]
    assert change.splitlines()[0].startswith("| gold set | rules typed F1 | learned typed F1 | change |")
    assert change.splitlines()[2].startswith("| devset | ")


@pytest.mark.slow
def test_quality_json_reports_typed_and_pair_scores(sets_dir):
    result = runner.invoke(app, ["bench", "quality", "--set", "devset", "--sets-dir", str(sets_dir),
                                 "--extractor", "cooccurrence", "--json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)
    assert row["set"] == "devset" and row["extractor"] == "cooccurrence" and row["gold_ties"] == 1
    assert row["pairs"]["recall"] == 1.0 and row["typed"]["recall"] == 1.0
    assert 0 < row["typed"]["precision"] <= 1
    assert row["documents"] == 2 and row["polarity_accuracy"] == 1.0 and row["polarity_n"] == 1
    assert row["mention_recall"] == 1.0 and row["mention_ends"] == 2
    lo, hi = row["interval_95"]["typed_f1"]
    assert 0 <= lo <= row["typed"]["f1"] <= hi <= 1


@pytest.mark.slow
def test_speed_reports_a_ratio_on_a_few_press_releases():
    corpus = shared_path("corpora", "treasury", "treasury_ct_press_releases.jsonl")
    result = runner.invoke(app, ["bench", "speed", "--limit", "2", "--corpus", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["documents"] == 2 and report["words"] > 100
    assert report["bare_wps"] > 0 and report["rules_wps"] > 0 and report["speed_ratio"] > 0
    assert report["memory_ratio"] > 0


def test_a_missing_gold_set_is_one_line_and_a_non_zero_exit(tmp_path):
    done = subprocess.run([sys.executable, "-c", "from tiewatch.cli.app import main; main()", "bench", "quality",
                           "--set", "seed", "--shared", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        f"error: no seed example at {tmp_path}/examples/seed/expected.yaml; pass --shared pointing at the shared data folder"]


@pytest.mark.slow
def test_any_folder_of_paragraphs_is_a_gold_set(sets_dir):
    (sets_dir / "devset").rename(sets_dir / "mine")
    result = runner.invoke(app, ["bench", "quality", "--set", "mine", "--sets-dir", str(sets_dir),
                                 "--extractor", "cooccurrence", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["set"] == "mine"


def test_python_m_quality_reports_a_bad_set_folder(tmp_path, capsys):
    from tiewatch.bench.quality import main

    assert main(["--set", "heldout", "--sets-dir", str(tmp_path)]) == 2
    assert "no gold paragraphs" in capsys.readouterr().err
    assert main(["--set", "nosuch", "--sets-dir", str(tmp_path)]) == 1
    assert "unknown gold set 'nosuch'" in capsys.readouterr().err


def test_bench_crash_kills_ingests_and_finds_the_graph_restored(tmp_path):
    folder = tmp_path / "two"
    folder.mkdir()
    for name in ("klf-statement.txt", "analyst-note.md", "communique-gouverneur.txt"):
        (folder / name).write_bytes((EXAMPLES / name).read_bytes())
    result = runner.invoke(app, ["bench", "crash", str(folder), "--kills", "2", "--db", f"sqlite:///{tmp_path / 'k.db'}"])
    assert result.exit_code == 0, result.output
    assert "graph restored: yes" in result.output and "tracebacks: 0" in result.output


def test_bench_crash_refuses_a_store_that_holds_documents(tmp_path):
    url = f"sqlite:///{tmp_path / 'full.db'}"
    assert runner.invoke(app, ["ingest", str(EXAMPLES / "klf-statement.txt"), "--db", url, "--no-extract"]).exit_code == 0
    result = runner.invoke(app, ["bench", "crash", str(EXAMPLES), "--db", url])
    assert result.exit_code == 1 and "already holds documents" in str(result.exception)  # main() prints it as one line


def test_bench_order_finds_one_graph_for_the_examples_in_any_batching():
    result = runner.invoke(app, ["bench", "order", str(EXAMPLES), "--trials", "2", "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert "graph independent of batching: yes" in result.output
    rows = [line for line in result.output.splitlines() if line.startswith("| 1 |") or line.startswith("| 2 |")]
    assert len(rows) == 2 and all(line.endswith("| 0 | 0 | yes |") for line in rows)


def test_bench_order_reports_the_actor_groups_a_batching_changed():
    from tiewatch.bench.order import OrderReport, Trial

    report = OrderReport(3, 2, 1, [Trial(2, 3, 1, [(["koravalley"], "person")], [(["kora valley", "koravalley"], "place")], False)])
    assert not report.independent
    assert "| 1 | 2 | 3 | 1 | 1 | 1 | no |" in report.markdown() and "batched only: person koravalley" in report.markdown()
