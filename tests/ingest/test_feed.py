"""RSS and Atom: one document per item, its link as origin, the feed as Source."""

import pytest

from tiewatch.ingest import Item, read_item
from tiewatch.model import IngestError

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>River Watch</title><link>https://riverwatch.example/</link>
<item><title>Trust funded the brigade</title><link>https://riverwatch.example/a</link>
<pubDate>Mon, 04 Mar 2024 08:00:00 +0000</pubDate><dc:creator>Omar Bello</dc:creator>
<description><![CDATA[<p>The Northern Relief Trust <b>funded</b> the Brigade of the Two Rivers.</p><script>alert("SCRIPT")</script><p>The trust denies it.</p>]]></description></item>
<item><title>Faction splits</title><link>https://riverwatch.example/b</link>
<pubDate>Tue, 05 Mar 2024 08:00:00 +0000</pubDate><description>The Eastern Front broke away from the brigade.</description></item>
<item><title>Talks in Gao</title><link>https://riverwatch.example/c</link>
<description>Envoys of the front met militia leaders in Gao &amp; Timbuktu.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Delta Dispatch</title>
<entry><title>Militia backed by governor</title><link href="https://delta.example/1"/>
<updated>2024-01-02T10:00:00Z</updated><author><name>Ada Eze</name></author>
<content type="html">&lt;p&gt;The militia is backed by the governor, residents said.&lt;/p&gt;</content></entry>
</feed>"""


def read(path):
    return read_item(Item(str(path), direct=True))


def test_each_rss_item_is_a_document(tmp_path):
    path = tmp_path / "riverwatch.xml"
    path.write_text(RSS, encoding="utf-8")
    docs = read(path)
    assert [d.origin for d in docs] == [f"https://riverwatch.example/{x}" for x in "abc"]
    first = docs[0]
    assert first.kind == "feed" and first.title == "Trust funded the brigade" and first.author == "Omar Bello"
    assert first.published == "2024-03-04T08:00:00Z"
    assert first.text == "The Northern Relief Trust funded the Brigade of the Two Rivers.\n\nThe trust denies it."
    assert first.source.name == "River Watch" and first.source.kind == "feed"
    assert "Gao & Timbuktu" in docs[2].text and docs[2].published is None


def test_atom_feed(tmp_path):
    path = tmp_path / "delta"
    path.write_text(ATOM, encoding="utf-8")
    (doc,) = read(path)
    assert doc.origin == "https://delta.example/1" and doc.author == "Ada Eze"
    assert doc.text == "The militia is backed by the governor, residents said."


def test_feed_without_items_is_refused(tmp_path):
    path = tmp_path / "broken.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Empty', encoding="utf-8")
    with pytest.raises(IngestError, match="feed with no readable items"):
        read(path)
