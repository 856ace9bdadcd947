"""The reader registry, the bytes a reader is handed, and how a reader is chosen by sniffing.

A reader is a class registered in `readers` (built-ins register exactly as a third party would,
through the decorator and the `tiewatch.readers` entry-point group) with:

    name: str                                   registry name ("html", "pdf", ...)
    def sniff(self, blob: Blob) -> int          0 = not mine ... 100 = certainly mine
    def read(self, blob: Blob) -> Iterator[Document]
                                                 raise IngestError with a one-line reason;
                                                 keep to `blob.budget` (tiewatch.ingest.budget)

`choose_reader` asks every registered reader and takes the highest score, so the reader is picked
by content (magic bytes, JSON shape, XML root, HTML markers), and the file name only breaks ties.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath
from typing import Any, Iterator, Protocol

from tiewatch.ingest.budget import Budget
from tiewatch.model import Document, IngestError, Registry

readers = Registry("tiewatch.readers")

HEAD_BYTES = 8192


@dataclass
class Blob:
    """The raw content of one input, already size-checked, and where it came from."""

    data: bytes
    origin: str  # the path or URL as the user gave it (after redirects: the final URL)
    name: str = ""  # file name, used only to break sniffing ties
    content_type: str | None = None  # from HTTP, without parameters
    budget: Budget = field(default_factory=Budget)  # the limits its reader keeps to
    stored_as: str | None = None  # the name its documents are stored under (see inputs.Item.shown)

    def stored_origin(self, origin: str) -> str:
        """A document's origin as stored: the file's path as typed swapped for its shown name
        ("/home/me/case/chat.json#42/7" -> "case/chat.json#42/7"); URLs and links kept."""
        if self.stored_as is None or not origin.startswith(self.origin):
            return origin
        rest = origin[len(self.origin):]
        return self.stored_as + rest if rest[:1] in ("", "#") else origin

    @cached_property
    def head(self) -> bytes:
        return self.data[:HEAD_BYTES]

    @cached_property
    def suffix(self) -> str:
        return PurePosixPath(self.name or self.origin.split("?", 1)[0]).suffix.lower()

    @cached_property
    def head_text(self) -> str:
        """The head decoded loosely, lower-cased, without a byte-order mark, for marker checks."""
        for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
            if self.head.startswith(bom):
                return self.head[len(bom):].decode(codec, "ignore").lower().lstrip()
        return self.head.decode("utf-8", "ignore").lstrip("\ufeff").lower().lstrip()

    @cached_property
    def zip_names(self) -> frozenset[str]:
        """Member names when the content is a ZIP container (DOCX, ...), else empty."""
        if not self.data.startswith(b"PK\x03\x04"):
            return frozenset()
        try:
            with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
                return frozenset(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return frozenset()

    def looks_binary(self) -> bool:
        """Control bytes that no text encoding would produce (UTF-16 text is caught by its BOM)."""
        head = self.head
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return False
        if not head:
            return False
        controls = sum(1 for b in head if b < 9 or 13 < b < 32 or b == 127)
        return controls / len(head) > 0.01


class Reader(Protocol):
    name: str

    def sniff(self, blob: Blob) -> int: ...

    def read(self, blob: Blob) -> Iterator[Document]: ...


_instances: dict[str, Any] = {}


def reader(name: str) -> Reader:
    """The (cached) instance of the reader registered under `name`."""
    if name not in _instances:
        _instances[name] = readers.get(name)()
    return _instances[name]


def choose_reader(blob: Blob) -> Reader:
    """The reader that claims this content most strongly, or IngestError saying what it looks like."""
    scored = []
    for name in sorted(readers.names()):
        candidate = reader(name)
        score = candidate.sniff(blob)
        if score > 0:
            scored.append((score, name, candidate))
    if not scored:
        raise IngestError(f"{blob.origin}: {describe_unknown(blob)}")
    scored.sort(key=lambda item: (-item[0], item[1]))
    return scored[0][2]


def describe_unknown(blob: Blob) -> str:
    if blob.looks_binary():
        return "binary data in no supported format (HTML, PDF, DOCX, text, RSS/Atom, Telegram JSON)"
    return "content in no supported format (HTML, PDF, DOCX, text, RSS/Atom, Telegram JSON)"
