"""Build stores the way the ingest pipeline does: documents with hand-made mentions and claims.

Shared by tests/graph, tests/resolve and tests/cli through their conftest `corpus` fixture.
"""

from __future__ import annotations

import hashlib

from tiewatch.model import Claim, Document, Mention, Source


def mention(text: str, name: str, kind: str = "group", canonical: str | None = None, after: int = 0) -> Mention:
    start = text.index(name, after)
    return Mention(name, start, start + len(name), kind, canonical=canonical)


class Corpus:
    """Adds documents to a store; each claim is (subject, type, object[, polarity[, kinds]])."""

    def __init__(self, store):
        self.store = store

    def add(self, text: str, *claims: tuple, source: str | None = "Sahel Monitor", published: str | None = "2024-03-01",
            kind: str = "text", metadata: dict | None = None, names: tuple = ()) -> int:
        found_mentions = [mention(text, *n) if isinstance(n, tuple) else mention(text, n) for n in names]
        found_claims = []
        for spec in claims:
            subject, tie_type, obj, *rest = spec
            polarity = rest[0] if rest else "asserted"
            kinds = rest[1] if len(rest) > 1 else ("group", "group")
            s, o = mention(text, subject, kinds[0]), mention(text, obj, kinds[1])
            found_mentions += [s, o]
            found_claims.append(Claim(s, o, tie_type, polarity, source or "unknown", text, 0, len(text), "test", 0.9))
        doc = Document(
            text=text, kind=kind, origin=f"{source}/{hashlib.md5(text.encode()).hexdigest()[:8]}",
            published=published, metadata=metadata or {}, source=Source(source) if source else None,
            sha256=hashlib.sha256(text.encode()).hexdigest(),
        )
        doc_id, _ = self.store.add_document(doc, found_mentions, found_claims)
        return doc_id
