"""The front page (counts, newest ties and denials) and search over actors and documents."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request

from tiewatch import resolve
from tiewatch.store import User
from tiewatch.web.auth import Reader, get_store
from tiewatch.web.render import render
from tiewatch.web.serialize import actor_json, hit_json, offset_query, shows_paths

router = APIRouter()
SEARCH_LIMIT = 50


@router.get("/", include_in_schema=False)
def home(request: Request, user: User = Reader):
    store = get_store(request)
    counts = {
        "documents": store.count_documents(), "claims": store.count_claims(),
        "actors": len(store.list_actors()), "ties": store.count_ties(), "sources": len(store.list_sources()),
    }
    return render(request, "home.html", {
        "counts": counts, "newest": store.list_ties(limit=12), "denials": store.list_ties(polarity="denied", limit=8),
    })


def _search(request: Request, q: str, limit: int, offset: int) -> dict:
    store = get_store(request)
    q = q.strip()
    if not q:
        return {"q": q, "actors": [], "documents": []}
    return {
        "q": q, "actors": found_actors(store, q, limit) if offset == 0 else [],
        "documents": store.search_documents(q, limit=limit, offset=offset),
    }


def found_actors(store, q: str, limit: int) -> list:
    """The actors the one lookup names first (an id, a name, an alias, a folded spelling, a spelling
    the documents wrote), then those whose names contain the words."""
    named = [store.get_actor(i) for i in resolve.actor_ids(store, q, contained=False)[:limit]]
    seen = {a.id for a in named}
    return named + [a for a in store.search_actors(q, limit=limit) if a.id not in seen][: limit - len(named)]


@router.get("/search", include_in_schema=False)
def search_page(request: Request, q: str = Query("", max_length=200), offset: int = offset_query(), user: User = Reader):
    found = _search(request, q, SEARCH_LIMIT, offset)
    more = len(found["documents"]) == SEARCH_LIMIT
    return render(request, "search.html", {**found, "offset": offset, "more": more, "limit": SEARCH_LIMIT})


@router.get("/api/search", tags=["search"])
def search_api(
    request: Request,
    q: str = Query(..., min_length=1, max_length=200, description="Words to find in actor names and aliases, and in document text."),
    limit: int = Query(20, ge=1, le=100),
    offset: int = offset_query("Skip this many documents (actors come on the first page)."),
    user: User = Reader,
) -> dict:
    """Actors whose name or alias contains `q`, and documents containing every word of `q`."""
    found = _search(request, q, limit, offset)
    return {
        "q": found["q"], "limit": limit, "offset": offset,
        "actors": [actor_json(a) for a in found["actors"]],
        "documents": [hit_json(h, shows_paths(request)) for h in found["documents"]],
    }
