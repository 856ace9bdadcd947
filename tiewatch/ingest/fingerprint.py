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

from tiewatch.ingest.budget import Budget
from tiewatch.ingest.language import detect_language, detect_languages
from tiewatch.model import EXTRACTED_CHARS, Document, IngestError
from tiewatch.store.documents import clean_text as storable  # the store's own rule, applied to the text early

_SPACE = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_TRAILING = re.compile(r"[ \t]+\n")
MAX_PARAGRAPH = Budget.max_paragraph


def normalise(text: str) -> str:
    return _collapsed(text).strip()


def _collapsed(text: str) -> str:
    """NFC with every run of whitespace made one space."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text))


HASH_CHUNK = 1 << 20  # characters normalised at a time: a 40 MB text took 490 MB normalised whole


def fingerprint(text: str, place: str = "") -> str:
    """sha256 of the normalised text, prefixed by `place` when the document is a post in a channel.
    Hashed a chunk at a time, each cut where a run of whitespace starts, so every chunk but the
    first begins with its whole run (one space once collapsed) and the digest is that of the
    whole normalised text."""
    digest = hashlib.sha256(f"{place}\n".encode("utf-8") if place else b"")
    text = text.strip()
    start = 0
    while start < len(text):
        end = _chunk_end(text, start)
        digest.update(_collapsed(text[start:end]).encode("utf-8"))
        start = end
    return digest.hexdigest()


def _chunk_end(text: str, start: int) -> int:
    """Where the chunk from `start` ends: the start of the whitespace run at or after
    `start + HASH_CHUNK` (the end of the text if there is none)."""
    found = _SPACE.search(text, start + HASH_CHUNK)
    if found is None:
        return len(text)
    run = found.start()
    while run > start and text[run - 1].isspace():
        run -= 1  # the cut fell inside a run: move it to where the run starts
    return run if run > start else found.end()  # the chunk is one long run: cut after it


def _place(doc: Document) -> str:
    meta = doc.metadata
    if doc.kind == "telegram" and meta.get("channel_id") and meta.get("message_id") is not None:
        return f"telegram:{meta['channel_id']}/{meta['message_id']}"
    return ""


def tidy(text: str, max_paragraph: int = MAX_PARAGRAPH) -> str:
    """The text as stored: NFC, no trailing blanks, at most one empty line between paragraphs, no
    paragraph longer than `max_paragraph` characters."""
    text = unicodedata.normalize("NFC", storable(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = _TRAILING.sub("\n", text)
    return "\n\n".join(bounded(block, max_paragraph) for block in _BLANK_LINES.sub("\n\n", text).strip().split("\n\n"))


def bounded(block: str, limit: int) -> str:
    """A paragraph longer than `limit` as paragraphs of at most `limit` characters: its lines packed
    together, a longer line cut after its last full stop, or else its last space, within the limit."""
    if len(block) <= limit:
        return block
    chunks: list[str] = []
    for line in block.split("\n"):
        while len(line) > limit:
            cut = _cut_at(line, limit)
            chunks.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
        if chunks and len(chunks[-1]) + 1 + len(line) <= limit:
            chunks[-1] += "\n" + line
        elif line:
            chunks.append(line)
    return "\n\n".join(chunk for chunk in chunks if chunk)


def _cut_at(line: str, limit: int) -> int:
    for mark in (". ", " "):
        found = line.rfind(mark, limit // 2, limit)
        if found > 0:
            return found + len(mark)
    return limit


def extraction_end(text: str, limit: int) -> int:
    """Where extraction stops in a text longer than `limit`: the last paragraph end within it, else
    its last full stop or space (a cut never falls inside a word)."""
    end = text.rfind("\n\n", limit // 2, limit)
    return end if end > 0 else _cut_at(text, limit)


def mark_extraction_end(doc: Document, budget: Budget) -> str | None:
    """Mark a document longer than the budget's --max-extracted with where extraction stops; the
    note to show the user ("ties found in its first 1,000,000 characters only ..."), else None."""
    if len(doc.text) <= budget.max_extracted:
        return None
    doc.metadata[EXTRACTED_CHARS] = extraction_end(doc.text, budget.max_extracted)
    reason = str(budget.over(doc.origin, "max_extracted")).removeprefix(f"{doc.origin}: ")
    return f"{reason}, of {len(doc.text):,}"


def finish(doc: Document, max_paragraph: int = MAX_PARAGRAPH, detect: bool = True) -> Document:
    """Tidy the text, set sha256 and language (unless `detect` is False: `with_languages` then sets
    it for many documents at once); a document with no words is an IngestError."""
    doc.text = tidy(doc.text, max_paragraph)
    if not any(ch.isalnum() for ch in doc.text):
        raise IngestError(f"{doc.origin}: no text in it")
    doc.sha256 = fingerprint(doc.text, _place(doc))
    if detect:
        doc.language = doc.language or detect_language(doc.text)
    for key in ("title", "author", "published"):
        value = getattr(doc, key)
        if value is not None:
            setattr(doc, key, normalise(storable(str(value))) or None)
    doc.origin = storable(doc.origin)  # a file name in no valid encoding still gets a printable origin
    if doc.source is not None:
        doc.source.name = normalise(storable(doc.source.name))
        doc.source.url = storable(doc.source.url) if doc.source.url else None
    return doc


def with_languages(docs: list[Document]) -> list[Document]:
    """The documents, each without a language given one (detected for all of them at once)."""
    unknown = [doc for doc in docs if not doc.language]
    for doc, code in zip(unknown, detect_languages([doc.text for doc in unknown])):
        doc.language = code
    return docs
