"""Reads and writes behind kind votes (resolve/kinds.py): what every stored mention of a name says
its kind is, the guessed mentions resolved under an older count, and the folding of an actor that
only such guesses had created into the actor they resolve to now."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, NamedTuple

from sqlalchemy import bindparam, exists, func, or_, select

from tiewatch.store.tables import actors, aliases, documents, graph_work, merge_log, mentions, review_log

_CHUNK = 500


class Assignment(NamedTuple):
    """One mention resolved: its actor, its name's matching key, its vote and the kind its guess got."""

    mention_id: int
    actor_id: int
    name_key: str
    vote_weight: int = 0
    voted_kind: str | None = None


@dataclass
class VotedMention:
    """A stored mention that was resolved on a guessed kind, with what it was resolved under."""

    id: int
    actor_id: int
    text: str
    canonical: str | None
    kind: str
    name_key: str
    voted_kind: str
    date: str
    vote_weight: int


def _chunks(values: list, size: int = _CHUNK) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _worked_on(actor_id: int):
    """An analyst merged, split, re-kinded or reviewed this actor."""
    return or_(
        exists().where(or_(merge_log.c.kept_id == actor_id, merge_log.c.other_id == actor_id)),
        exists().where(review_log.c.target_kind == "actor", review_log.c.target_id == actor_id),
    )


