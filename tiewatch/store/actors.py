"""Writes and working reads for actors: the registry, aliases, mention resolution, merge log."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from tiewatch.model import NotFound
from tiewatch.store.base import utcnow
from tiewatch.store.graphstate import touch_graph
from tiewatch.store.tables import actors, aliases, documents, mentions, merge_log


@dataclass
class MentionRow:
    id: int
    text: str
    canonical: str | None
    kind: str
    start: int
    end: int
    label: str = ""


@dataclass
class UnresolvedDocument:
    """A document with the mentions that are not yet tied to an actor."""

    id: int
    text: str
    date: str
    mentions: list[MentionRow] = field(default_factory=list)


@dataclass
class MergeEntry:
    id: int
    action: str
    kept_id: int
    other_id: int
    snapshot: dict[str, Any]
    why: str | None
    who: str
    at: str
    undone_at: str | None


def _insert_aliases(conn: Connection, actor_id: int, names: Iterable[tuple[str, str, str]]) -> None:
    seen = {
        norm for (norm,) in conn.execute(select(aliases.c.norm).where(aliases.c.actor_id == actor_id))
    }
    for alias, norm, origin in names:
        if norm and norm not in seen:
            seen.add(norm)
            conn.execute(aliases.insert().values(actor_id=actor_id, alias=alias, norm=norm[:300], origin=origin))


class ActorsMixin:
    # --- the registry as the resolver sees it ---------------------------------------------
    def actor_records(self) -> list[Any]:
        """Every actor (live and merged): id, name, kind, merged_into, parent_id, external_ids, dismissed_at."""
        with self.reading() as conn:
            return conn.execute(
                select(actors.c.id, actors.c.name, actors.c.kind, actors.c.merged_into,
                       actors.c.parent_id, actors.c.external_ids, actors.c.dismissed_at).order_by(actors.c.id)
            ).all()

    def alias_records(self) -> list[Any]:
        """Every alias: actor_id, alias, norm, origin."""
        with self.reading() as conn:
            return conn.execute(
                select(aliases.c.actor_id, aliases.c.alias, aliases.c.norm, aliases.c.origin).order_by(aliases.c.id)
            ).all()

    def create_actor(
        self,
        name: str,
        kind: str,
        names: Iterable[tuple[str, str, str]] = (),
        *,
        external_ids: dict[str, str] | None = None,
        designations: list[dict[str, Any]] | None = None,
        first_seen: str | None = None,
        parent_id: int | None = None,
    ) -> int:
        """A new actor with its names as (alias, norm, origin) triples; returns its id."""
        with self.transaction() as conn:
            actor_id = conn.execute(
                actors.insert().values(
                    name=name, kind=kind, external_ids=external_ids or {}, designations=designations or [],
                    first_seen=first_seen, created_at=utcnow(), parent_id=parent_id,
                )
            ).inserted_primary_key[0]
            _insert_aliases(conn, actor_id, names)
        return actor_id

    def add_aliases(self, actor_id: int, names: Iterable[tuple[str, str, str]]) -> None:
        with self.transaction() as conn:
            _insert_aliases(conn, actor_id, names)

    def set_actor_parent(self, actor_id: int, parent_id: int | None) -> None:
        with self.transaction() as conn:
            conn.execute(actors.update().where(actors.c.id == actor_id).values(parent_id=parent_id))

    def actor_parent(self, actor_id: int) -> tuple[int, str] | None:
        """(id, name) of the live actor this one is part of, if known."""
        with self.reading() as conn:
            parent_id = conn.execute(select(actors.c.parent_id).where(actors.c.id == actor_id)).scalar()
        return None if parent_id is None else self.live_actor(parent_id)

    def actor_parts(self, actor_id: int) -> list[tuple[int, str]]:
        """(id, name) of the live actors recorded as part of this one."""
        with self.reading() as conn:
            return [tuple(r) for r in conn.execute(
                select(actors.c.id, actors.c.name)
                .where(actors.c.parent_id == actor_id, actors.c.merged_into.is_(None)).order_by(actors.c.name)
            )]

    def actor_ids_named(self, name: str, norm: str) -> tuple[list[int], list[int], list[int]]:
        """Ids of actors whose name is `name` (any case): (live ones, all), and of actors with an
        alias whose matching key is `norm`."""
        with self.reading() as conn:
            named = conn.execute(
                select(actors.c.id, actors.c.merged_into).where(func.lower(actors.c.name) == name.lower())
                .order_by(actors.c.id)
            ).all()
            aliased_ids = list(conn.scalars(
                select(aliases.c.actor_id).where(aliases.c.norm == norm).distinct().order_by(aliases.c.actor_id)
            )) if norm else []
        return [r.id for r in named if r.merged_into is None], [r.id for r in named], aliased_ids

    def actor_ids_written(self, key: str) -> list[int]:
        """Ids of the actors that mentions written under matching key `key` were resolved to, the
        one with most such mentions first (the spellings a dossier lists as "also written")."""
        count = func.count(mentions.c.id)
        with self.reading() as conn:
            return list(conn.scalars(
                select(mentions.c.actor_id).where(mentions.c.name_key == key[:300], mentions.c.actor_id.is_not(None))
                .group_by(mentions.c.actor_id).order_by(count.desc(), mentions.c.actor_id)
            )) if key else []

    def names_keyed_from(self, prefix: str, limit: int = 2000) -> list[tuple[int, str, str]]:
        """(actor id, alias, matching key) of up to `limit` aliases whose key starts with `prefix`:
        the candidates a mistyped name is compared with."""
        with self.reading() as conn:
            return [tuple(r) for r in conn.execute(
                select(aliases.c.actor_id, aliases.c.alias, aliases.c.norm)
                .where(aliases.c.norm >= prefix, aliases.c.norm < prefix + "\uffff").order_by(aliases.c.norm).limit(limit)
            )] if prefix else []

    def live_actor(self, actor_id: int) -> tuple[int, str]:
        """(id, name) of an actor, or of the actor it was merged into (at any depth)."""
        with self.reading() as conn:
            while True:
                row = conn.execute(select(actors.c.name, actors.c.merged_into).where(actors.c.id == actor_id)).first()
                if row is None:
                    raise NotFound(f"no actor with id {actor_id}")
                if row.merged_into is None:
                    return actor_id, row.name
                actor_id = row.merged_into

    # --- mentions -------------------------------------------------------------------------
    def unresolved_documents(self) -> list[UnresolvedDocument]:
        """Documents holding mentions without an actor, with those mentions in text order."""
        with self.reading() as conn:
            rows = conn.execute(
                select(mentions.c.id, mentions.c.document_id, mentions.c.text, mentions.c.canonical,
                       mentions.c.kind, mentions.c.start_char, mentions.c.end_char, mentions.c.label)
                .where(mentions.c.actor_id.is_(None))
                .order_by(mentions.c.document_id, mentions.c.start_char, mentions.c.id)
            ).all()
            ids = sorted({r.document_id for r in rows})
            docs: dict[int, UnresolvedDocument] = {}
            for start in range(0, len(ids), 500):
                for d in conn.execute(
                    select(documents.c.id, documents.c.text, documents.c.published, documents.c.ingested_at)
                    .where(documents.c.id.in_(ids[start:start + 500]))
                ):
                    docs[d.id] = UnresolvedDocument(d.id, d.text, (d.published or d.ingested_at or "")[:10])
        for r in rows:
            docs[r.document_id].mentions.append(
                MentionRow(r.id, r.text, r.canonical, r.kind, r.start_char, r.end_char, r.label or "")
            )
        return [docs[i] for i in ids]

    def mentioned_names(self) -> dict[int, set[str]]:
        """Every name the documents call each actor by (its mentions' words)."""
        names: dict[int, set[str]] = {}
        with self.reading() as conn:
            for actor_id, said in conn.execute(
                select(mentions.c.actor_id, mentions.c.text).distinct().where(mentions.c.actor_id.is_not(None))
            ):
                names.setdefault(actor_id, set()).add(said)
        return names

    def actor_mentions(self, actor_id: int) -> list[MentionRow]:
        with self.reading() as conn:
            rows = conn.execute(
                select(mentions.c.id, mentions.c.text, mentions.c.canonical, mentions.c.kind,
                       mentions.c.start_char, mentions.c.end_char)
                .where(mentions.c.actor_id == actor_id).order_by(mentions.c.id)
            ).all()
        return [MentionRow(r.id, r.text, r.canonical, r.kind, r.start_char, r.end_char) for r in rows]

    def refresh_first_seen(self) -> int:
        """Set each actor's first_seen to its earliest document date; returns how many changed."""
        date = func.substr(func.coalesce(documents.c.published, documents.c.ingested_at), 1, 10)
        with self.transaction() as conn:
            earliest = dict(
                conn.execute(
                    select(mentions.c.actor_id, func.min(date))
                    .join(documents, documents.c.id == mentions.c.document_id)
                    .where(mentions.c.actor_id.is_not(None)).group_by(mentions.c.actor_id)
                ).all()
            )
            current = dict(conn.execute(select(actors.c.id, actors.c.first_seen)).all())
            changed = [(i, d) for i, d in earliest.items() if current.get(i) != d]
            for actor_id, first in changed:
                conn.execute(actors.update().where(actors.c.id == actor_id).values(first_seen=first))
        return len(changed)

    # --- merge and split ------------------------------------------------------------------
    def apply_merge(self, kept_id: int, other_id: int, mention_ids: list[int], snapshot: dict[str, Any],
                    why: str | None, who: str, action: str = "merge") -> int:
        """Fold `other` into `kept` (mentions move, `other` stays as merged_into) and log it."""
        with self.transaction() as conn:
            touch_graph(conn)
            self._move_mentions(conn, mention_ids, kept_id)
            conn.execute(actors.update().where(actors.c.id == other_id).values(merged_into=kept_id))
            return conn.execute(
                merge_log.insert().values(action=action, kept_id=kept_id, other_id=other_id, snapshot=snapshot,
                                          why=why, who=who, at=utcnow())
            ).inserted_primary_key[0]

    def apply_unmerge(self, entry_id: int, other_id: int, mention_ids: list[int]) -> None:
        """Bring a merged actor back with its mentions and mark the log entry undone."""
        with self.transaction() as conn:
            touch_graph(conn)
            self._move_mentions(conn, mention_ids, other_id)
            conn.execute(actors.update().where(actors.c.id == other_id).values(merged_into=None))
            conn.execute(merge_log.update().where(merge_log.c.id == entry_id).values(undone_at=utcnow()))

    def apply_split(self, actor_id: int, alias_norm: str, new_id: int, mention_ids: list[int],
                    snapshot: dict[str, Any], why: str | None, who: str) -> int:
        """Move one alias and its mentions from `actor_id` to the new actor `new_id`; log it."""
        with self.transaction() as conn:
            touch_graph(conn)
            conn.execute(
                aliases.update().where(aliases.c.actor_id == actor_id, aliases.c.norm == alias_norm)
                .values(actor_id=new_id)
            )
            self._move_mentions(conn, mention_ids, new_id)
            return conn.execute(
                merge_log.insert().values(action="split", kept_id=actor_id, other_id=new_id, snapshot=snapshot,
                                          why=why, who=who, at=utcnow())
            ).inserted_primary_key[0]

    def apply_kind(self, actor_id: int, kind: str, snapshot: dict[str, Any], why: str | None, who: str) -> int:
        """Set an actor's kind (an analyst's correction of the tagger) and log it."""
        with self.transaction() as conn:
            touch_graph(conn)
            conn.execute(actors.update().where(actors.c.id == actor_id).values(kind=kind))
            # its mentions are the analyst's now: a later count of votes never moves them
            conn.execute(mentions.update().where(mentions.c.actor_id == actor_id).values(voted_kind=None))
            return conn.execute(
                merge_log.insert().values(action="kind", kept_id=actor_id, other_id=actor_id, snapshot=snapshot,
                                          why=why, who=who, at=utcnow())
            ).inserted_primary_key[0]

    def apply_dismissal(self, actor_id: int, why: str | None, who: str) -> int:
        """Mark an actor "not an actor" (its mentions stay linked to it, its claims make no ties) and log it."""
        with self.transaction() as conn:
            touch_graph(conn)
            at = utcnow()
            conn.execute(actors.update().where(actors.c.id == actor_id).values(dismissed_at=at))
            return conn.execute(
                merge_log.insert().values(action="dismiss", kept_id=actor_id, other_id=actor_id,
                                          snapshot={"dismissed_at": at}, why=why, who=who, at=at)
            ).inserted_primary_key[0]

    def restore_dismissal(self, entry_id: int, actor_id: int) -> None:
        """Undo a logged "not an actor": it is an actor again and its claims make ties."""
        with self.transaction() as conn:
            touch_graph(conn)
            conn.execute(actors.update().where(actors.c.id == actor_id).values(dismissed_at=None))
            conn.execute(merge_log.update().where(merge_log.c.id == entry_id).values(undone_at=utcnow()))

    def restore_kind(self, entry_id: int, actor_id: int, kind: str) -> None:
        """Undo a logged kind change."""
        with self.transaction() as conn:
            touch_graph(conn)
            conn.execute(actors.update().where(actors.c.id == actor_id).values(kind=kind))
            conn.execute(merge_log.update().where(merge_log.c.id == entry_id).values(undone_at=utcnow()))

    def apply_apart(self, a: int, b: int, why: str | None, who: str) -> int:
        """Record that two actors a merge candidate paired are distinct, so they are not offered again."""
        with self.transaction() as conn:
            return conn.execute(
                merge_log.insert().values(action="apart", kept_id=min(a, b), other_id=max(a, b), snapshot={},
                                          why=why, who=who, at=utcnow())
            ).inserted_primary_key[0]

    def apart_pairs(self) -> set[tuple[int, int]]:
        """Pairs (lower id first) an analyst said are two actors, as long as that stands."""
        with self.reading() as conn:
            return {(r.kept_id, r.other_id) for r in conn.execute(
                select(merge_log.c.kept_id, merge_log.c.other_id)
                .where(merge_log.c.action == "apart", merge_log.c.undone_at.is_(None)))}

    @staticmethod
    def _move_mentions(conn: Connection, mention_ids: list[int], actor_id: int) -> None:
        for start in range(0, len(mention_ids), 500):
            conn.execute(
                mentions.update().where(mentions.c.id.in_(mention_ids[start:start + 500])).values(actor_id=actor_id, voted_kind=None)  # an analyst's move is never re-voted
            )

    def merge_entries(self, actor_id: int | None = None, open_only: bool = False) -> list[MergeEntry]:
        """The merge log, newest first; optionally only entries touching one actor or not undone."""
        query = select(merge_log).order_by(merge_log.c.id.desc())
        if actor_id is not None:
            query = query.where((merge_log.c.kept_id == actor_id) | (merge_log.c.other_id == actor_id))
        if open_only:
            query = query.where(merge_log.c.undone_at.is_(None))
        with self.reading() as conn:
            return [MergeEntry(**dict(r._mapping)) for r in conn.execute(query).all()]

    def mark_merge_undone(self, entry_id: int) -> None:
        with self.transaction() as conn:
            touch_graph(conn)
            conn.execute(merge_log.update().where(merge_log.c.id == entry_id).values(undone_at=utcnow()))
