"""`tiewatch watch` as a user runs it: add, list, check, feed, remove; bad input is one line."""

import subprocess
import sys
from pathlib import Path

import feedparser
from typer.testing import CliRunner

from tests.alerts.test_rules import LETTER_CLAIMS, REPORT_CLAIMS
from tests.export.sample import LETTER, REPORT, add_document
from tiewatch.cli.app import app
from tiewatch.graph import refresh
from tiewatch.store import Store

TIEWATCH = str(Path(sys.executable).parent / "tiewatch")


def run(*args):
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_watch_rule_lifecycle(db_url, tmp_path):
    store = Store(db_url)
    add_document(store, LETTER, LETTER_CLAIMS)
    refresh(store)
    run("watch", "add", "hamas", "--actor", "Hamas", "--db", db_url)
    run("watch", "add", "funding", "--type", "funds", "--min-sources", "2", "--db", db_url)
    listing = run("watch", "list", "--db", db_url)
    assert "hamas" in listing and "ties of Hamas" in listing and "funding" in listing
    assert "0 new alert(s)" in run("watch", "check", "--db", db_url)
    add_document(store, REPORT, REPORT_CLAIMS, source="Reuters", published="2016-04-10")
    refresh(store)
    output = run("watch", "check", "--db", db_url)
    assert "hamas: New tie:" in output and "1 new alert(s)" in output
    run("watch", "feed", "hamas", "--out", str(tmp_path / "hamas.atom"), "--db", db_url)
    feed = feedparser.parse((tmp_path / "hamas.atom").read_bytes())
    assert [e.title for e in feed.entries] == [line.split(": ", 1)[1] for line in output.splitlines() if ": New" in line]
    run("watch", "remove", "hamas", "--db", db_url)
    assert "hamas" not in run("watch", "list", "--db", db_url)
    store.close()


def test_bad_rules_are_refused_in_one_line(sqlite_url):
    for args, message in [
        (["watch", "add", "x", "--type", "likes"], "unknown tie type 'likes'"),
        (["watch", "add", "x", "--polarity", "maybe"], "unknown polarity 'maybe'"),
        (["watch", "add", "x", "--webhook", "ftp://host/x"], "must be an http:// or https:// URL"),
        (["watch", "feed", "ghost"], "no watch rule named 'ghost'"),
        (["watch", "remove", "ghost"], "no watch rule named 'ghost'"),
    ]:
        proc = subprocess.run([TIEWATCH, *args, "--db", sqlite_url], capture_output=True, text=True)
        assert proc.returncode != 0 and message in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