class VotesMixin:
    def assign_mentions(self, rows: Iterable[Assignment]) -> int:
        """Point mentions at actors, with the key, vote and guessed kind each was resolved under."""
        values = [{"mention": r.mention_id, "actor": r.actor_id, "key": r.name_key[:300], "weight": r.vote_weight,
                   "voted": r.voted_kind} for r in rows]
        if values:
            with self.transaction() as conn:
                conn.execute(
                    mentions.update().where(mentions.c.id == bindparam("mention")).values(
                        actor_id=bindparam("actor"), name_key=bindparam("key"), vote_weight=bindparam("weight"),
                        voted_kind=bindparam("voted"),
                    ),
                    values,
                )
        return len(values)

    def kind_votes(self, keys: Iterable[str]) -> dict[str, dict[str, int]]:
        """For each matching key, the summed vote weight of each kind over every resolved mention."""
        votes: dict[str, dict[str, int]] = {}
        with self.reading() as conn:
            for chunk in _chunks(sorted(set(keys))):
                for key, kind, weight in conn.execute(
                    select(mentions.c.name_key, mentions.c.kind, func.sum(mentions.c.vote_weight))
                    .where(mentions.c.name_key.in_(chunk), mentions.c.vote_weight > 0)
                    .group_by(mentions.c.name_key, mentions.c.kind)
                ):
                    votes.setdefault(key, {})[kind] = int(weight)
        return votes

    def voted_mentions(self, keys: Iterable[str]) -> list[VotedMention]:
        """Resolved mentions of these keys whose kind was a guess settled by the votes, in id order."""
        date = func.substr(func.coalesce(documents.c.published, documents.c.ingested_at), 1, 10)
        found: list[VotedMention] = []
        with self.reading() as conn:
            for chunk in _chunks(sorted(set(keys))):
                found.extend(VotedMention(*row) for row in conn.execute(
                    select(mentions.c.id, mentions.c.actor_id, mentions.c.text, mentions.c.canonical, mentions.c.kind,
                           mentions.c.name_key, mentions.c.voted_kind, date, mentions.c.vote_weight)
                    .join(documents, documents.c.id == mentions.c.document_id)
                    .where(mentions.c.name_key.in_(chunk), mentions.c.voted_kind.is_not(None),
                           mentions.c.actor_id.is_not(None))
                ))
        return sorted(found, key=lambda m: m.id)

    def unkeyed_mentions(self, limit: int = 5000) -> list[tuple[int, int, str, str | None, str, str]]:
        """(id, actor_id, text, canonical, kind, label) of resolved mentions an older tiewatch left
        without a matching key."""
        with self.reading() as conn:
            return [tuple(r) for r in conn.execute(
                select(mentions.c.id, mentions.c.actor_id, mentions.c.text, mentions.c.canonical, mentions.c.kind,
                       mentions.c.label)
                .where(mentions.c.actor_id.is_not(None), mentions.c.name_key.is_(None))
                .order_by(mentions.c.id).limit(limit)
            )]

    def mention_kinds(self, actor_ids: Iterable[int]) -> list[tuple[int, str, str, bool, int]]:
        """(actor_id, kind, label, voted, count) over the mentions of these actors; `voted`: a
        guess settled by its name's votes, counted as the kind they gave it."""
        kind = func.coalesce(mentions.c.voted_kind, mentions.c.kind)
        voted = mentions.c.voted_kind.is_not(None)
        rows: list[tuple[int, str, str, bool, int]] = []
        with self.reading() as conn:
            for chunk in _chunks(sorted(set(actor_ids))):
                rows.extend((r[0], r[1], r[2], bool(r[3]), r[4]) for r in conn.execute(
                    select(mentions.c.actor_id, kind, mentions.c.label, voted, func.count())
                    .where(mentions.c.actor_id.in_(chunk)).group_by(mentions.c.actor_id, kind, mentions.c.label, voted)
                ))
        return rows

    def alias_norms(self, actor_id: int) -> list[str]:
        with self.reading() as conn:
            return list(conn.scalars(select(aliases.c.norm).where(aliases.c.actor_id == actor_id).order_by(aliases.c.id)))

    def set_derived_kinds(self, kinds: dict[int, str]) -> dict[int, str]:
        """Set the kinds of actors no analyst or watchlist entry settled; returns those changed."""
        changed: dict[int, str] = {}
        with self.transaction() as conn:
            for actor_id, kind in sorted(kinds.items()):
                row = conn.execute(select(actors.c.kind, actors.c.external_ids).where(actors.c.id == actor_id)).first()
                if row is None or row.kind == kind or row.external_ids or conn.execute(select(_worked_on(actor_id))).scalar():
                    continue
                conn.execute(actors.update().where(actors.c.id == actor_id).values(kind=kind))
                changed[actor_id] = kind
        return changed

    def fold_derived_actor(self, actor_id: int, into_id: int, with_mentions: bool = False) -> list[str] | None:
        """Fold an actor nobody has worked on and nothing names any more (or, `with_mentions`, whose
        mentions move along) into `into_id`: its names move to the other (a name it shares is
        dropped) and it points there, so old links keep working but no lookup reaches it. Returns
        the matching keys of the names moved; None, and nothing changed, when an analyst touched
        it, a watchlist entry made it, or something else still uses it."""
        with self.transaction() as conn:
            row = conn.execute(select(actors.c.external_ids, actors.c.merged_into).where(actors.c.id == actor_id)).first()
            if row is None or row.external_ids or row.merged_into is not None or actor_id == into_id:
                return None
            used = conn.execute(select(or_(
                exists().where(mentions.c.actor_id == actor_id, not with_mentions),
                exists().where(actors.c.parent_id == actor_id),
                exists().where(actors.c.merged_into == actor_id),
                _worked_on(actor_id),
            ))).scalar()
            if used:
                return None
            known = set(conn.scalars(select(aliases.c.norm).where(aliases.c.actor_id == into_id)))
            names = list(conn.scalars(select(aliases.c.norm).where(aliases.c.actor_id == actor_id).order_by(aliases.c.id)))
            conn.execute(aliases.delete().where(aliases.c.actor_id == actor_id, aliases.c.norm.in_(known or [""])))
            conn.execute(aliases.update().where(aliases.c.actor_id == actor_id).values(actor_id=into_id))
            if with_mentions:
                conn.execute(mentions.update().where(mentions.c.actor_id == actor_id).values(actor_id=into_id))
            conn.execute(actors.update().where(actors.c.id == actor_id).values(merged_into=into_id))
        return names

    # --- what the rebuild still has to do, kept so a killed one is finished by the next -----
    def note_graph_work(self, keys: Iterable[str], actor_ids: Iterable[int]) -> None:
        """Record names whose votes grew and actors whose mentions changed (in the caller's unit)."""
        wanted = {("name", k) for k in keys if k} | {("actor", str(a)) for a in actor_ids}
        if not wanted:
            return
        with self.transaction() as conn:
            have = {(r.what, r.value) for r in conn.execute(select(graph_work.c.what, graph_work.c.value))}
            rows = [{"what": what, "value": value} for what, value in sorted(wanted - have)]
            if rows:
                conn.execute(graph_work.insert(), rows)

    def pending_graph_work(self) -> tuple[list[str], list[int]]:
        """(names, actor ids) recorded by `note_graph_work` and not yet cleared."""
        with self.reading() as conn:
            rows = conn.execute(select(graph_work.c.what, graph_work.c.value).order_by(graph_work.c.id)).all()
        return [r.value for r in rows if r.what == "name"], [int(r.value) for r in rows if r.what == "actor"]

    def clear_graph_work(self) -> None:
        with self.transaction() as conn:
            conn.execute(graph_work.delete())
