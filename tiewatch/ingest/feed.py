"""RSS and Atom feeds (feedparser): one document per item, with its link, title, date and author;
the feed itself becomes the Source (kind "feed"). Item HTML is turned into plain text: scripts and
styles dropped, one paragraph per block element, entities decoded. The feed's nesting, attributes and
number of items, and each item's HTML, are measured against the budget before they are parsed."""

from __future__ import annotations

import re
from typing import Iterator

from tiewatch.ingest.dates import Published, from_struct, from_text
from tiewatch.ingest.markup import check_markup, pieces
from tiewatch.ingest.reader import Blob, readers
from tiewatch.model import Document, IngestError, Source

BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "table", "tr", "section", "article", "header", "footer", "figure", "figcaption", "hr",
}
_LINE_SPACE = re.compile(r"[ \t\u00a0]+")
_MANY_BREAKS = re.compile(r"\n\s*\n+")


def looks_like_markup(text: str) -> bool:
    return bool(re.search(r"<[a-zA-Z][^>]*>|&[a-z]+;|&#\d+;", text))


def fragment_text(fragment: str) -> str:
    """Readable text of an HTML fragment; plain text passes through unchanged apart from spacing."""
    if not fragment or not looks_like_markup(fragment):
        return (fragment or "").strip()
    import lxml.html
    from lxml.etree import ParserError
    from lxml_html_clean import Cleaner

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return fragment.strip()
    root = Cleaner(scripts=True, javascript=True, style=True, comments=True, forms=True).clean_html(root)
    pieces: list[str] = []

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        block = tag.lower() in BLOCK_TAGS
        if block:
            pieces.append("\n\n")
        if element.text:
            pieces.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
        if block:
            pieces.append("\n\n")

    walk(root)
    lines = (_LINE_SPACE.sub(" ", line).strip() for line in "".join(pieces).split("\n"))
    return _MANY_BREAKS.sub("\n\n", "\n".join(lines)).strip()


FEED_ROOTS = ("<rss", "<feed", "<rdf:rdf")
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}
PROLOGUE = (("<?", "?>"), ("<!--", "-->"), ("<!doctype", ">"))


def _root_text(blob: Blob) -> str:
    """The head with the XML declaration, comments and doctype stripped off the front."""
    head = blob.head_text
    stripped = True
    while stripped:
        stripped = False
        for opener, closer in PROLOGUE:
            if head.startswith(opener):
                cut = head.find(closer)
                if cut < 0:
                    return ""
                head = head[cut + len(closer):].lstrip()
                stripped = True
    return head


def _when(entry, language: str | None) -> Published:
    """The item's date: feedparser's reading of it, else dateparser's (relative forms allowed).
    `dict.get` for the `updated` keys: feedparser's own get maps them to `published`, warning."""
    raw = entry.get("published") or dict.get(entry, "updated")
    parsed = entry.get("published_parsed") or dict.get(entry, "updated_parsed")
    if parsed:
        return from_struct(parsed, raw=raw)
    return from_text(raw, languages=[language] if language else (), relative=True)


def _body(entry, blob: Blob) -> str:
    contents = entry.get("content") or []
    html = max((c.get("value", "") for c in contents), key=len, default="") or entry.get("summary", "") or ""
    if looks_like_markup(html):
        check_markup([html], blob.budget, blob.origin)
    return fragment_text(html)


@readers.register("feed")
class FeedReader:
    name = "feed"

    def sniff(self, blob: Blob) -> int:
        if blob.looks_binary():
            return 0
        if _root_text(blob).startswith(FEED_ROOTS):
            return 90
        if blob.content_type in FEED_TYPES:
            return 70
        return 0

    def read(self, blob: Blob) -> Iterator[Document]:
        import io

        import feedparser

        # A stream, never the bytes themselves: given bytes or a string, feedparser first tries them
        # as a URL to fetch and as a local path to open, so a body of "/etc/passwd" would be read.
        check_markup(pieces(blob.data), blob.budget, blob.origin, xml=True, elements=False, items=True)
        parsed = feedparser.parse(io.BytesIO(blob.data))
        if not parsed.entries:
            why = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")() if parsed.bozo else ""
            detail = f" ({why})" if why else ""
            raise IngestError(f"{blob.origin}: a feed with no readable items{detail}")
        channel = parsed.feed
        title = fragment_text(channel.get("title", "")) or blob.origin
        source = Source(name=title, kind="feed", url=channel.get("link") or blob.origin)
        for index, entry in enumerate(parsed.entries, 1):
            text = _body(entry, blob) or fragment_text(entry.get("title", ""))
            if not text:
                continue
            link = entry.get("link") or f"{blob.origin}#item{index}"
            when = _when(entry, channel.get("language"))
            metadata = {"feed": title, "site_name": title, "guid": entry.get("id"), **when.metadata()}
            tags = [t.get("term") for t in entry.get("tags", []) if t.get("term")]
            if tags:
                metadata["tags"] = tags
            yield Document(
                text=text,
                kind="feed",
                origin=link,
                title=fragment_text(entry.get("title", "")) or None,
                author=entry.get("author") or None,
                published=when.value,
                metadata={k: v for k, v in metadata.items() if v},
                source=source,
            )
