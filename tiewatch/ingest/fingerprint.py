"""What makes two documents the same: the sha256 of their normalised text.

Normalising = Unicode NFC and every run of whitespace collapsed to one space, so a page saved
twice, re-wrapped or re-encoded, is still recognised as already known.

A Telegram message is also identified by where it was posted (channel id and message id): the same
words forwarded into another channel are a post of their own there, with a forward edge between the
channels. Corroboration still counts such copies once (the graph clusters near-duplicates).
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
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # never text; PostgreSQL refuses NUL


def normalise(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fingerprint(text: str, place: str = "") -> str:
    """sha256 of the normalised text, prefixed by `place` when the document is a post in a channel."""
    prefix = f"{place}\n" if place else ""
    return hashlib.sha256((prefix + normalise(text)).encode("utf-8")).hexdigest()


def _place(doc: Document) -> str:
    meta = doc.metadata
    if doc.kind == "telegram" and meta.get("channel_id") and meta.get("message_id") is not None:
        return f"telegram:{meta['channel_id']}/{meta['message_id']}"
    return ""


def storable(text: str) -> str:
    """Text any database accepts: no control characters, no lone surrogates (from broken JSON escapes)."""
    return _CONTROLS.sub("", text.encode("utf-8", "replace").decode("utf-8"))


def _storable_values(value):
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, dict):
        return {storable(str(k)): _storable_values(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_storable_values(v) for v in value]
    return value


def tidy(text: str) -> str:
    """The text as stored: NFC, no trailing blanks, at most one empty line between paragraphs."""
    text = unicodedata.normalize("NFC", storable(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = _TRAILING.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def finish(doc: Document) -> Document:
    """Tidy the text, set sha256 and language; a document with no words is an IngestError."""
    doc.text = tidy(doc.text)
    if not any(ch.isalnum() for ch in doc.text):
        raise IngestError(f"{doc.origin}: no text in it")
    doc.sha256 = fingerprint(doc.text, _place(doc))
    doc.language = doc.language or detect_language(doc.text)
    for key in ("title", "author", "published"):
        value = getattr(doc, key)
        if value is not None:
            setattr(doc, key, normalise(storable(str(value))) or None)
    doc.origin = storable(doc.origin)  # a file name in no valid encoding still gets a printable origin
    doc.metadata = _storable_values(doc.metadata)
    if doc.source is not None:
        doc.source.name = normalise(storable(doc.source.name))
        doc.source.url = storable(doc.source.url) if doc.source.url else None
    return doc
