"""Sources, documents and what extraction found in them (mentions, claims).

Every row is clipped on its way in (`clip`) to what both backends hold, so SQLite and PostgreSQL
store the same thing: text without NUL bytes, control characters or lone surrogates and no longer
than its column, finite numbers, integers in range, JSON without NaN or Infinity.
"""

from __future__ import annotations

import math
import re
from typing import Any, Iterable, Iterator

from sqlalchemy import JSON, Column, Float, Integer, String, Table, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DataError, IntegrityError

from tiewatch.model import Claim, Document, Mention, NotFound, Source, StoreError
from tiewatch.store.base import utcnow
from tiewatch.store.graphstate import touch_graph
from tiewatch.store.tables import claims, documents, mentions, sources

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # never text; PostgreSQL refuses NUL
INTEGER_RANGE = (-(2**31), 2**31 - 1)  # PostgreSQL INTEGER


def clean_text(text: str) -> str:
    """Text any database accepts: no control characters, no lone surrogates (from broken JSON escapes)."""
    return _CONTROLS.sub("", text.encode("utf-8", "replace").decode("utf-8"))


def clip(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """The row as both backends store it (see the module docstring)."""
    return {name: _clipped(table.c[name], value) for name, value in values.items()}


def _clipped(column: Column, value: Any) -> Any:
    kind = column.type
    if value is None:
        return None
    if isinstance(kind, JSON):
        return json_safe(value)
    if isinstance(kind, String):
        text = clean_text(str(value))
        return text[: kind.length] if kind.length else text
    if isinstance(kind, Float):
        return float(value) if math.isfinite(float(value)) else _empty(column, 0.0)
    if isinstance(kind, Integer):
        return value if INTEGER_RANGE[0] <= int(value) <= INTEGER_RANGE[1] else _empty(column, 0)
    return value


def _empty(column: Column, zero: Any) -> Any:
    return None if column.nullable else zero


def json_safe(value: Any) -> Any:
    """A value JSON holds on every backend: finite numbers, clean strings, lists and string keys."""
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {clean_text(str(key)): json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [json_safe(item) for item in value]
    return clean_text(str(value))


def _document_from_row(row: Any, source: Source | None = None) -> Document:
    return Document(
        id=row.id,
        sha256=row.sha256,
        kind=row.kind,
        origin=row.origin,
        title=row.title,
        author=row.author,
        published=row.published,
        language=row.language,
        text=row.text,
        metadata=dict(row.meta or {}),
        ingested_at=row.ingested_at,
        source=source,
    )


def _source_from_row(row: Any) -> Source:
    return Source(id=row.id, name=row.name, kind=row.kind, url=row.url, reliability=row.reliability)


class DocumentsMixin:
    # --- sources --------------------------------------------------------------------------
    def _ensure_source(self, conn: Connection, source: Source) -> int:
        row = clip(sources, {"name": source.name, "kind": source.kind, "url": source.url,
                             "reliability": source.reliability or "F", "created_at": utcnow()})
        found = conn.execute(select(sources.c.id).where(sources.c.name == row["name"])).scalar()
        if found is not None:
            return found
        return conn.execute(sources.insert().values(**row)).inserted_primary_key[0]

    def list_sources(self) -> list[Source]:
        with self.reading() as conn:
            rows = conn.execute(select(sources).order_by(sources.c.name)).all()
        return [_source_from_row(r) for r in rows]

    def get_source(self, name_or_id: str | int) -> Source:
        """The source with this id, or this name as written, else in any case (when only one
        source bears it), else with this id written as digits."""
        if isinstance(name_or_id, int):
            wheres = [sources.c.id == name_or_id]
        else:
            text = name_or_id.strip()
            wheres = [sources.c.name == text, func.lower(sources.c.name) == text.lower()]
            wheres += [sources.c.id == int(text)] if text.isdigit() and len(text) < 18 else []
        with self.reading() as conn:
            for where in wheres:
                rows = conn.execute(select(sources).where(where).limit(2)).all()
                if len(rows) == 1:
                    return _source_from_row(rows[0])
        raise NotFound(f"no source named {name_or_id!r}; `tiewatch sources` lists them")

    # --- documents ------------------------------------------------------------------------
    def find_document_id(self, sha256: str) -> int | None:
        with self.reading() as conn:
            return conn.execute(select(documents.c.id).where(documents.c.sha256 == sha256)).scalar()

    def add_document(
        self,
        doc: Document,
        found_mentions: Iterable[Mention] = (),
        found_claims: Iterable[Claim] = (),
    ) -> tuple[int, bool]:
        """Store a document with its mentions and claims in one transaction.

        Returns (id, True) when stored, (existing id, False) when its text is already known;
        StoreError when the database refuses it even clipped. Another process storing the same text
        (or creating the same source) at the same moment is no error: its row wins and this call
        answers as if it had been there first.
        """
        if not doc.sha256:
            raise ValueError("Document.sha256 must be set by the reader before storing")
        found_mentions, found_claims = list(found_mentions), list(found_claims)
        try:
            try:
                return self._add_document(doc, found_mentions, found_claims)
            except IntegrityError:
                return self._add_document(doc, found_mentions, found_claims)  # the other writer's row is visible now
        except DataError as exc:
            reason = str(exc.orig or exc).strip().splitlines()[0]
            raise StoreError(f"{doc.origin}: the database refused it ({reason})") from None

    def _add_document(self, doc: Document, found_mentions: list[Mention], found_claims: list[Claim]) -> tuple[int, bool]:
        with self.transaction() as conn:
            existing = conn.execute(select(documents.c.id).where(documents.c.sha256 == doc.sha256)).scalar()
            if existing is not None:
                return existing, False
            source_id = self._ensure_source(conn, doc.source) if doc.source else None
            doc.ingested_at = doc.ingested_at or utcnow()
            doc.id = conn.execute(
                documents.insert().values(**clip(documents, {
                    "sha256": doc.sha256, "kind": doc.kind, "origin": doc.origin, "source_id": source_id,
                    "title": doc.title, "author": doc.author, "published": doc.published,
                    "language": doc.language, "text": doc.text, "meta": doc.metadata,
                    "ingested_at": doc.ingested_at,
                }))
            ).inserted_primary_key[0]
            self._insert_findings(conn, doc.id, found_mentions, found_claims)
            touch_graph(conn)
        return doc.id, True

    def _insert_findings(
        self, conn: Connection, document_id: int, found_mentions: Iterable[Mention], found_claims: Iterable[Claim]
    ) -> None:
        ids: dict[int, int] = {}

        def mention_id(m: Mention) -> int:
            if id(m) not in ids:
                m.document_id = document_id
                m.id = conn.execute(
                    mentions.insert().values(**clip(mentions, {
                        "document_id": document_id, "start_char": m.start, "end_char": m.end, "text": m.text,
                        "kind": m.kind, "label": m.label, "canonical": m.canonical, "actor_id": m.actor_id,
                    }))
                ).inserted_primary_key[0]
                ids[id(m)] = m.id
            return ids[id(m)]

        for m in found_mentions:
            mention_id(m)
        for c in found_claims:
            c.document_id = document_id
            c.id = conn.execute(
                claims.insert().values(**clip(claims, {
                    "document_id": document_id,
                    "subject_mention_id": mention_id(c.subject),
                    "object_mention_id": mention_id(c.object),
                    "claimant_mention_id": mention_id(c.claimant_mention) if c.claimant_mention else None,
                    "type": c.type, "polarity": c.polarity, "claimant": c.claimant, "sentence": c.sentence,
                    "start_char": c.start, "end_char": c.end, "rule": c.rule, "confidence": c.confidence,
                    "extractor": c.extractor, "status": c.status,
                }))
            ).inserted_primary_key[0]

    def get_document(self, document_id: int) -> Document:
        with self.reading() as conn:
            row = conn.execute(select(documents).where(documents.c.id == document_id)).first()
            if row is None:
                raise NotFound(f"no document with id {document_id}")
            src = conn.execute(select(sources).where(sources.c.id == row.source_id)).first()
        return _document_from_row(row, _source_from_row(src) if src else None)

    def iter_documents(self, batch: int = 200) -> Iterator[Document]:
        """Every document in id order, read in batches so memory stays flat."""
        last = 0
        while True:
            with self.reading() as conn:
                rows = conn.execute(
                    select(documents).where(documents.c.id > last).order_by(documents.c.id).limit(batch)
                ).all()
                wanted = {r.source_id for r in rows if r.source_id is not None}
                srcs = {r.id: _source_from_row(r)
                        for r in conn.execute(select(sources).where(sources.c.id.in_(wanted))).all()} if wanted else {}
            if not rows:
                return
            for row in rows:
                yield _document_from_row(row, srcs.get(row.source_id))
            last = rows[-1].id

    def count_documents(self) -> int:
        with self.reading() as conn:
            return conn.execute(select(func.count()).select_from(documents)).scalar_one()

    def count_claims(self) -> int:
        with self.reading() as conn:
            return conn.execute(select(func.count()).select_from(claims)).scalar_one()
