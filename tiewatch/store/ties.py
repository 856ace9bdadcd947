"""Writes for the graph stage: tie aggregation, source grades, channel edges (near-duplicate clusters:
store/clusters.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from sqlalchemy import bindparam, select
from sqlalchemy.orm import aliased

from tiewatch.store.base import utcnow
from tiewatch.store.tables import actors, claims, documents, mentions, sources, structural_edges, ties

TIE_FIELDS = ("asserted", "denied", "hedged", "sources", "first_seen", "last_seen", "reliability", "credibility")


@dataclass
class ClaimFact:
    """What aggregation needs of one claim, with analyst review already applied."""

    id: int
    tie_id: int | None
    subject_id: int | None
    object_id: int | None
    type: str
    polarity: str
    status: str
    document_id: int
    cluster_id: int | None
    source_id: int | None
    reliability: str
    date: str


class TiesMixin:
    # --- aggregation ----------------------------------------------------------------------
    def claim_facts(self) -> list[ClaimFact]:
        """Every claim with its resolved ends, reviewed type/direction, document date and source grade."""
        subj, obj = aliased(mentions), aliased(mentions)
        query = (
            select(
                claims.c.id, claims.c.tie_id, subj.c.actor_id.label("subject_id"), obj.c.actor_id.label("object_id"),
                claims.c.type, claims.c.reviewed_type, claims.c.reviewed_reversed, claims.c.polarity,
                claims.c.status, claims.c.document_id, documents.c.cluster_id, documents.c.source_id,
                sources.c.reliability, documents.c.published, documents.c.ingested_at,
            )
            .join(subj, subj.c.id == claims.c.subject_mention_id)
            .join(obj, obj.c.id == claims.c.object_mention_id)
            .join(documents, documents.c.id == claims.c.document_id)
            .outerjoin(sources, sources.c.id == documents.c.source_id)
            .order_by(claims.c.id)
        )
        facts = []
        with self.reading() as conn:
            dismissed = set(conn.execute(select(actors.c.id).where(actors.c.dismissed_at.is_not(None))).scalars())
            for r in conn.execute(query):
                s, o = (r.object_id, r.subject_id) if r.reviewed_reversed else (r.subject_id, r.object_id)
                s, o = (None if s in dismissed else s), (None if o in dismissed else o)  # not an actor: no tie
                facts.append(ClaimFact(
                    id=r.id, tie_id=r.tie_id, subject_id=s, object_id=o, type=r.reviewed_type or r.type,
                    polarity=r.polarity, status=r.status, document_id=r.document_id, cluster_id=r.cluster_id,
                    source_id=r.source_id, reliability=r.reliability or "F",
                    date=(r.published or r.ingested_at or "")[:10],
                ))
        return facts

    def tie_records(self) -> dict[tuple[int, str, int], dict[str, Any]]:
        """Every stored tie by (subject_id, type, object_id)."""
        with self.reading() as conn:
            rows = conn.execute(select(ties)).all()
        return {(r.subject_id, r.type, r.object_id): dict(r._mapping) for r in rows}

    def save_ties(
        self,
        new: Iterable[dict[str, Any]],
        changed: Iterable[tuple[int, dict[str, Any]]],
        claim_ties: Iterable[tuple[int, int | None]],
        now: str | None = None,
    ) -> dict[tuple[int, str, int], int]:
        """Insert new ties, update changed ones and point claims at their ties, in one transaction.

        `claim_ties` may name a new tie by its key tuple instead of an id. Returns new ids by key.
        """
        now = now or utcnow()
        ids: dict[tuple[int, str, int], int] = {}
        with self.transaction() as conn:
            for values in new:
                values = {"created_at": now, "updated_at": now, **values}
                key = (values["subject_id"], values["type"], values["object_id"])
                ids[key] = conn.execute(ties.insert().values(**values)).inserted_primary_key[0]
            for tie_id, values in changed:
                conn.execute(ties.update().where(ties.c.id == tie_id).values(updated_at=now, **values))
            rows = [{"claim": c, "tie": ids[t] if isinstance(t, tuple) else t} for c, t in claim_ties]
            if rows:
                conn.execute(claims.update().where(claims.c.id == bindparam("claim")).values(tie_id=bindparam("tie")), rows)
        return ids

    # --- sources --------------------------------------------------------------------------
    def source_claim_counts(self) -> dict[int, int]:
        """Number of claims per source id."""
        from sqlalchemy import func

        with self.reading() as conn:
            return dict(conn.execute(
                select(documents.c.source_id, func.count(claims.c.id))
                .join(claims, claims.c.document_id == documents.c.id)
                .where(documents.c.source_id.is_not(None)).group_by(documents.c.source_id)
            ).all())

    # --- structural channel edges ---------------------------------------------------------
    def add_structural_edges(self, edges: Iterable[dict[str, Any]]) -> int:
        edges = list(edges)
        if edges:
            with self.transaction() as conn:
                conn.execute(structural_edges.insert(), edges)
        return len(edges)

    def resolve_channel_ids(self, names_by_id: dict[str, str]) -> int:
        """Unresolved edge ends that are now-known channel ids become channel names."""
        changed = 0
        with self.transaction() as conn:
            for raw_id, name in names_by_id.items():
                changed += conn.execute(
                    structural_edges.update()
                    .where(structural_edges.c.to_channel == raw_id, structural_edges.c.resolved == 0)
                    .values(to_channel=name, resolved=1)
                ).rowcount
        return changed

    def unresolved_channel_ids(self) -> set[str]:
        with self.reading() as conn:
            return set(conn.scalars(
                select(structural_edges.c.to_channel).where(structural_edges.c.resolved == 0).distinct()
            ))

    def list_structural_edges(self, channel: str | None = None) -> list[dict[str, Any]]:
        """Channel edges (forward, reply, link, mention), optionally those touching one channel."""
        query = select(structural_edges).order_by(structural_edges.c.id)
        if channel:
            query = query.where(
                (structural_edges.c.from_channel == channel) | (structural_edges.c.to_channel == channel)
            )
        with self.reading() as conn:
            return [dict(r._mapping) for r in conn.execute(query).all()]

    def telegram_messages(self) -> dict[tuple[str, str], tuple[str, str | None]]:
        """(channel, message id) -> (channel, author) for every stored Telegram post."""
        out: dict[tuple[str, str], tuple[str, str | None]] = {}
        with self.reading() as conn:
            for meta in conn.scalars(select(documents.c.meta).where(documents.c.kind == "telegram")):
                meta = meta or {}
                if meta.get("channel") and meta.get("message_id") is not None:
                    out[(str(meta["channel"]), str(meta["message_id"]))] = (meta["channel"], meta.get("from"))
        return out
