"""The graph commands as a new user meets them: actors, ties, show, path, sources, channels, merge/split."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.graph.corpus import Corpus
from tiewatch.cli.app import app
from tiewatch.graph import refresh
from tiewatch.store import Store

runner = CliRunner()
TIEWATCH = [sys.executable, "-c", "from tiewatch.cli.app import main; main()"]  # what the console script runs


def run(db_url: str, *args: str) -> str:
    result = runner.invoke(app, [*args, "--db", db_url], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result.output


def jsonl(db_url: str, *args: str) -> list[dict]:
    return [json.loads(line) for line in run(db_url, *args, "--format", "jsonl").splitlines()]


@pytest.fixture
def reports(db_url):
    """Four reports spelling one group three ways; a tie reported by two outlets, copied by a third, denied by a fourth."""
    store = Store(db_url)
    corpus = Corpus(store)
    story = ("Kora Relief Fund transferred two million dollars to Ansar el-Wadi through couriers in Niamey, "
             "investigators told the Sahel Monitor on Tuesday.")
    claim = ("Kora Relief Fund", "funds", "Ansar el-Wadi")
    corpus.add(story, claim, source="Sahel Monitor", published="2024-03-05")
    corpus.add(story + " (Republished with permission.)", claim, source="Copy Site", published="2024-03-06")
    reversed_doc = corpus.add("Ansar al-Wadi was financed by Kora Relief Fund, according to Treasury officials.",
                              ("Ansar al-Wadi", "funds", "Kora Relief Fund"), source="treasury.gov",
                              published="2024-03-08")
    text = "Kora Relief Fund denied that it ever sent money to Ansar Al Wadi."
    corpus.add(text, ("Kora Relief Fund", "funds", "Ansar Al Wadi", "denied"), source="Kora Relief Fund statement",
               published="2024-03-09")
    corpus.add("Ansar el-Wadi fought alongside the Liptako Brigade near Tera, where the group keeps a base.",
               ("Ansar el-Wadi", "cooperates_with", "Liptako Brigade"), source="Sahel Monitor", published="2024-03-10",
               names=(("the group", "group", "Ansar el-Wadi"),))
    [extracted_backwards] = store.claims_for_document(reversed_doc)
    store.review_claim(extracted_backwards.id, "lea", reversed=True)
    refresh(store)
    store.close()
    return db_url


def test_one_group_spelled_three_ways_is_one_actor(reports):
    actors = {a["name"]: a for a in jsonl(reports, "actors")}
    assert set(actors) == {"Ansar el-Wadi", "Kora Relief Fund", "Liptako Brigade"}
    assert actors["Ansar el-Wadi"]["claims"] == 5 and actors["Ansar el-Wadi"]["part_of"] is None
    assert "Ansar el-Wadi" in run(reports, "actors")


def test_ties_show_independent_sources_denials_and_grade(reports):
    [funds] = jsonl(reports, "ties", "--type", "funds")
    assert (funds["subject"], funds["object"]) == ("Kora Relief Fund", "Ansar el-Wadi")
    assert (funds["asserted"], funds["denied"], funds["sources"]) == (3, 1, 2)
    assert (funds["first_seen"], funds["last_seen"], funds["grade"]) == ("2024-03-05", "2024-03-09", "F3")
    assert [t["type"] for t in jsonl(reports, "ties", "--actor", "Liptako Brigade")] == ["cooperates_with"]
    table = run(reports, "ties")
    assert "Kora Relief Fund" in table and "F3" in table


def test_show_reads_like_a_dossier_with_denials_beside_assertions(reports):
    out = run(reports, "show", "Ansar al Wadi")
    assert out.startswith("Ansar el-Wadi  (group, id")
    assert "funds\n  Kora Relief Fund → Ansar el-Wadi   F3 · 2 independent sources" in out
    assert "asserted: “Kora Relief Fund transferred two million dollars" in out
    assert "denied:   “Kora Relief Fund denied that it ever sent money" in out
    assert "Ansar Al Wadi.” — Kora Relief Fund statement, 2024-03-09" in out
    assert "Also written: Ansar Al Wadi; Ansar al-Wadi\n" in out  # "the group" refers back; it is no spelling
    assert "cooperates_with\n  Ansar el-Wadi ↔ Liptako Brigade" in out


def test_sources_grade_raises_the_tie_grade(reports):
    assert "Sahel Monitor" in run(reports, "sources")
    assert "graded B" in run(reports, "sources", "grade", "Sahel Monitor", "b")
    [funds] = jsonl(reports, "ties", "--type", "funds")
    assert funds["grade"] == "B3"
    assert "graded C" in run(reports, "sources", "grade", "sahel MONITOR", "C")  # any case, as actors are


def test_path_prints_each_hop_with_its_quote(reports):
    out = run(reports, "path", "Kora Relief Fund", "Liptako Brigade")
    assert "path 1: Kora Relief Fund — Ansar el-Wadi — Liptako Brigade" in out
    assert "“Ansar el-Wadi fought alongside the Liptako Brigade near Tera, where the group keeps a base.”" in out


def test_rank_puts_the_broker_first(reports):
    assert jsonl(reports, "actors", "--rank")[0]["name"] == "Ansar el-Wadi"


def test_merge_then_split_round_trips(reports):
    before = (jsonl(reports, "actors"), jsonl(reports, "ties"))
    out = run(reports, "actors", "merge", "Ansar el-Wadi", "Liptako Brigade", "--why", "same fighters", "--who", "lea")
    assert "merged 'Liptako Brigade' into 'Ansar el-Wadi'" in out and "tiewatch actors undo 1" in out
    assert "Liptako Brigade" not in {a["name"] for a in jsonl(reports, "actors")}
    assert "same fighters" in run(reports, "actors", "log")
    run(reports, "actors", "split", "Ansar el-Wadi", "--alias", "Liptako Brigade")
    assert (jsonl(reports, "actors"), jsonl(reports, "ties")) == before


def test_an_analyst_corrects_a_kind_and_can_undo_it(reports):
    before = jsonl(reports, "actors")
    out = run(reports, "actors", "kind", "Liptako Brigade", "person", "--why", "tagger slip", "--who", "lea")
    assert "'Liptako Brigade' is now a person" in out and "tiewatch actors undo 1" in out
    assert {a["name"]: a["kind"] for a in jsonl(reports, "actors")}["Liptako Brigade"] == "person"
    assert "tagger slip" in run(reports, "actors", "log")
    run(reports, "actors", "undo", "1")
    assert jsonl(reports, "actors") == before
    bad = subprocess.run([*TIEWATCH, "actors", "kind", "Liptako Brigade", "militia", "--db", reports],
                         capture_output=True, text=True)
    assert bad.returncode != 0 and bad.stderr.startswith("error: unknown kind 'militia'"), bad.stderr


def test_whats_new_across_two_ingests(reports):
    assert len(jsonl(reports, "ties", "--since", "last")) == 2
    assert jsonl(reports, "ties", "--since", "last") == []
    assert run(reports, "ties", "--since", "last").strip() == "no new ties since you last looked"
    store = Store(reports)
    corpus = Corpus(store)
    corpus.add("The Liptako Brigade denied it cooperates with Ansar el-Wadi.",
               ("Liptako Brigade", "cooperates_with", "Ansar el-Wadi", "denied"), source="Liptako statement")
    corpus.add("Ansar el-Wadi attacked the Liptako Brigade in Tera.", ("Ansar el-Wadi", "fights", "Liptako Brigade"),
               source="Niger Daily")
    refresh(store)
    new = jsonl(reports, "ties", "--since", "last")
    assert sorted((t["type"], t["denied"]) for t in new) == [("cooperates_with", 1), ("fights", 0)]
    assert len(jsonl(reports, "ties", "--since", "2000-01-01")) == 3
    assert jsonl(reports, "ties", "--since", "2999-01-01") == []


def test_bad_input_is_one_line_not_a_traceback(reports):
    for args in (["show", "Boko Haram"], ["ties", "--since", "yesterday"], ["sources", "grade", "Nobody", "B"],
                 ["sources", "grade", "Sahel Monitor", "Q"], ["ties", "--type", "likes"],
                 ["actors", "merge", "Ansar el-Wadi", "Ansar el-Wadi"]):
        done = subprocess.run([*TIEWATCH, *args, "--db", reports], capture_output=True, text=True)
        assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
        assert done.stderr.startswith("error: ") and len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_candidates_are_listed_for_review(reports):
    store = Store(reports)
    Corpus(store).add("Ansar el-Wady fighters were seen near Tera.", names=("Ansar el-Wady",), source="Tera Radio")
    refresh(store)
    out = run(reports, "actors", "candidates")
    assert "Ansar el-Wadi" in out and "Ansar el-Wady" in out and "close spelling" in out


def test_a_designated_group_shows_who_designated_it(sqlite_url):
    """With the watchlist shipped in the package: three spellings, one designated actor."""
    store = Store(sqlite_url)
    corpus = Corpus(store)
    corpus.add("Hizballah fighters crossed the border.", names=("Hizballah",))
    corpus.add("Hezbollah denied it.", names=("Hezbollah",), source="Al-Manar")
    corpus.add("Hizbullah's media office said nothing.", names=("Hizbullah's",), source="Naharnet")
    refresh(store)
    [actor] = store.list_actors()
    out = run(sqlite_url, "show", "Hezbollah")
    assert out.startswith(actor.name) and "Designated:" in out and "FTO" in out
    assert "Also written: Hezbollah; Hizbullah's" in out


def test_channels_lists_who_forwards_links_and_mentions_whom(sqlite_url):
    export = Path(__file__).resolve().parents[2] / "examples" / "ChatExport_2024-03-21"
    if not export.exists():
        pytest.skip(f"{export} is absent")
    run(sqlite_url, "ingest", str(export), "--no-extract")
    edges = jsonl(sqlite_url, "channels")
    assert {"kind": "forward", "from_channel": "Sawt al-Wadi", "to_channel": "Kora News Relay"}.items() <= edges[0].items()
    assert {(e["kind"], e["to_channel"]) for e in edges} >= {("mention", "koramonitor"), ("link", "koranewsrelay")}
    assert jsonl(sqlite_url, "ties") == []
