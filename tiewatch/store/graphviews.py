"""Read views the web UI, exports and briefs share: claims with their evidence context."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased

from tiewatch.model import document_label
from tiewatch.store.tables import claims, documents, mentions, sources


@dataclass
class ClaimView:
    """A claim as an analyst reads it: the quote, who says it, where and when."""

    id: int
    tie_id: int | None
    type: str
    polarity: str
    status: str
    claimant: str
    sentence: str
    start: int
    end: int
    rule: str
    confidence: float
    extractor: str
    subject: str
    subject_start: int
    subject_end: int
    subject_actor_id: int | None
    object: str
    object_start: int
    object_end: int
    object_actor_id: int | None
    document_id: int
    document_title: str | None
    document_origin: str
    published: str | None
    ingested_at: str
    source: str | None
    reliability: str | None
    cluster_id: int | None

    @property
    def date(self) -> str:
        return (self.published or self.ingested_at or "")[:10]

    @property
    def document_label(self) -> str:
        """How the document is named wherever evidence is cited (see tiewatch.model.document_label)."""
        return document_label(self.document_title, self.document_origin, self.document_id)


def claim_view_query() -> Any:
    subj, obj = aliased(mentions), aliased(mentions)
    return (
        select(
            claims.c.id, claims.c.tie_id, claims.c.type, claims.c.polarity, claims.c.status,
            claims.c.claimant, claims.c.sentence, claims.c.start_char.label("start"),
            claims.c.end_char.label("end"), claims.c.rule, claims.c.confidence, claims.c.extractor,
            subj.c.text.label("subject"), subj.c.start_char.label("subject_start"),
            subj.c.end_char.label("subject_end"), subj.c.actor_id.label("subject_actor_id"),
            obj.c.text.label("object"), obj.c.start_char.label("object_start"),
            obj.c.end_char.label("object_end"), obj.c.actor_id.label("object_actor_id"),
            documents.c.id.label("document_id"), documents.c.title.label("document_title"),
            documents.c.origin.label("document_origin"), documents.c.published,
            documents.c.ingested_at, sources.c.name.label("source"), sources.c.reliability,
            documents.c.cluster_id,
        )
        .join(subj, subj.c.id == claims.c.subject_mention_id)
        .join(obj, obj.c.id == claims.c.object_mention_id)
        .join(documents, documents.c.id == claims.c.document_id)
        .outerjoin(sources, sources.c.id == documents.c.source_id)
    )


class ClaimViewsMixin:
    def claims_for_tie(self, tie_id: int) -> list[ClaimView]:
        with self.reading() as conn:
            rows = conn.execute(claim_view_query().where(claims.c.tie_id == tie_id).order_by(claims.c.id)).all()
        return [ClaimView(**row._mapping) for row in rows]

    def claims_for_document(self, document_id: int) -> list[ClaimView]:
        with self.reading() as conn:
            rows = conn.execute(
                claim_view_query().where(claims.c.document_id == document_id).order_by(claims.c.start_char)
            ).all()
        return [ClaimView(**row._mapping) for row in rows]

    def get_claim(self, claim_id: int) -> ClaimView:
        from tiewatch.model import NotFound

        with self.reading() as conn:
            row = conn.execute(claim_view_query().where(claims.c.id == claim_id)).first()
        if row is None:
            raise NotFound(f"no claim with id {claim_id}")
        return ClaimView(**row._mapping)
