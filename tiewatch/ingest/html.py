"""Web pages: the main text without navigation, ads, scripts and footers (trafilatura), plus title,
author, date and site name. The site becomes the document's Source (kind "site")."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Iterator
from urllib.parse import urlsplit

import yaml

from tiewatch.ingest.dates import from_text
from tiewatch.ingest.markup import check_markup, pieces
from tiewatch.ingest.reader import Blob, readers
from tiewatch.model import Document, IngestError, Source

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
STRONG_MARKERS = ("<!doctype html", "<html")
WEAK_MARKERS = ("<head", "<body", "<title", "<meta ", "<div", "<p>", "<article")


@lru_cache(maxsize=1)
def boilerplate() -> dict:
    return yaml.safe_load(files("tiewatch.ingest").joinpath("data/boilerplate.yaml").read_text("utf-8"))


@lru_cache(maxsize=1)
def prune_xpaths() -> list[str]:
    """XPath expressions for the furniture listed in data/boilerplate.yaml."""
    spec = boilerplate()
    paths = []
    for attr in ("class", "id"):
        value = f"translate(@{attr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
        for token in spec["tokens"]:
            paths.append(f"//*[contains(concat(' ', normalize-space({value}), ' '), ' {token} ')]")
        for prefix in spec["prefixes"]:
            paths.append(f"//*[starts-with({value}, '{prefix}') or contains({value}, ' {prefix}')]")
    return paths


def site_of(url: str | None) -> str | None:
    if url and url.startswith(("http://", "https://")):
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}"
    return None


@readers.register("html")
class HtmlReader:
    name = "html"

    def sniff(self, blob: Blob) -> int:
        if blob.looks_binary():
            return 0
        head = blob.head_text
        if head.startswith("<?xml"):
            head = head.split("?>", 1)[-1].lstrip()
        if head.startswith(STRONG_MARKERS) or blob.content_type in ("text/html", "application/xhtml+xml"):
            return 80
        if blob.suffix in HTML_SUFFIXES:
            return 60
        if sum(marker in head for marker in WEAK_MARKERS) >= 2:
            return 40
        return 0

    def read(self, blob: Blob) -> Iterator[Document]:
        import trafilatura

        check_markup(pieces(blob.data), blob.budget, blob.origin)
        url = blob.origin if blob.origin.startswith(("http://", "https://")) else None
        found = trafilatura.bare_extraction(
            blob.data, url=url, with_metadata=True, include_comments=False, include_tables=True,
            favor_precision=True, prune_xpath=prune_xpaths(),
        )
        text = (found.text or "") if found else ""
        if len(text.split()) < boilerplate()["min_words"]:
            raise IngestError(f"{blob.origin}: no main text on this page (only navigation or boilerplate)")
        site_name = found.sitename or found.hostname
        metadata = {"site_name": site_name} if site_name else {}
        if found.url and found.url != url:
            metadata["canonical_url"] = found.url
        when = from_text(found.date)
        metadata.update(when.metadata())
        yield Document(
            text=text,
            kind="html",
            origin=blob.origin,
            title=found.title,
            author=found.author,
            published=when.value,
            metadata=metadata,
            source=Source(name=site_name, kind="site", url=site_of(found.url or url)) if site_name else None,
        )
