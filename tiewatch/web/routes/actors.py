"""Actor dossiers: aliases, ids, ties grouped by type, the timeline of claims, the ego network."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Body, Depends, Form, Path, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import Field

from tiewatch import resolve

from tiewatch.model import Actor, Tie
from tiewatch.model.records import ACTOR_KINDS
from tiewatch.store import ClaimView, Store, User
from tiewatch.web import reviewing
from tiewatch.web.auth import Analyst, Reader, check_csrf, get_store
from tiewatch.web.render import render
from tiewatch.web.serialize import (
    Page, RequestBody, actor_json, claim_json, claim_names, offset_query, paginated, review_json, shows_paths, tie_json,
)

router = APIRouter()
ActorId = Path(..., ge=1, le=2**31 - 1, description="The actor's id.")
TIMELINE_TIES = 200
LIST_LIMIT = 100
KIND_PATTERN = "^(" + "|".join(ACTOR_KINDS) + ")$"


@dataclass
class TieLine:
    """A tie as seen from one actor: the other actor, which way the tie points, and the claim
    that best shows it (an assertion before a hedge before a denial; None past TIMELINE_TIES)."""

    tie: Tie
    other: str
    other_id: int
    outgoing: bool
    quote: ClaimView | None = None


QUOTE_ORDER = {"asserted": 0, "hedged": 1, "denied": 2}


def dossier(store: Store, actor: Actor) -> tuple[dict[str, list[TieLine]], list[ClaimView]]:
    """Ties grouped by type (most sources first), each with a quote, and every claim behind the
    first TIMELINE_TIES ties, newest first."""
    ties = store.list_ties(actor_id=actor.id)
    shown = store.display_names({t.subject_id for t in ties} | {t.object_id for t in ties})
    timeline = [c for t in ties[:TIMELINE_TIES] for c in store.claims_for_tie(t.id)]
    quotes: dict[int, ClaimView] = {}
    for c in sorted((c for c in timeline if c.status != "rejected"), key=lambda c: (QUOTE_ORDER.get(c.polarity, 3), -(c.confidence or 0), c.id)):
        quotes.setdefault(c.tie_id, c)
    groups: dict[str, list[TieLine]] = {}
    for t in sorted(ties, key=lambda t: (t.type, -t.sources, t.id)):
        outgoing = t.subject_id == actor.id
        other_id = t.object_id if outgoing else t.subject_id
        groups.setdefault(t.type, []).append(TieLine(t, shown.get(other_id, ""), other_id, outgoing, quotes.get(t.id)))
    timeline.sort(key=lambda c: (c.date, c.id), reverse=True)
    return groups, timeline


class ActorMerge(RequestBody):
    other: str = Field(..., min_length=1, max_length=300, description="Id, name or alias of the actor to fold in.")
    why: str | None = Field(None, max_length=500)
    force: bool = Field(False, description="Merge even two distinct watchlist entries.")


class ActorSplit(RequestBody):
    alias: str = Field(..., min_length=1, max_length=300, description="The name to take off this actor.")
    why: str | None = Field(None, max_length=500)


@router.get("/actors", include_in_schema=False)
def actors_page(
    request: Request, kind: str | None = Query(None, pattern=KIND_PATTERN), offset: int = offset_query(), user: User = Reader,
):
    rows = get_store(request).list_actors(kind=kind, limit=LIST_LIMIT + 1, offset=offset)
    return render(request, "actors.html", {
        "actors": rows[:LIST_LIMIT], "kind": kind, "kinds": ACTOR_KINDS, "offset": offset,
        "more": len(rows) > LIST_LIMIT, "limit": LIST_LIMIT,
    })


@router.get("/actors/{actor_id}", include_in_schema=False)
def actor_page(request: Request, actor_id: int = ActorId, user: User = Reader):
    store = get_store(request)
    store.get_actor(actor_id)
    actor = resolve.find_actor(store, actor_id)
    if actor.id != actor_id:
        return RedirectResponse(f"/actors/{actor.id}", status_code=307)
    groups, timeline = dossier(store, actor)
    return render(request, "actor.html", {
        "actor": actor, "groups": groups, "timeline": timeline, "names": claim_names(store, timeline),
        "history": store.list_reviews(target_kind="actor", target_id=actor_id, limit=20), "kinds": ACTOR_KINDS,
    })


@router.post("/actors/{actor_id}/review", include_in_schema=False)
def actor_review_form(
    request: Request,
    actor_id: int = ActorId,
    action: str = Form(..., pattern="^(merge|split)$"),
    name: str = Form(..., min_length=1, max_length=300),
    force: bool = Form(False),
    csrf: str = Form(""),
    user: User = Analyst,
):
    """merge: fold the actor called `name` into this one; split: take the name `name` off it."""
    check_csrf(request, csrf)
    store, name = get_store(request), name.strip()
    if action == "merge":
        entry = reviewing.merge_actors(store, user, actor_id, name, force=force)
        request.session["flash"] = f"{entry.after['merged_name']} merged into this actor (change #{entry.id})."
    else:
        entry = reviewing.split_actor(store, user, actor_id, name)
        request.session["flash"] = f"{name} split off (change #{entry.id})."
    return RedirectResponse(f"/actors/{entry.target_id}", status_code=303)


@router.post("/actors/{actor_id}/name", include_in_schema=False)
def name_form(request: Request, actor_id: int = ActorId, name: str = Form("", max_length=300), csrf: str = Form(""),
              user: User = Analyst):
    check_csrf(request, csrf)
    entry = reviewing.name_actor(get_store(request), user, actor_id, name.strip() or None)
    request.session["flash"] = f"Shown as {entry.after['display_name']} (change #{entry.id}; undo it in the review log)."
    return RedirectResponse(f"/actors/{actor_id}", status_code=303)


class ActorName(RequestBody):
    name: str | None = Field(..., max_length=300, description="The short name to show it by; null or empty clears it.")


@router.post("/api/actors/{actor_id}/name", tags=["review"])
def name_api(request: Request, actor_id: int = ActorId, body: ActorName = Body(...), user: User = Analyst) -> dict:
    """Show an actor by a curated short name (analysts); its own name stays and still finds it."""
    store = get_store(request)
    entry = reviewing.name_actor(store, user, actor_id, (body.name or "").strip() or None)
    return {"review": review_json(entry), "actor": actor_json(store.get_actor(actor_id))}


@router.post("/actors/{actor_id}/kind", include_in_schema=False)
def kind_form(request: Request, actor_id: int = ActorId, kind: str = Form(..., pattern=KIND_PATTERN), csrf: str = Form(""),
              user: User = Analyst):
    check_csrf(request, csrf)
    entry = reviewing.retype_actor(get_store(request), user, actor_id, kind)
    request.session["flash"] = f"Now a {kind} (was a {entry.before['kind']}; change #{entry.id}, undo it in the review log)."
    return RedirectResponse(f"/actors/{actor_id}", status_code=303)


class ActorKind(RequestBody):
    kind: str = Field(..., pattern=KIND_PATTERN, description="group, person, state, place or other.")


@router.post("/api/actors/{actor_id}/kind", tags=["review"])
def kind_api(request: Request, actor_id: int = ActorId, body: ActorKind = Body(...), user: User = Analyst) -> dict:
    """Correct an actor's kind (analysts); logged, undone through /api/reviews."""
    store = get_store(request)
    entry = reviewing.retype_actor(store, user, actor_id, body.kind)
    return {"review": review_json(entry), "actor": actor_json(store.get_actor(actor_id))}


