"""Full-text search over documents (SQLite FTS5, PostgreSQL text search) and document listing.

The dialect-specific index is created by migration 0002: on SQLite an external-content FTS5 table
`documents_fts` kept in step by triggers, on PostgreSQL a GIN expression index on the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Float, Integer, column, func, literal_column, select, text

from tiewatch.model import document_label
from tiewatch.store.tables import claims, documents, sources

_WORD = re.compile(r"\w+", re.UNICODE)
SNIPPET_CHARS = 220


@dataclass
class DocumentHit:
    """A document as a result list shows it: plain text only (callers escape it)."""

    id: int
    title: str | None
    kind: str
    origin: str
    published: str | None
    source: str | None
    snippet: str
    claims: int | None = None  # claims found in it, where the listing counted them

    @property
    def label(self) -> str:
        return document_label(self.title, self.origin, self.id)


def query_words(query: str) -> list[str]:
    """The words of a search box entry; punctuation and search operators are ignored."""
    return _WORD.findall(query or "")[:20]


def snippet(body: str, words: list[str], width: int = SNIPPET_CHARS) -> str:
    """A window of `body` around the first word found (plain text, whitespace collapsed)."""
    lowered = body.lower()
    hits = [i for i in (lowered.find(w.lower()) for w in words) if i >= 0]
    start = max(0, min(hits) - width // 3) if hits else 0
    piece = " ".join(body[start:start + width].split())
    return ("…" if start else "") + piece + ("…" if start + width < len(body) else "")


def _hit(row: Any, words: list[str]) -> DocumentHit:
    return DocumentHit(
        id=row.id, title=row.title, kind=row.kind, origin=row.origin, published=row.published,
        source=row.source, snippet=snippet(row.text, words), claims=row._mapping.get("claims"),
    )


def _document_rows() -> Any:
    return select(
        documents.c.id, documents.c.title, documents.c.kind, documents.c.origin,
        documents.c.published, documents.c.text, sources.c.name.label("source"),
    ).outerjoin(sources, sources.c.id == documents.c.source_id)


class SearchMixin:
    def search_documents(self, query: str, limit: int = 20, offset: int = 0) -> list[DocumentHit]:
        """Documents whose title or text contain every word of `query`, best match first."""
        words = query_words(query)
        if not words:
            return []
        if self.dialect == "postgresql":
            vector = literal_column("to_tsvector('simple', coalesce(documents.title, '') || ' ' || documents.text)")
            tsquery = func.plainto_tsquery("simple", " ".join(words))
            stmt = (
                _document_rows().where(vector.op("@@")(tsquery))
                .order_by(func.ts_rank(vector, tsquery).desc(), documents.c.id.desc())
            )
        else:
            match = " ".join('"' + w.replace('"', "") + '"' for w in words)
            ranked = text("SELECT rowid AS doc_id, rank FROM documents_fts WHERE documents_fts MATCH :m").bindparams(m=match)
            fts = ranked.columns(column("doc_id", Integer), column("rank", Float)).subquery("fts")
            stmt = (
                _document_rows().join(fts, fts.c.doc_id == documents.c.id)
                .order_by(fts.c.rank, documents.c.id.desc())
            )
        with self.reading() as conn:
            rows = conn.execute(stmt.limit(limit).offset(offset)).all()
        return [_hit(r, words) for r in rows]

    def list_documents(self, limit: int = 50, offset: int = 0) -> list[DocumentHit]:
        """Documents, newest stored first, as result-list entries with how many claims each holds."""
        counted = select(func.count()).where(claims.c.document_id == documents.c.id).scalar_subquery()
        stmt = _document_rows().add_columns(counted.label("claims")).order_by(documents.c.id.desc()).limit(limit).offset(offset)
        with self.reading() as conn:
            return [_hit(r, []) for r in conn.execute(stmt).all()]
