"""Analyst briefs carry the quotes, claimants, grades and denials, and stand on their own."""

from html.parser import HTMLParser
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from tests.export.sample import add_document
from tiewatch.cli.app import app
from tiewatch.export.brief import write_brief
from tiewatch.graph import refresh
from tiewatch.model import ExportError, NotFound


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.tags, self.external = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value and not value.startswith("#"):
                self.external.append(value)

    def handle_data(self, data):
        self.text.append(data)


def test_markdown_brief_has_quotes_denials_and_picture(network, tmp_path):
    write_brief(network, ["Hamas"], tmp_path / "brief.md")
    text = (tmp_path / "brief.md").read_text()
    assert text.startswith("# Ties of Hamas")
    assert "## Summary" in text and "## Smuggles for (1)" in text and "## Supplies weapons (1)" in text
    assert "> “Sinai Province is smuggling weapons for Hamas in Gaza.”" in text
    assert "> “Officials said Sinai Province smuggles weapons for Hamas across the border.”" in text
    assert "Grade **A1** · 2 independent source(s) · 2016-02-24 to 2016-04-10" in text
    assert "**Denied:**" in text and "“Hamas denied that it supplies weapons to Sinai Province.”" in text
    assert "Contested:" in text and "is denied by Hamas" in text
    assert "![Network of the ties in this brief](brief.svg)" in text
    svg = ET.parse(tmp_path / "brief.svg").getroot()
    labels = {t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")}
    assert "Hamas" in labels and "smuggles for (A1)" in labels
    assert text.index("## Smuggles for") > text.index("## Supplies weapons")  # vocabulary order


def test_html_brief_is_self_contained_and_escapes_text(store, tmp_path):
    add_document(store, "Hamas said <script>alert(1)</script> Sinai Province & friends meets Hamas today.", [
        ("Sinai Province", "meets", "Hamas", "asserted", "<b>Officials</b>"),
    ], title="Talks <i>held</i>")
    refresh(store)
    write_brief(store, ["Hamas"], tmp_path / "brief.html")
    html = (tmp_path / "brief.html").read_text()
    assert "<script>" not in html and "<b>Officials</b>" not in html and "<i>held</i>" not in html
    page = Page()
    page.feed(html)
    words = "".join(page.text)
    assert "<script>alert(1)</script>" in words and "<b>Officials</b>" in words
    assert "svg" in page.tags and page.external == []


def test_since_and_bad_input(network, tmp_path):
    brief = write_brief(network, ["Hamas"], tmp_path / "b.md", since="2099-01-01")
    assert brief.entries == [] and "holds no ties" in (tmp_path / "b.md").read_text()
    with pytest.raises(ExportError, match=r"\.md or \.html"):
        write_brief(network, ["Hamas"], tmp_path / "brief.pdf")
    with pytest.raises(NotFound):
        write_brief(network, ["Nobody at all"], tmp_path / "b.md")


def test_brief_command(network, db_url, tmp_path):
    result = CliRunner().invoke(app, ["brief", "--actor", "Hamas", "--actor", "Egypt", "--out",
                                      str(tmp_path / "b.html"), "--db", db_url], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "b.html").read_text()
    assert "Ties of Hamas and Egypt" in html and "Egypt fights Sinai Province in the desert." in html
