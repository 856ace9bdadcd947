"""Analyst review: confirm, reject, retype or reverse a claim, grade a source; every change is
logged in `review_log` (who, when, before/after) and can be undone, latest change first.

Merges and splits of actors are carried out by `tiewatch.resolve` (which keeps its own merge log);
the caller records them here with `log_review` so one history shows every analyst decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Connection

from tiewatch.model import NotFound, ReviewError, Tie, vocabulary
from tiewatch.store.base import utcnow
from tiewatch.store.describe import apply_description
from tiewatch.store.graphstate import touch_graph
from tiewatch.store.graphviews import ClaimView, claim_view_query
from tiewatch.store.tables import claims, review_log, sources

STATUSES = ("pending", "confirmed", "rejected")
RELIABILITY = ("A", "B", "C", "D", "E", "F")
_CLAIM_FIELDS = ("status", "reviewed_type", "reviewed_reversed")


@dataclass
class ReviewEntry:
    """One analyst decision as recorded: enough to show it and to undo it."""

    id: int
    who: str
    at: str
    action: str
    target_kind: str  # claim | actor | source | document | review
    target_id: int
    before: dict[str, Any]
    after: dict[str, Any]
    undone_at: str | None = None


def _entry_from_row(row: Any) -> ReviewEntry:
    return ReviewEntry(
        id=row.id, who=row.who, at=row.at, action=row.action, target_kind=row.target_kind,
        target_id=row.target_id, before=dict(row.before or {}), after=dict(row.after or {}),
        undone_at=row.undone_at,
    )


def _claim_state(conn: Connection, claim_id: int) -> dict[str, Any]:
    row = conn.execute(select(*(claims.c[f] for f in _CLAIM_FIELDS)).where(claims.c.id == claim_id)).first()
    if row is None:
        raise NotFound(f"no claim with id {claim_id}")
    return {f: row._mapping[f] for f in _CLAIM_FIELDS}


class ReviewMixin:
    def _log(self, conn: Connection, who: str, action: str, kind: str, target: int, before: dict, after: dict) -> ReviewEntry:
        at = utcnow()
        entry_id = conn.execute(
            review_log.insert().values(
                who=who, at=at, action=action, target_kind=kind, target_id=target, before=before, after=after
            )
        ).inserted_primary_key[0]
        touch_graph(conn)  # every logged decision changes what the graph is built from
        return ReviewEntry(entry_id, who, at, action, kind, target, before, after)

    def log_review(self, who: str, action: str, target_kind: str, target_id: int, before: dict, after: dict) -> ReviewEntry:
        """Record a decision carried out elsewhere (an actor merge or split by `tiewatch.resolve`)."""
        with self.transaction() as conn:
            return self._log(conn, who, action, target_kind, target_id, before, after)

    def claim_review_state(self, claim_id: int) -> dict[str, Any]:
        """The analyst's view of a claim: status, changed type (or None), direction reversed (0/1)."""
        with self.reading() as conn:
            return _claim_state(conn, claim_id)

    def review_claim(
        self,
        claim_id: int,
        who: str,
        *,
        status: str | None = None,
        type: str | None = None,
        reversed: bool | None = None,
    ) -> ReviewEntry:
        """Confirm or reject a claim, change its type, or reverse its direction (one at a time)."""
        changes: dict[str, Any] = {}
        if status is not None:
            if status not in STATUSES:
                raise ReviewError(f"unknown claim status {status!r}; use one of {', '.join(STATUSES)}")
            changes["status"], action = status, {"confirmed": "confirm", "rejected": "reject"}.get(status, "reopen")
        elif type is not None:
            if type not in vocabulary():
                raise ReviewError(f"unknown tie type {type!r}; known: {', '.join(vocabulary())}")
            changes["reviewed_type"], action = type, "retype"
        elif reversed is not None:
            changes["reviewed_reversed"], action = int(bool(reversed)), "reverse"
        else:
            raise ReviewError("say what to change: a status, a type or the direction")
        with self.transaction() as conn:
            before = _claim_state(conn, claim_id)
            if type is not None:
                extracted = conn.execute(select(claims.c.type).where(claims.c.id == claim_id)).scalar()
                if type == extracted:
                    changes["reviewed_type"] = None
            after = {**before, **changes}
            if after == before:
                raise ReviewError(f"claim {claim_id} already has that {action_subject(action)}; nothing changed")
            conn.execute(claims.update().where(claims.c.id == claim_id).values(**changes))
            return self._log(conn, who, action, "claim", claim_id, before, after)

    def grade_source(self, source_id: int, reliability: str, who: str) -> ReviewEntry:
        """Set a source's Admiralty reliability grade (A = completely reliable ... F = cannot be judged)."""
        reliability = (reliability or "").strip().upper()
        if reliability not in RELIABILITY:
            raise ReviewError(f"reliability must be one of {', '.join(RELIABILITY)}, not {reliability!r}")
        with self.transaction() as conn:
            old = conn.execute(select(sources.c.reliability).where(sources.c.id == source_id)).scalar()
            if old is None:
                raise NotFound(f"no source with id {source_id}")
            if old == reliability:
                raise ReviewError(f"source {source_id} is already graded {reliability}; nothing changed")
            conn.execute(sources.update().where(sources.c.id == source_id).values(reliability=reliability))
            return self._log(conn, who, "grade", "source", source_id, {"reliability": old}, {"reliability": reliability})

    def twin_claims(self, claim_id: int) -> list[int]:
        """Claims that say exactly what `claim_id` says in another document (a republished copy, a
        forwarded post): the same sentence, type, polarity and actors; with the same review state,
        so a judgement offered for them never overrides a different one."""
        query = claim_view_query()
        cols = query.selected_columns
        with self.reading() as conn:
            me = conn.execute(query.where(claims.c.id == claim_id)).first()
            if me is None:
                raise NotFound(f"no claim with id {claim_id}")
            state = _claim_state(conn, claim_id)
            twins = query.where(
                claims.c.id != claim_id, cols.document_id != me.document_id, claims.c.sentence == me.sentence,
                claims.c.type == me.type, claims.c.polarity == me.polarity,
                cols.subject_actor_id == me.subject_actor_id, cols.object_actor_id == me.object_actor_id,
                *(claims.c[f] == v if v is not None else claims.c[f].is_(None) for f, v in state.items()),
            )
            return [row.id for row in conn.execute(twins.order_by(claims.c.id)).all()]

    def rejected_claims_for_tie(self, tie: Tie) -> list[ClaimView]:
        """Claims analysts rejected that would otherwise count towards `tie` (same actors and type)."""
        query = claim_view_query().where(claims.c.status == "rejected")
        subj, obj = query.selected_columns.subject_actor_id, query.selected_columns.object_actor_id
        pair = or_(
            and_(subj == tie.subject_id, obj == tie.object_id), and_(subj == tie.object_id, obj == tie.subject_id)
        )
        query = query.where(pair, func.coalesce(claims.c.reviewed_type, claims.c.type) == tie.type)
        with self.reading() as conn:
            return [ClaimView(**row._mapping) for row in conn.execute(query.order_by(claims.c.id)).all()]

    def get_review(self, entry_id: int) -> ReviewEntry:
        with self.reading() as conn:
            row = conn.execute(select(review_log).where(review_log.c.id == entry_id)).first()
        if row is None:
            raise NotFound(f"no review entry with id {entry_id}")
        return _entry_from_row(row)

    def list_reviews(
        self, target_kind: str | None = None, target_id: int | None = None, limit: int | None = 50, offset: int = 0
    ) -> list[ReviewEntry]:
        """The review history, newest first, optionally for one claim, actor or source."""
        query = select(review_log).order_by(review_log.c.id.desc()).offset(offset)
        if target_kind:
            query = query.where(review_log.c.target_kind == target_kind)
        if target_id is not None:
            query = query.where(review_log.c.target_id == target_id)
        if limit is not None:
            query = query.limit(limit)
        with self.reading() as conn:
            return [_entry_from_row(r) for r in conn.execute(query).all()]

    def undo_review(self, entry_id: int, who: str) -> ReviewEntry:
        """Undo one decision; a later change to the same target must be undone first.

        Claims and sources are restored here; for actor merges and splits the caller restores the
        actors through `tiewatch.resolve` first, then calls this to mark the entry undone.
        """
        with self.transaction() as conn:
            row = conn.execute(select(review_log).where(review_log.c.id == entry_id)).first()
            if row is None:
                raise NotFound(f"no review entry with id {entry_id}")
            entry = _entry_from_row(row)
            if entry.target_kind == "review":
                raise ReviewError(f"entry {entry_id} is itself an undo; make the change again instead")
            if entry.undone_at:
                raise ReviewError(f"review entry {entry_id} was already undone at {entry.undone_at}")
            later = conn.execute(
                select(review_log.c.id)
                .where(review_log.c.target_kind == entry.target_kind, review_log.c.target_id == entry.target_id)
                .where(review_log.c.id > entry_id, review_log.c.undone_at.is_(None))
                .order_by(review_log.c.id.desc())
            ).scalar()
            if later is not None:
                raise ReviewError(f"undo the later change #{later} to this {entry.target_kind} first")
            if entry.target_kind == "claim":
                conn.execute(claims.update().where(claims.c.id == entry.target_id).values(**entry.before))
            elif entry.target_kind == "source":
                conn.execute(sources.update().where(sources.c.id == entry.target_id).values(**entry.before))
            elif entry.target_kind == "document":
                apply_description(conn, self._ensure_source, entry.target_id, entry.before)
            at = utcnow()
            conn.execute(review_log.update().where(review_log.c.id == entry_id).values(undone_at=at))
            entry.undone_at = at
            self._log(conn, who, "undo", "review", entry_id, entry.after, entry.before)
        return entry


def action_subject(action: str) -> str:
    return {"retype": "type", "reverse": "direction"}.get(action, "status")