@router.post("/actors/{actor_id}/not-an-actor", include_in_schema=False)
def not_an_actor_form(request: Request, actor_id: int = ActorId, csrf: str = Form(""), user: User = Analyst):
    check_csrf(request, csrf)
    entry = reviewing.dismiss_actor(get_store(request), user, actor_id)
    request.session["flash"] = (f"{get_store(request).get_actor(actor_id).name} is marked not an actor: its ties are gone, "
                                f"its mentions stay (change #{entry.id}; undo it in the review log).")
    return RedirectResponse(f"/actors/{actor_id}", status_code=303)


@router.post("/api/actors/{actor_id}/not-an-actor", tags=["review"])
def not_an_actor_api(request: Request, actor_id: int = ActorId, user: User = Analyst) -> dict:
    """Mark a name that is no actor (a doctrine, a demonym, a heading fragment; analysts): its claims
    stop making ties and it leaves lists, the graph and exports; undo through /api/reviews."""
    store = get_store(request)
    entry = reviewing.dismiss_actor(store, user, actor_id)
    return {"review": review_json(entry), "actor": actor_json(store.get_actor(actor_id))}


@router.post("/api/actors/{actor_id}/merge", tags=["review"])
def merge_api(request: Request, actor_id: int = ActorId, body: ActorMerge = Body(...), user: User = Analyst) -> dict:
    """Fold another actor (id, name or alias) into this one (analysts); undo through /api/reviews."""
    store = get_store(request)
    entry = reviewing.merge_actors(store, user, actor_id, body.other, body.why, body.force)
    return {"review": review_json(entry), "actor": actor_json(store.get_actor(entry.target_id))}


@router.post("/api/actors/{actor_id}/split", tags=["review"])
def split_api(request: Request, actor_id: int = ActorId, body: ActorSplit = Body(...), user: User = Analyst) -> dict:
    """Take a name off this actor (analysts): undoes the merge it came from, else makes a new actor."""
    store = get_store(request)
    entry = reviewing.split_actor(store, user, actor_id, body.alias, body.why)
    return {"review": review_json(entry), "actor": actor_json(store.get_actor(entry.target_id))}


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
        "claims": [claim_json(c, shows_paths(request)) for c in timeline],
    }
