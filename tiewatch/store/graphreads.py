"""Read queries over actors that every consumer shares (CLI, web, exports, alerts); ties are in tiereads."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from tiewatch.model import Actor, NotFound
from tiewatch.store.tables import actors, aliases, claims, mentions
from tiewatch.store.display import display_names


class GraphReadsMixin:
    # --- actors ---------------------------------------------------------------------------
    def _actors_from_rows(self, conn: Any, rows: list[Any]) -> list[Actor]:
        ids = [r.id for r in rows]
        names: dict[int, list[str]] = {i: [] for i in ids}
        counts: dict[int, int] = {}
        if ids:
            owner = self._merged_owners(conn, ids)
            for actor_id, alias in conn.execute(
                select(aliases.c.actor_id, aliases.c.alias).where(aliases.c.actor_id.in_(list(owner)))
                .order_by(aliases.c.id)
            ):
                if alias not in names[owner[actor_id]]:
                    names[owner[actor_id]].append(alias)
            m = aliased(mentions)
            for actor_id, n in conn.execute(
                select(m.c.actor_id, func.count(func.distinct(claims.c.id)))
                .join(claims, or_(claims.c.subject_mention_id == m.c.id, claims.c.object_mention_id == m.c.id))
                .where(m.c.actor_id.in_(ids))
                .group_by(m.c.actor_id)
            ):
                counts[actor_id] = n
        shown = display_names(conn, rows)
        return [
            Actor(
                id=r.id, name=r.name, kind=r.kind, display_name=shown.get(r.id) if shown.get(r.id) != r.name else None,
                aliases=[a for a in names[r.id] if a != r.name],
                external_ids=dict(r.external_ids or {}), designations=list(r.designations or []),
                first_seen=r.first_seen, claim_count=counts.get(r.id, 0), dismissed_at=r.dismissed_at,
            )
            for r in rows
        ]

    @staticmethod
    def _merged_owners(conn: Any, ids: list[int]) -> dict[int, int]:
        """Each of `ids` and every actor merged into it (at any depth) -> the actor of `ids`."""
        owner = {i: i for i in ids}
        frontier = list(ids)
        while frontier:
            merged = conn.execute(
                select(actors.c.id, actors.c.name, actors.c.merged_into).where(actors.c.merged_into.in_(frontier))
            ).all()
            frontier = [r.id for r in merged if r.id not in owner]
            for r in merged:
                owner.setdefault(r.id, owner[r.merged_into])
        return owner

    def get_actor(self, actor_id: int) -> Actor:
        with self.reading() as conn:
            rows = conn.execute(select(actors).where(actors.c.id == actor_id)).all()
            if not rows:
                raise NotFound(f"no actor with id {actor_id}")
            return self._actors_from_rows(conn, rows)[0]

    def list_actors(self, kind: str | None = None, limit: int | None = None, offset: int = 0) -> list[Actor]:
        """Live actors (not merged away, not marked "not an actor"), by name."""
        query = (select(actors).where(actors.c.merged_into.is_(None), actors.c.dismissed_at.is_(None))
                 .order_by(actors.c.name, actors.c.id))
        if kind:
            query = query.where(actors.c.kind == kind)
        query = query.offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self.reading() as conn:
            return self._actors_from_rows(conn, conn.execute(query).all())

    def search_actors(self, text: str, limit: int = 50) -> list[Actor]:
        """Live actors whose name or an alias contains `text` (case-insensitive)."""
        pattern = f"%{text.lower()}%"
        matching = select(aliases.c.actor_id).where(func.lower(aliases.c.alias).like(pattern))
        query = (
            select(actors)
            .where(actors.c.merged_into.is_(None), actors.c.dismissed_at.is_(None))
            .where(or_(func.lower(actors.c.name).like(pattern), actors.c.id.in_(matching)))
            .order_by(actors.c.name)
            .limit(limit)
        )
        with self.reading() as conn:
            return self._actors_from_rows(conn, conn.execute(query).all())
