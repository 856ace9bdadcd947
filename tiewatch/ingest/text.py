"""Plain text and Markdown, in whatever encoding they were saved (charset-normalizer decides)."""

from __future__ import annotations

import re
from typing import Iterator

from charset_normalizer import from_bytes

from tiewatch.ingest.reader import Blob, readers
from tiewatch.model import Document, IngestError

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
TEXT_SUFFIXES = {".txt", ".text"} | MARKDOWN_SUFFIXES
TABLE_SUFFIXES = {".csv", ".tsv"}
CODE_SUFFIXES = {".py", ".js", ".ts", ".css", ".sh", ".bat", ".ps1", ".c", ".h", ".java", ".rb", ".go", ".rs", ".php"}
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def decode(blob: Blob) -> str:
    """The bytes as text; IngestError when no encoding makes sense of them."""
    try:
        return blob.data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        pass
    best = from_bytes(blob.data).best()
    if best is None:
        raise IngestError(f"{blob.origin}: cannot tell which text encoding this file uses; save it as UTF-8")
    return str(best)


_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")


def plain(text: str) -> str:
    """Markdown emphasis taken off ("**Al-Baraka**" -> "Al-Baraka"): the stored text is what is read."""
    return _ITALIC.sub(r"\1", _BOLD.sub(r"\2", text))


def title_of(text: str, markdown: bool) -> str | None:
    """A Markdown file's first heading; otherwise None, and tiewatch.ingest.prose finds the headline."""
    heading = _HEADING.search(text) if markdown else None
    return heading.group(1) if heading else None


@readers.register("text")
class TextReader:
    """TXT and MD files; the fallback for any content that decodes as text."""

    name = "text"

    def sniff(self, blob: Blob) -> int:
        if blob.looks_binary():
            return 0
        return 20 if blob.suffix in TEXT_SUFFIXES else 5

    def read(self, blob: Blob) -> Iterator[Document]:
        if blob.looks_binary():
            raise IngestError(f"{blob.origin}: binary data, not text")
        if blob.head_text.startswith(("<?xml", "<svg")):
            raise IngestError(f"{blob.origin}: XML that is neither a feed nor a web page")
        if blob.suffix in TABLE_SUFFIXES:
            raise IngestError(f"{blob.origin}: a data table ({blob.suffix}), not a document")
        if blob.suffix in CODE_SUFFIXES:
            raise IngestError(f"{blob.origin}: program source code ({blob.suffix}), not a document")
        markdown = blob.suffix in MARKDOWN_SUFFIXES or blob.content_type == "text/markdown"
        text = plain(decode(blob)) if markdown else decode(blob)
        yield Document(
            text=text,
            kind="text",
            origin=blob.origin,
            title=title_of(text, markdown),
            metadata={"format": "markdown" if markdown else "plain"},
        )
