"""Reading ties: one tie, or the ties a `TieFilter` picks, sorted and paged, and how many there are.
The ties table, the graph explorer, the API, exports and the CLI all read through here."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased

from tiewatch.model import NotFound, Tie, TieFilter
from tiewatch.store.tables import actors, ties


def _tie_from_row(row: Any) -> Tie:
    m = row._mapping
    return Tie(
        id=m["id"], subject_id=m["subject_id"], object_id=m["object_id"], type=m["type"],
        asserted=m["asserted"], denied=m["denied"], hedged=m["hedged"], sources=m["sources"],
        first_seen=m["first_seen"], last_seen=m["last_seen"], reliability=m["reliability"],
        credibility=m["credibility"], subject=m["subject"], object=m["object"], updated_at=m["updated_at"],
    )


def _ties_query() -> Any:
    subj, obj = aliased(actors), aliased(actors)
    return (
        select(ties, subj.c.name.label("subject"), obj.c.name.label("object"))
        .join(subj, subj.c.id == ties.c.subject_id)
        .join(obj, obj.c.id == ties.c.object_id)
    )


def _dated(column: Any, date: str) -> Any:
    """`column` cut to the precision of `date` ("2016", "2016-02", "2016-02-24")."""
    return func.substr(column, 1, len(date))


def _narrowed(query: Any, f: TieFilter) -> Any:
    if f.actor_id is not None and f.other_id is not None:
        a, b = f.actor_id, f.other_id
        query = query.where(or_(and_(ties.c.subject_id == a, ties.c.object_id == b),
                                and_(ties.c.subject_id == b, ties.c.object_id == a)))
    elif f.actor_id is not None:
        query = query.where(or_(ties.c.subject_id == f.actor_id, ties.c.object_id == f.actor_id))
    if f.type:
        query = query.where(ties.c.type == f.type)
    if f.since:
        query = query.where(or_(ties.c.created_at >= f.since, ties.c.first_denied_at >= f.since))
    last = func.coalesce(ties.c.last_seen, ties.c.first_seen)
    first = func.coalesce(ties.c.first_seen, ties.c.last_seen)
    if f.seen_from:
        query = query.where(last.is_not(None), _dated(last, f.seen_from) >= f.seen_from)
    if f.seen_until:
        query = query.where(first.is_not(None), _dated(first, f.seen_until) <= f.seen_until)
    if f.min_sources:
        query = query.where(ties.c.sources >= f.min_sources)
    if f.polarity:
        query = query.where(ties.c[f.polarity] > 0)
    return query.where(ties.c.asserted + ties.c.denied + ties.c.hedged > 0)


def _sorted(query: Any, f: TieFilter) -> Any:
    """Sorted by `f.order`; descending means newest, most or best first (names: Z to A)."""
    cols = query.selected_columns
    keys = {
        "newest": [ties.c.created_at], "first_seen": [ties.c.first_seen], "last_seen": [ties.c.last_seen],
        "sources": [ties.c.sources], "claims": [ties.c.asserted + ties.c.hedged + ties.c.denied],
        "subject": [func.lower(cols["subject"])], "object": [func.lower(cols["object"])], "type": [ties.c.type],
    }
    if f.order == "grade":  # A1 is the best grade, so best first is ascending letters and digits
        direction = "asc" if f.descending else "desc"
        by = [getattr(ties.c.reliability, direction)(), getattr(ties.c.credibility, direction)()]
    else:
        by = [k.desc() if f.descending else k.asc() for k in keys[f.order]]
    if f.order in ("first_seen", "last_seen"):
        by = [ties.c[f.order].is_(None)] + by  # undated ties last either way
    return query.order_by(*by, ties.c.id.desc() if f.descending else ties.c.id.asc())


class TieReadsMixin:
    def get_tie(self, tie_id: int) -> Tie:
        with self.reading() as conn:
            row = conn.execute(_ties_query().where(ties.c.id == tie_id)).first()
        if row is None:
            raise NotFound(f"no tie with id {tie_id}")
        return _tie_from_row(row)

    def list_ties(self, where: TieFilter | None = None, *, limit: int | None = None, offset: int = 0,
                  **narrowing: Any) -> list[Tie]:
        """The ties `where` picks (or a filter built from `narrowing`: actor_id=, type=, since=, ...),
        newest first unless it says otherwise. `since` compares with the time tiewatch first knew
        the tie or first saw it denied; `polarity` keeps ties with at least one claim of it."""
        f = where or TieFilter(**narrowing)
        query = _sorted(_narrowed(_ties_query(), f), f).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self.reading() as conn:
            return [_tie_from_row(r) for r in conn.execute(query).all()]

    def count_ties(self, where: TieFilter | None = None, **narrowing: Any) -> int:
        f = where or TieFilter(**narrowing)
        query = _narrowed(select(func.count()).select_from(ties), f)
        with self.reading() as conn:
            return int(conn.execute(query).scalar() or 0)
