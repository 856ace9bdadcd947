"""Actor dossiers: aliases, ids, ties grouped by type, the timeline of claims, the ego network."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Depends, Path, Query, Request

from tiewatch.model import Actor, Tie
from tiewatch.model.records import ACTOR_KINDS
from tiewatch.store import ClaimView, Store, User
from tiewatch.web.auth import Reader, get_store
from tiewatch.web.render import render
from tiewatch.web.serialize import Page, actor_json, claim_json, paginated, tie_json

router = APIRouter()
ActorId = Path(..., ge=1, le=2**31 - 1, description="The actor's id.")
TIMELINE_TIES = 200
KIND_PATTERN = "^(" + "|".join(ACTOR_KINDS) + ")$"


@dataclass
class TieLine:
    """A tie as seen from one actor: the other actor and which way the tie points."""

    tie: Tie
    other: str
    other_id: int
    outgoing: bool


def dossier(store: Store, actor: Actor) -> tuple[dict[str, list[TieLine]], list[ClaimView]]:
    """Ties grouped by type (most sources first) and every claim behind them, newest first."""
    ties = store.list_ties(actor_id=actor.id)
    groups: dict[str, list[TieLine]] = {}
    for t in sorted(ties, key=lambda t: (t.type, -t.sources, t.id)):
        outgoing = t.subject_id == actor.id
        other, other_id = (t.object, t.object_id) if outgoing else (t.subject, t.subject_id)
        groups.setdefault(t.type, []).append(TieLine(t, other or "", other_id, outgoing))
    timeline = [c for t in ties[:TIMELINE_TIES] for c in store.claims_for_tie(t.id)]
    timeline.sort(key=lambda c: (c.date, c.id), reverse=True)
    return groups, timeline


@router.get("/actors/{actor_id}", include_in_schema=False)
def actor_page(request: Request, actor_id: int = ActorId, user: User = Reader):
    store = get_store(request)
    actor = store.get_actor(actor_id)
    groups, timeline = dossier(store, actor)
    return render(request, "actor.html", {
        "actor": actor, "groups": groups, "timeline": timeline,
        "history": store.list_reviews(target_kind="actor", target_id=actor_id, limit=20),
    })


@router.get("/api/actors", tags=["actors"])
def list_actors_api(
    request: Request,
    page: Page = Depends(),
    q: str | None = Query(None, max_length=200, description="Name or alias contains this."),
    kind: str | None = Query(None, pattern=KIND_PATTERN),
    user: User = Reader,
) -> dict:
    """Live actors (merged ones are folded into the actor that kept them), by name."""
    store = get_store(request)
    if q:
        rows = [a for a in store.search_actors(q, limit=page.offset + page.limit + 1) if not kind or a.kind == kind]
        rows = rows[page.offset:]
    else:
        rows = store.list_actors(kind=kind, limit=page.limit + 1, offset=page.offset)
    return paginated(request, page, rows, actor_json)


@router.get("/api/actors/{actor_id}", tags=["actors"])
def actor_api(request: Request, actor_id: int = ActorId, user: User = Reader) -> dict:
    """One actor with its ties and the claims behind them."""
    store = get_store(request)
    actor = store.get_actor(actor_id)
    groups, timeline = dossier(store, actor)
    return {
        **actor_json(actor),
        "ties": [tie_json(line.tie) for lines in groups.values() for line in lines],
        "claims": [claim_json(c) for c in timeline],
    }
