"""The records that flow between stages. Plain dataclasses: no I/O, no project imports.

Offsets are character offsets into `Document.text` exactly as stored (Python `str` indices).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

POLARITIES = ("asserted", "denied", "hedged")
ACTOR_KINDS = ("group", "person", "state", "place", "other")


@dataclass
class Source:
    """Who published a document: a publisher, a web site or a Telegram channel."""

    name: str
    kind: str = "publisher"  # publisher | site | channel | feed
    url: str | None = None
    reliability: str = "F"  # Admiralty A-F; F = cannot be judged
    id: int | None = None


EXTRACTED_CHARS = "extracted_chars"  # a document metadata key: ties were read up to this offset only


@dataclass
class Document:
    """One stored piece of text and where it came from."""

    text: str
    kind: str  # html | pdf | docx | text | feed | telegram
    origin: str  # path, URL, or channel/message reference
    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as precise as the source says
    language: str | None = None  # ISO 639-1
    metadata: dict[str, Any] = field(default_factory=dict)  # EXTRACTED_CHARS: where extraction stopped
    source: Source | None = None
    sha256: str | None = None
    ingested_at: str | None = None
    id: int | None = None


@dataclass
class Mention:
    """A span of a document that names (or refers back to) an actor."""

    text: str
    start: int
    end: int
    kind: str  # one of ACTOR_KINDS
    label: str = ""  # spaCy label or ruler pattern id
    canonical: str | None = None  # the name it refers to when it is a reference ("the group")
    document_id: int | None = None
    actor_id: int | None = None
    id: int | None = None


@dataclass
class Claim:
    """One tie a sentence claims, with its evidence.

    `start`/`end` are the evidence sentence's offsets in the document text; the subject and
    object mentions carry their own offsets.
    """

    subject: Mention
    object: Mention
    type: str
    polarity: str  # asserted | denied | hedged
    claimant: str
    sentence: str
    start: int
    end: int
    rule: str
    confidence: float
    claimant_mention: Mention | None = None
    extractor: str = "rules"
    document_id: int | None = None
    status: str = "pending"  # pending | confirmed | rejected (analyst review)
    id: int | None = None

    def key(self) -> tuple[str, str, str, str]:
        return (self.subject.text, self.type, self.object.text, self.polarity)


@dataclass
class Actor:
    """A resolved actor: one node of the graph."""

    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    external_ids: dict[str, str] = field(default_factory=dict)  # e.g. {"ofac": "12345"}
    designations: list[dict[str, Any]] = field(default_factory=list)
    first_seen: str | None = None
    claim_count: int = 0
    id: int | None = None
    dismissed_at: str | None = None  # when an analyst marked it "not an actor" (then it makes no ties)
    display_name: str | None = None  # the name shown: an analyst's, else the one its documents use most

    @property
    def label(self) -> str:
        return self.display_name or self.name


@dataclass
class Tie:
    """All claims about one (subject, type, object), aggregated."""

    subject_id: int
    object_id: int
    type: str
    asserted: int = 0
    denied: int = 0
    hedged: int = 0
    sources: int = 0  # independent sources
    first_seen: str | None = None
    last_seen: str | None = None
    reliability: str = "F"
    credibility: int = 6
    subject: str | None = None
    object: str | None = None
    id: int | None = None
    updated_at: str | None = field(default=None, compare=False)  # when tiewatch last changed it; bookkeeping, not what the tie says

    @property
    def grade(self) -> str:
        return f"{self.reliability}{self.credibility}"


def web_address(origin: str | None) -> str | None:
    """The origin when it is a web address (a page, a feed item, a public Telegram post), else None."""
    return origin if origin and origin.startswith(("http://", "https://")) else None


def document_label(title: str | None, origin: str | None, document_id: int | None) -> str:
    """How a document is named wherever it is listed or cited: its title, else its web address,
    else "untitled document #N"; never a local path (see shown_origin)."""
    return title or web_address(origin) or f"untitled document #{document_id}"


def shown_origin(origin: str | None, show_paths: bool = False) -> str | None:
    """What a page, brief or export may say of where a document came from: its web address, or, only
    when the user asks (--show-paths), the file it was read from as stored (relative to what was
    ingested). A local path is never shown by default: briefs and exports travel."""
    return (origin or None) if show_paths else web_address(origin)
