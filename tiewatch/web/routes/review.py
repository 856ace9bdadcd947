"""The review history: every analyst decision (who, when, before/after), each undoable."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import RedirectResponse

from tiewatch.store import User
from tiewatch.web import reviewing
from tiewatch.web.auth import Analyst, Reader, check_csrf, get_store
from tiewatch.web.render import render
from tiewatch.web.reviewlog import Namer, in_words, undo_blockers
from tiewatch.web.serialize import Page, paginated, review_json

router = APIRouter()
EntryId = Path(..., ge=1, le=2**31 - 1, description="The review entry's id.")
PAGE = 100


def target_url(kind: str, target_id: int) -> str:
    return {"claim": "/claims/", "actor": "/actors/", "source": "/sources#source-", "document": "/documents/",
            "review": "/review#entry-"}[kind] + str(target_id)


@router.get("/review", include_in_schema=False)
def review_page(request: Request, user: User = Reader):
    store = get_store(request)
    entries = store.list_reviews(limit=PAGE)
    names = Namer(store)
    return render(request, "review.html", {
        "entries": entries, "target_url": target_url, "blockers": undo_blockers(entries),
        "words": {e.id: in_words(e, names) for e in entries},
    })


@router.post("/review/{entry_id}/undo", include_in_schema=False)
def undo_form(request: Request, entry_id: int = EntryId, csrf: str = Form(""), user: User = Analyst):
    check_csrf(request, csrf)
    entry = reviewing.undo(get_store(request), user, entry_id)
    request.session["flash"] = f"Undone: change #{entry.id}, {in_words(entry, Namer(get_store(request)))}."
    return RedirectResponse("/review", status_code=303)


@router.get("/api/reviews", tags=["review"])
def reviews_api(request: Request, page: Page = Depends(), user: User = Reader) -> dict:
    """The review history, newest first; each entry also `summary` (in words) and `undo_blocked`
    (null when it can be undone now, else why not)."""
    store = get_store(request)
    rows = store.list_reviews(limit=page.limit + 1, offset=page.offset)
    names, blocked = Namer(store), undo_blockers(rows)
    return paginated(request, page, rows, lambda e: {**review_json(e), "summary": in_words(e, names), "undo_blocked": blocked[e.id]})


@router.post("/api/reviews/{entry_id}/undo", tags=["review"])
def undo_api(request: Request, entry_id: int = EntryId, user: User = Analyst) -> dict:
    """Undo one decision (analysts); a later change to the same target must be undone first."""
    return {"review": review_json(reviewing.undo(get_store(request), user, entry_id))}
