"""The analyst's day in real Chromium, on the founding document: ingest the letter (publisher by
flag), see its headline, publisher and 2016 date, find ISIS Sinai by a short name, read distinct
labels in the graph, open a tie's evidence, mark a demonym not an actor and see it leave the graph,
retype a claim from the queue and see its tie change, undo it, download the ties CSV. Every page
is photographed into test-artifacts/analyst-day-*.png, and no page names the folder the letter
was read from."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from typer.testing import CliRunner

from browser.conftest import shoot, sign_in
from tests.conftest import shared_path
from tiewatch.cli.app import app
from tiewatch.store import ROLES, Store
from tiewatch.web import create_app
from web.conftest import serving

pytestmark = pytest.mark.browser


@pytest.fixture
def day(tmp_path, monkeypatch):
    """The letter ingested from its text file as a new user would, and the app served over it."""
    monkeypatch.setenv("TIEWATCH_KEY_FILE", str(tmp_path / "secret.key"))
    folder = tmp_path / "desk" / "incoming"
    folder.mkdir(parents=True)
    shutil.copy(shared_path("examples", "seed", "memri-jttm-letter.txt"), folder / "letter.txt")
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    result = CliRunner().invoke(app, ["ingest", str(folder / "letter.txt"), "--publisher", "MEMRI JTTM", "--db", url])
    assert result.exit_code == 0, result.output
    store = Store(url)
    tokens = {role: store.add_user(f"{role}-one", role)[1] for role in ROLES}
    with serving(create_app(store)) as base:
        yield {"url": base, "store": store, "tokens": tokens, "folder": str(tmp_path)}
    store.close()


class Walk:
    """Every page the walk opens is photographed and checked for the local folder's name."""

    def __init__(self, page, day):
        self.page, self.day, self.step = page, day, 0

    def look(self, name: str) -> str:
        self.step += 1
        shoot(self.page, f"analyst-day-{self.step:02d}-{name}")
        html = self.page.content()
        assert self.day["folder"] not in html and "incoming" not in html, f"a local path on the {name} page"
        return html


def _graph_labels(page) -> list[str]:
    page.wait_for_selector("#graph[data-ready=true]", timeout=30000)
    return page.evaluate("() => window.tiewatchGraph.nodes().map(n => n.data('label'))")


def test_the_analysts_day_on_the_founding_letter(page, day, tmp_path):
    walk, base, store = Walk(page, day), day["url"], day["store"]
    sign_in(page, day, "analyst")

    page.goto(base + "/documents")
    row = page.locator("table tr", has_text="Letter By ISIS Fighter To Abu Bakr Al-Baghdadi")
    assert "MEMRI JTTM" in row.inner_text() and "2016-02-24" in row.inner_text()
    walk.look("documents")

    page.fill("header .search input", "ISIS Sinai")
    page.press("header .search input", "Enter")
    page.wait_for_url("**/search?q=ISIS+Sinai")
    walk.look("search")
    page.locator(".actors a", has_text="Sinai").first.click()
    assert "Sinai" in page.inner_text("h1")
    sinai = page.url
    page.wait_for_selector("#graph[data-ready=true]", timeout=30000)
    timeline = page.inner_text("ol.timeline")
    assert " them " not in f" {timeline} " and "its cooperates" not in timeline.lower()  # actors by name, not by pronoun
    walk.look("dossier")

    page.goto(base + "/graph")
    labels = _graph_labels(page)
    assert len(labels) == len(set(labels)) and all(len(label) <= 30 for label in labels), labels
    assert "Hamas" in labels and "Gazan" in labels
    walk.look("graph")

    page.goto(base + "/ties?name=Hamas&order=claims")
    page.locator("table.ties a.tie-type").first.click()
    page.wait_for_selector("blockquote.quote")
    assert "Hamas" in page.inner_text("h1")
    walk.look("evidence")

    page.goto(base + "/search?q=Gazan")
    page.locator(".actors a", has_text="Gazan").first.click()
    page.click("form.not-an-actor button")
    assert "marked not an actor" in page.inner_text("p.flash")
    walk.look("not-an-actor")
    page.goto(base + "/graph")
    assert "Gazan" not in _graph_labels(page)

    page.goto(base + "/review/queue")
    first = page.locator(".queue-item").first
    claim_id = int(first.get_attribute("data-claim"))
    before = store.get_claim(claim_id)
    walk.look("queue")
    new_type = "denounces" if before.type != "denounces" else "supports"
    page.keyboard.press("t")
    first.locator("select[name=type]").select_option(new_type)
    first.locator("form[data-action=retype] button").click()
    page.locator("p.flash", has_text=f"Claim {claim_id}: retype").wait_for()
    retyped = store.get_claim(claim_id)
    assert store.get_tie(retyped.tie_id).type == new_type
    walk.look("queue-after-retype")

    page.goto(base + "/review")
    assert "changed the type of claim #%d" % claim_id in page.inner_text("table.reviews")
    walk.look("review-log")
    page.locator("tr", has_text="changed the type of claim #%d" % claim_id).locator("button", has_text="Undo").click()
    page.locator("p.flash", has_text="Undone").wait_for()
    assert store.get_tie(store.get_claim(claim_id).tie_id).type == before.type
    walk.look("review-log-after-undo")

    page.goto(base + "/ties")
    walk.look("ties")
    with page.expect_download() as download:
        page.click("a:has-text('CSV')")
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8"))))
    assert len(rows) == store.count_ties() and {"Hamas"} <= {r["subject"] for r in rows} | {r["object"] for r in rows}
    assert all(r["evidence"].startswith(base + "/ties/") for r in rows)

    page.goto(sinai)
    page.wait_for_selector("#graph[data-ready=true]", timeout=30000)
    walk.look("dossier-at-day-end")
    assert not page.errors and not page.dialogs
