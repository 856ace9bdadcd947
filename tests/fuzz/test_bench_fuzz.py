"""`tiewatch bench fuzz` as a release manager runs it, on a small corpus: the table or JSON, the
checks it makes on each backend, its kept work folder, its timeout, and its one-line refusals."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from tiewatch.bench.hostile import KINDS
from tiewatch.cli.app import app
from tiewatch.store import Store

runner = CliRunner()
TIEWATCH = str(Path(sys.executable).parent / "tiewatch")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def skips(*kept: str) -> list[str]:
    """--skip for every kind but `kept` (none when nothing is kept)."""
    left_out = set(KINDS) - set(kept) if kept else set()
    return [arg for kind in sorted(left_out) for arg in ("--skip", kind)]


def test_both_backends_ingested_twice_and_every_check_holds(pg_url):
    result = runner.invoke(app, ["bench", "fuzz", "--scale", "0.02", "--db", pg_url, "--no-extract", "--json", *skips()])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    runs = report["runs"]
    assert [(r["backend"], r["label"]) for r in runs] == [
        ("sqlite", "first"), ("sqlite", "again"), ("postgresql", "first"), ("postgresql", "again")]
    assert report["problems"] == [] and report["files"] == runs[0]["files"] > 100
    for run in runs:
        assert run["tracebacks"] == 0 and run["exit_code"] == 0 and not run["timed_out"]
        assert run["good_once"] == run["good_expected"] > 30 and run["bad_not_skipped"] == [] and run["leaks"] == 0
        assert run["peak_mb"] > 20 and run["skipped"] > 10
    assert runs[1]["new"] == runs[3]["new"] == 0 and runs[0]["new"] == runs[2]["new"] > 30
    assert Store(pg_url).count_documents() == runs[2]["new"]


def test_by_kind_prints_a_row_per_kind_and_keeps_the_work_folder(tmp_path):
    result = runner.invoke(app, ["bench", "fuzz", "--scale", "0.02", "--no-extract", "--by-kind", "--workdir", str(tmp_path),
                                 *skips("good", "links")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Hostile corpus: ") and "kinds left out: binary-junk, " in lines[0]
    assert lines[2].startswith("| backend | run | files | new | known | skipped | bad not skipped | good stored once |")
    rows = [line.split("|")[1:-1] for line in lines[4:6]]
    assert [(r[0].strip(), r[1].strip()) for r in rows] == [("sqlite", "good"), ("sqlite", "links")]
    good, links = rows
    assert good[7].strip() == f"{good[3].strip()}/{good[3].strip()}" and links[9].strip() == "0"  # stored once; no leak
    assert "No problems: every check held." in result.output
    assert (tmp_path / "hostile" / "manifest.json").is_file() and (tmp_path / "sqlite-links.log").is_file()


def test_no_sqlite_runs_postgresql_alone(pg_url):
    """--no-sqlite with --db: the PostgreSQL runs only (to run beside a SQLite run elsewhere)."""
    result = runner.invoke(app, ["bench", "fuzz", "--scale", "0.02", "--db", pg_url, "--no-sqlite", "--no-extract",
                                 "--json", *skips("good", "links")])
    assert result.exit_code == 0, result.output
    runs = json.loads(result.output)["runs"]
    assert [(r["backend"], r["label"]) for r in runs] == [("postgresql", "first"), ("postgresql", "again")]
    assert runs[0]["good_once"] == runs[0]["good_expected"] > 0 and runs[1]["new"] == 0


def test_a_run_past_its_timeout_is_killed_and_reported(tmp_path):
    result = runner.invoke(app, ["bench", "fuzz", "--scale", "0.02", "--timeout", "1", "--workdir", str(tmp_path),
                                 *skips("good")])
    assert result.exit_code == 1
    assert "| sqlite | first |" in result.output and "| timeout |" in result.output
    assert "- sqlite first: timed out" in result.output


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([TIEWATCH, *args], capture_output=True, text=True, timeout=300)


def test_refusals_are_one_line_without_traceback(tmp_path, pg_url):
    run("ingest", str(EXAMPLES / "klf-statement.txt"), "--db", pg_url, "--no-extract")
    for args, said in ((["--db", f"sqlite:///{tmp_path}/x.db"], "must be a PostgreSQL URL"),
                       (["--skip", "nonesuch"], "unknown kind(s) nonesuch; known: binary-junk,"),
                       (["--scale", "0"], "out of range"),
                       (["--no-sqlite"], "--no-sqlite leaves no database to run on"),
                       (["--db", pg_url], "already holds 1 documents")):
        done = run("bench", "fuzz", "--scale", "0.02", *args)
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert done.stderr.startswith("error: ") and said in done.stderr and done.stderr.count("\n") == 1
