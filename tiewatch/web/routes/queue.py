"""The review queue: claims waiting for judgement, most pressing first, judged from the keyboard."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from tiewatch.alerts.rules import watched_actors
from tiewatch.store import QueueItem, Store, User
from tiewatch.web.auth import Reader, get_store
from tiewatch.web.render import render
from tiewatch.web.serialize import Page, claim_json, claim_names, offset_query, paginated, shows_paths

router = APIRouter()
PAGE = 50
REASONS = {
    "contested": "asserted and denied", "watched": "a watched actor",
    "one source": "rests on one source", "unsure": "the extractor was unsure",
}


def watched(store: Store) -> set[int]:
    """Every actor a watch rule follows now."""
    return {actor_id for rule in store.list_watch_rules() for actor_id in watched_actors(store, rule)}


def queue_json(item: QueueItem, paths: bool = False) -> dict:
    return {**claim_json(item.claim, paths), "reasons": item.reasons}


@router.get("/review/queue", include_in_schema=False)
def queue_page(request: Request, offset: int = offset_query(), user: User = Reader):
    store = get_store(request)
    items = store.review_queue(watched(store), limit=PAGE + 1, offset=offset)
    return render(request, "queue.html", {
        "items": items[:PAGE], "names": claim_names(store, [i.claim for i in items[:PAGE]]), "total": store.count_review_queue(), "offset": offset, "more": len(items) > PAGE,
        "limit": PAGE, "reasons": REASONS, "twins": {i.claim.id: store.twin_claims(i.claim.id) for i in items[:PAGE]},
    })


@router.get("/api/review/queue", tags=["review"])
def queue_api(request: Request, page: Page = Depends(), user: User = Reader) -> dict:
    """Pending claims that make ties, most pressing first (contested ties, watched actors, ties on one
    source, unsure extractions), each with `reasons`; judge them with POST /api/claims/{id}/review."""
    store = get_store(request)
    rows = store.review_queue(watched(store), limit=page.limit + 1, offset=page.offset)
    paths = shows_paths(request)
    return {**paginated(request, page, rows, lambda item: queue_json(item, paths)), "total": store.count_review_queue()}
