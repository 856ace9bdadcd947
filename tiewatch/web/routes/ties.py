"""Ties: every claim with its quote, claimant, polarity, source and date; denials beside assertions."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import re

from fastapi import APIRouter, Depends, Path, Query, Request

from tiewatch import resolve
from tiewatch.model import POLARITIES, TIE_ORDERS, TieFilter, TiewatchError, vocabulary
from tiewatch.store import User
from tiewatch.web.auth import Reader, get_store
from tiewatch.web.network import tie_polarity
from tiewatch.web.render import render
from tiewatch.web.serialize import Page, claim_json, paginated, shows_paths, tie_json

router = APIRouter()
TABLE_PAGE = 50
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


def form_filter(request: Request) -> TieFilter:
    """A filter form sends empty strings for 'any'; blanks and malformed values are dropped, so a
    hand-edited address shows the widest view it can rather than an error."""
    params = {k: v.strip() for k, v in request.query_params.items() if v.strip()}
    dates = {k: params[k] for k in ("since", "until") if re.match(DATE_PATTERN, params.get(k, ""))}
    polarity = params.get("polarity")
    return TieFilter(
        actor_id=_number(params.get("actor")), other_id=_number(params.get("other")),
        type=known_type(params.get("type")), seen_from=dates.get("since"), seen_until=dates.get("until"),
        min_sources=_number(params.get("min_sources"), 10000),
        polarity=polarity if polarity in POLARITIES else None,
        order=params["order"] if params.get("order") in TIE_ORDERS else "newest",
        descending=params.get("descending", "true") != "false",
    )


def _number(text: str | None, most: int = 2**31 - 1) -> int | None:
    return int(text) if text and text.isdigit() and 0 < int(text) <= most else None


def table_query(f: TieFilter, **changes) -> str:
    """The ties table's address for `f` (with `changes`), in the form's own parameter names."""
    f = f.but(**changes)
    named = {"actor": f.actor_id, "other": f.other_id, "type": f.type, "since": f.seen_from, "until": f.seen_until,
             "min_sources": f.min_sources, "polarity": f.polarity,
             "order": None if f.order == "newest" else f.order, "descending": None if f.descending else "false"}
    return urlencode({k: v for k, v in named.items() if v is not None})


@router.get("/ties", include_in_schema=False)
def ties_page(request: Request, offset: int = Query(0, ge=0, le=2**31 - 1), user: User = Reader):
    """Every tie in a table: filtered, sorted by any column, paged, and downloadable as shown."""
    store, f = get_store(request), form_filter(request)
    wanted, problem = request.query_params.get("name", "").strip(), None
    if wanted:
        try:
            f = f.but(actor_id=resolve.find_actor(store, wanted).id)
        except TiewatchError as exc:
            problem = str(exc)
    rows = store.list_ties(f, limit=TABLE_PAGE, offset=offset)
    ends = {t.subject_id for t in rows} | {t.object_id for t in rows} | {i for i in (f.actor_id, f.other_id) if i}
    return render(request, "ties.html", {
        "ties": rows, "total": store.count_ties(f), "filter": f, "offset": offset, "page": TABLE_PAGE,
        "labels": {i: label for i, (label, _kind) in store.shown_actors(ends).items()}, "problem": problem,
        "wanted": wanted, "orders": TIE_ORDERS, "query": lambda **changes: table_query(f, **changes),
    })


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
