"""What makes two documents the same: the sha256 of their normalised text.

Normalising = Unicode NFC and every run of whitespace collapsed to one space, so a page saved
twice, re-wrapped or re-encoded, is still recognised as already known.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from tiewatch.ingest.language import detect_language
from tiewatch.model import Document, IngestError

_SPACE = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_TRAILING = re.compile(r"[ \t]+\n")


def normalise(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fingerprint(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def tidy(text: str) -> str:
    """The text as stored: NFC, no trailing blanks, at most one empty line between paragraphs."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _TRAILING.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def finish(doc: Document) -> Document:
    """Tidy the text, set sha256 and language; a document with no words is an IngestError."""
    doc.text = tidy(doc.text)
    if not any(ch.isalnum() for ch in doc.text):
        raise IngestError(f"{doc.origin}: no text in it")
    doc.sha256 = fingerprint(doc.text)
    doc.language = doc.language or detect_language(doc.text)
    for key in ("title", "author"):
        value = getattr(doc, key)
        if isinstance(value, str):
            setattr(doc, key, normalise(value) or None)
    return doc
