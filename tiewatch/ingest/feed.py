"""RSS and Atom feeds (feedparser): one document per item, with its link, title, date and author;
the feed itself becomes the Source (kind "feed")."""

from __future__ import annotations

import time
from typing import Iterator

from tiewatch.ingest.markup import fragment_text
from tiewatch.ingest.reader import Blob, readers
from tiewatch.model import Document, IngestError, Source

FEED_ROOTS = ("<rss", "<feed", "<rdf:rdf")
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}


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


def _when(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    return entry.get("published") or entry.get("updated")


def _body(entry) -> str:
    contents = entry.get("content") or []
    html = max((c.get("value", "") for c in contents), key=len, default="")
    return fragment_text(html or entry.get("summary", "") or "")


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
        import feedparser

        parsed = feedparser.parse(blob.data)
        if not parsed.entries:
            why = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")() if parsed.bozo else ""
            detail = f" ({why})" if why else ""
            raise IngestError(f"{blob.origin}: a feed with no readable items{detail}")
        channel = parsed.feed
        title = fragment_text(channel.get("title", "")) or blob.origin
        source = Source(name=title, kind="feed", url=channel.get("link") or blob.origin)
        for index, entry in enumerate(parsed.entries, 1):
            text = _body(entry) or fragment_text(entry.get("title", ""))
            if not text:
                continue
            link = entry.get("link") or f"{blob.origin}#item{index}"
            metadata = {"feed": title, "site_name": title, "guid": entry.get("id")}
            tags = [t.get("term") for t in entry.get("tags", []) if t.get("term")]
            if tags:
                metadata["tags"] = tags
            yield Document(
                text=text,
                kind="feed",
                origin=link,
                title=fragment_text(entry.get("title", "")) or None,
                author=entry.get("author") or None,
                published=_when(entry),
                metadata={k: v for k, v in metadata.items() if v},
                source=source,
            )
