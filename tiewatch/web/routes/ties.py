"""Ties: every claim with its quote, claimant, polarity, source and date; denials beside assertions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request

from tiewatch.model import TiewatchError, vocabulary
from tiewatch.store import User
from tiewatch.web.auth import Reader, get_store
from tiewatch.web.network import tie_polarity
from tiewatch.web.render import render
from tiewatch.web.serialize import Page, claim_json, paginated, shows_paths, tie_json

router = APIRouter()
TieId = Path(..., ge=1, le=2**31 - 1, description="The tie's id.")
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2}([T ][\d:.+Z-]*)?)?)?$"
POLARITY_PATTERN = "^(asserted|denied|hedged)$"


def type_query(description: str) -> Any:
    """`?type=`: a tie type, listed in the OpenAPI document (an unknown one gets a 400 naming them)."""
    return Query(None, description=description, json_schema_extra={"enum": list(vocabulary())})


def known_type(name: str | None) -> str | None:
    """The tie type asked for, None for any, or a clear error naming the known ones."""
    if name and name not in vocabulary():
        raise TiewatchError(f"unknown tie type {name!r}; known: {', '.join(vocabulary())}")
    return name or None


@router.get("/ties/{tie_id}", include_in_schema=False)
def tie_page(request: Request, tie_id: int = TieId, user: User = Reader):
    store = get_store(request)
    tie = store.get_tie(tie_id)
    live = [c for c in store.claims_for_tie(tie_id) if c.status != "rejected"]
    return render(request, "tie.html", {
        "tie": tie, "polarity": tie_polarity(tie),
        "assertions": [c for c in live if c.polarity != "denied"],
        "denials": [c for c in live if c.polarity == "denied"],
        "rejected": store.rejected_claims_for_tie(tie),
        "description": vocabulary()[tie.type].description if tie.type in vocabulary() else "",
    })


@router.get("/api/ties", tags=["ties"])
def list_ties_api(
    request: Request,
    page: Page = Depends(),
    actor: int | None = Query(None, ge=1, le=2**31 - 1, description="Ties of this actor id."),
    type: str | None = type_query("A tie type from the vocabulary, e.g. supplies_weapons."),
    since: str | None = Query(None, pattern=DATE_PATTERN, description="New or first denied since (ISO date)."),
    min_sources: int | None = Query(None, ge=1, le=10000, description="At least this many independent sources."),
    polarity: str | None = Query(None, pattern=POLARITY_PATTERN),
    user: User = Reader,
) -> dict:
    """Ties, newest first."""
    rows = get_store(request).list_ties(
        actor_id=actor, type=known_type(type), since=since, min_sources=min_sources, polarity=polarity,
        limit=page.limit + 1, offset=page.offset,
    )
    return paginated(request, page, rows, tie_json)


@router.get("/api/ties/{tie_id}", tags=["ties"])
def tie_api(request: Request, tie_id: int = TieId, user: User = Reader) -> dict:
    """One tie with every claim behind it (rejected claims included, marked by `status`)."""
    store = get_store(request)
    tie = store.get_tie(tie_id)
    return {**tie_json(tie), "polarity": tie_polarity(tie), "claims": [claim_json(c, shows_paths(request)) for c in store.claims_for_tie(tie_id)]}
