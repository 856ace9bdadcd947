"""Claims: the evidence page of one claim, its review history, and the analyst's review actions."""

from __future__ import annotations

from functools import partial

from fastapi import APIRouter, Body, Depends, Form, Path, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import Field

from tiewatch.model import TiewatchError, vocabulary
from tiewatch.store import User
from tiewatch.web import reviewing
from tiewatch.web.auth import Analyst, Reader, check_csrf, get_store
from tiewatch.web.render import render
from tiewatch.web.routes.ties import known_type
from tiewatch.web.serialize import Page, RequestBody, claim_json, claim_names, paginated, review_json, shows_paths

router = APIRouter()
ClaimId = Path(..., ge=1, le=2**31 - 1, description="The claim's id.")
ACTION_PATTERN = "^(" + "|".join(reviewing.CLAIM_ACTIONS) + ")$"


class ClaimReview(RequestBody):
    """One review action on a claim."""

    action: str = Field(..., pattern=ACTION_PATTERN, description="confirm | reject | reopen | retype | reverse")
    type: str | None = Field(None, max_length=40, description="The new tie type (retype only).",
                             json_schema_extra={"enum": list(vocabulary())})
    twins: bool = Field(False, description="Judge every identical claim in a copy (same sentence, type, "
                                           "polarity, actors and review state) alike; each is logged.")


def claim_with_state(request: Request, claim_id: int) -> dict:
    store = get_store(request)
    return {**claim_json(store.get_claim(claim_id), shows_paths(request)), **store.claim_review_state(claim_id)}


@router.get("/claims/{claim_id}", include_in_schema=False)
def claim_page(request: Request, claim_id: int = ClaimId, user: User = Reader):
    store = get_store(request)
    claim = store.get_claim(claim_id)
    return render(request, "claim.html", {
        "claim": claim, "names": claim_names(store, [claim]), "state": store.claim_review_state(claim_id),
        "twins": store.twin_claims(claim_id),
        "history": store.list_reviews(target_kind="claim", target_id=claim_id, limit=None),
    })


@router.post("/claims/{claim_id}/review", include_in_schema=False)
def claim_review_form(
    request: Request,
    claim_id: int = ClaimId,
    action: str = Form(..., pattern=ACTION_PATTERN),
    type: str = Form("", max_length=40),
    next: str = Form("", max_length=200, pattern=r"^(/review/queue(\?offset=\d{1,9})?(#claim-\d{1,10})?)?$"),
    twins: bool = Form(False),
    csrf: str = Form(""),
    user: User = Analyst,
):
    """`next`: back to the review queue (the only page a judgement may return to but the claim's own)."""
    check_csrf(request, csrf)
    entry = reviewing.review_claim(get_store(request), user, claim_id, action, known_type(type), twins=twins)
    copies = entry.after.get("twins", 0)
    also = f", and for {copies} identical claim{'s' if copies != 1 else ''} in copies" if copies else ""
    request.session["flash"] = f"Claim {claim_id}: {entry.action} recorded as change #{entry.id}{also}."
    return RedirectResponse(next or f"/claims/{claim_id}", status_code=303)


@router.get("/api/claims", tags=["claims"])
def list_claims_api(
    request: Request,
    page: Page = Depends(),
    tie: int | None = Query(None, ge=1, le=2**31 - 1, description="Claims behind this tie."),
    document: int | None = Query(None, ge=1, le=2**31 - 1, description="Claims found in this document."),
    user: User = Reader,
) -> dict:
    """Claims of one tie or one document (give exactly one of `tie`, `document`)."""
    store = get_store(request)
    if (tie is None) == (document is None):
        raise TiewatchError("give exactly one of ?tie=ID or ?document=ID")
    rows = store.claims_for_tie(store.get_tie(tie).id) if tie else store.claims_for_document(store.get_document(document).id)
    return paginated(request, page, rows[page.offset: page.offset + page.limit + 1],
                     partial(claim_json, paths=shows_paths(request)))


@router.get("/api/claims/{claim_id}", tags=["claims"])
def claim_api(request: Request, claim_id: int = ClaimId, user: User = Reader) -> dict:
    """One claim with its evidence, review state and review history."""
    history = get_store(request).list_reviews(target_kind="claim", target_id=claim_id, limit=None)
    return {**claim_with_state(request, claim_id), "history": [review_json(e) for e in history]}


@router.post("/api/claims/{claim_id}/review", tags=["review"])
def claim_review_api(
    request: Request, claim_id: int = ClaimId, body: ClaimReview = Body(...), user: User = Analyst
) -> dict:
    """Confirm, reject, reopen, retype or reverse a claim (analysts); ties are re-aggregated at once."""
    entry = reviewing.review_claim(get_store(request), user, claim_id, body.action, known_type(body.type), twins=body.twins)
    return {"review": review_json(entry), "claim": claim_with_state(request, claim_id)}
