"""The review queue: claims still waiting for an analyst's judgement, what matters first.

A pending claim that counts towards a tie is ranked by why it needs eyes: its tie is contested
(asserted and denied), it touches a watched actor, its tie rests on one source, its extractor was
unsure (confidence below LOW_CONFIDENCE); then newest tie first. Claims that make no tie (an end
not resolved, or marked not an actor) are not in the queue: judging them changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from sqlalchemy import and_, case, func, literal, or_, select

from tiewatch.store.graphviews import ClaimView, claim_view_query
from tiewatch.store.tables import claims, ties

LOW_CONFIDENCE = 0.5
WEIGHTS = {"contested": 8, "watched": 4, "one source": 2, "unsure": 1}


@dataclass
class QueueItem:
    claim: ClaimView
    reasons: list[str] = field(default_factory=list)


def _ranked(watched: Iterable[int]):
    query = claim_view_query().join(ties, ties.c.id == claims.c.tie_id).where(claims.c.status == "pending")
    cols = query.selected_columns
    watched = sorted(set(watched))
    flags = {
        "contested": and_(ties.c.denied > 0, ties.c.asserted + ties.c.hedged > 0),
        "watched": or_(cols.subject_actor_id.in_(watched), cols.object_actor_id.in_(watched)) if watched else literal(False),
        "one source": ties.c.sources <= 1,
        "unsure": claims.c.confidence < LOW_CONFIDENCE,
    }
    score = sum(case((flag, WEIGHTS[name]), else_=0) for name, flag in flags.items())
    return query.add_columns(score.label("priority"), ties.c.created_at.label("tie_created")), flags


class QueueMixin:
    def review_queue(self, watched: Iterable[int] = (), limit: int = 50, offset: int = 0) -> list[QueueItem]:
        """Pending claims that make ties, most pressing first, each with why it is in the queue."""
        query, flags = _ranked(watched)
        query = query.add_columns(*(flag.label(f"is_{i}") for i, flag in enumerate(flags.values())))
        query = query.order_by(query.selected_columns.priority.desc(), ties.c.created_at.desc(), claims.c.id.desc())
        with self.reading() as conn:
            rows = conn.execute(query.limit(limit).offset(offset)).all()
        names = list(flags)
        fields = set(ClaimView.__dataclass_fields__)
        return [
            QueueItem(ClaimView(**{k: v for k, v in row._mapping.items() if k in fields}),
                      [names[i] for i in range(len(names)) if row._mapping[f"is_{i}"]])
            for row in rows
        ]

    def count_review_queue(self) -> int:
        """How many pending claims make ties."""
        with self.reading() as conn:
            return conn.execute(
                select(func.count()).select_from(claims).join(ties, ties.c.id == claims.c.tie_id)
                .where(claims.c.status == "pending")
            ).scalar_one()
