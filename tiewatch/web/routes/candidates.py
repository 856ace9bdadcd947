"""Merge candidates reviewed in the browser: pairs of actors that may be one (a close spelling, an
undefined acronym), each merged either way or kept apart with one click; both are logged and undone
from the review log. Registered before /actors/{id} so its address is not read as an id."""

from __future__ import annotations

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse

from tiewatch import resolve
from tiewatch.store import User
from tiewatch.web import reviewing
from tiewatch.web.auth import Analyst, Reader, check_csrf, get_store
from tiewatch.web.render import render
from tiewatch.web.serialize import review_json

router = APIRouter()
SHOWN = 100


def actor_field():
    """A form field holding an actor id (a new Field each time: FastAPI must not share one)."""
    return Form(..., ge=1, le=2**31 - 1)


def _listed(request: Request, limit: int) -> list[dict]:
    store = get_store(request)
    pairs = resolve.candidates(store, limit=limit)
    ids = {i for c in pairs for i in (c.a_id, c.b_id)}
    actors = {i: store.get_actor(i) for i in ids}
    return [{"a": actors[c.a_id], "b": actors[c.b_id], "score": c.score, "reason": c.reason} for c in pairs]


@router.get("/actors/candidates", include_in_schema=False)
def candidates_page(request: Request, user: User = Reader):
    return render(request, "candidates.html", {"pairs": _listed(request, SHOWN)})


@router.get("/api/actors/candidates", tags=["review"])
def candidates_api(request: Request, limit: int = Query(50, ge=1, le=500, description="How many pairs, likeliest first."),
                   user: User = Reader) -> dict:
    """Pairs of actors that may be one, likeliest first: merge them with POST /api/actors/{id}/merge,
    or keep them apart with POST /actors/candidates/apart."""
    return {"items": [{"a": {"id": p["a"].id, "name": p["a"].name, "label": p["a"].label, "kind": p["a"].kind,
                             "claims": p["a"].claim_count},
                       "b": {"id": p["b"].id, "name": p["b"].name, "label": p["b"].label, "kind": p["b"].kind,
                             "claims": p["b"].claim_count},
                       "score": p["score"], "reason": p["reason"]} for p in _listed(request, limit)]}


@router.post("/actors/candidates/merge", include_in_schema=False)
def merge_pair(request: Request, keep: int = actor_field(), other: int = actor_field(), csrf: str = Form(""), user: User = Analyst):
    check_csrf(request, csrf)
    entry = reviewing.merge_actors(get_store(request), user, keep, str(other))
    request.session["flash"] = f"{entry.after['merged_name']} merged into {get_store(request).get_actor(keep).label} (change #{entry.id})."
    return RedirectResponse("/actors/candidates", status_code=303)


@router.post("/actors/candidates/apart", include_in_schema=False)
def apart_pair(request: Request, a: int = actor_field(), b: int = actor_field(), csrf: str = Form(""), user: User = Analyst):
    check_csrf(request, csrf)
    entry = reviewing.keep_apart(get_store(request), user, a, b)
    request.session["flash"] = f"Kept apart: {get_store(request).get_actor(a).label} and {entry.after['apart_name']} (change #{entry.id})."
    return RedirectResponse("/actors/candidates", status_code=303)


@router.post("/api/actors/candidates/apart", tags=["review"])
def apart_api(request: Request, a: int = Query(..., ge=1, le=2**31 - 1), b: int = Query(..., ge=1, le=2**31 - 1),
              user: User = Analyst) -> dict:
    """Say two actors are distinct (analysts): the pair is not offered again; undo through /api/reviews."""
    return {"review": review_json(reviewing.keep_apart(get_store(request), user, a, b))}
