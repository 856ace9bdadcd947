"""A saved news page gives its article text only, with the page's title, author, date and site."""

import pytest

from tiewatch.ingest import Item, read_item
from tiewatch.model import IngestError

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Militia and front clash near Gao | Niger Bend Post</title>
<meta property="og:site_name" content="Niger Bend Post">
<meta name="author" content="Fatou Diallo">
<meta property="article:published_time" content="2023-11-02T10:00:00Z">
<script>var tracker = "SCRIPT-TEXT-MUST-NOT-APPEAR";</script></head>
<body>
<div class="cookie-consent">We value your privacy. Accept cookies to continue.</div>
<nav><a href="/">Home</a> <a href="/world">World news</a> <a href="/sport">Sport</a></nav>
<div class="ad-slot">Advertisement: cheap flights to Dakar</div>
<article><h1>Militia and front clash near Gao</h1>
<p>The Gourma Defence Militia clashed with fighters of the Eastern Front near Gao on Sunday, officials said.</p>
<script>renderWidget("INLINE-SCRIPT-MUST-NOT-APPEAR");</script>
<p>The Eastern Front denied that it had received weapons from traders in the city, according to a statement.</p>
<p>Local elders said the militia has been backed by regional officials for more than a year.</p>
</article>
<footer>Copyright 2023 Niger Bend Post. Powered by WordPress.</footer>
</body></html>"""


def read(path):
    return read_item(Item(str(path), direct=True))


def test_article_text_without_navigation_ads_scripts_or_footer(tmp_path):
    page = tmp_path / "clash.html"
    page.write_text(PAGE, encoding="utf-8")
    (doc,) = read(page)
    assert "The Gourma Defence Militia clashed with fighters of the Eastern Front near Gao" in doc.text
    assert "denied that it had received weapons" in doc.text
    for boilerplate in ("MUST-NOT-APPEAR", "Powered by", "Accept cookies", "Advertisement", "World news", "Copyright"):
        assert boilerplate not in doc.text


def test_page_metadata_and_site_as_source(tmp_path):
    page = tmp_path / "clash.html"
    page.write_text(PAGE, encoding="utf-8")
    (doc,) = read(page)
    assert doc.kind == "html" and doc.title == "Militia and front clash near Gao"
    assert doc.author == "Fatou Diallo" and doc.published == "2023-11-02"
    assert doc.source.name == "Niger Bend Post" and doc.source.kind == "site"
    assert doc.metadata["site_name"] == "Niger Bend Post"
    assert doc.language == "en" and len(doc.sha256) == 64


def test_page_of_only_boilerplate_is_refused(tmp_path):
    page = tmp_path / "home.html"
    page.write_text(
        "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> <a href='/about'>About us</a></nav>"
        "<footer>Powered by WordPress</footer></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(IngestError, match="no main text on this page"):
        read(page)


def test_html_is_recognised_by_its_markup_not_its_name(tmp_path):
    page = tmp_path / "saved-page.txt"
    page.write_text(PAGE, encoding="utf-8")
    (doc,) = read(page)
    assert doc.kind == "html" and "MUST-NOT-APPEAR" not in doc.text


def test_page_in_a_legacy_encoding(tmp_path):
    page = tmp_path / "legacy.html"
    html = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("near Gao on Sunday", "près de Gao dimanche")
    page.write_bytes(html.encode("cp1252"))
    (doc,) = read(page)
    assert "près de Gao dimanche" in doc.text
