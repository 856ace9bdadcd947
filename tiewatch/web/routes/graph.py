"""The graph explorer page and the Cytoscape JSON behind it."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request

from tiewatch.store import User
from tiewatch.web.auth import Reader, get_store
from tiewatch.web.network import MAX_TIES, GraphFilter, channel_elements, elements
from tiewatch.web.render import render
from tiewatch.web.routes.ties import DATE_PATTERN, POLARITY_PATTERN, known_type, type_query

router = APIRouter()


def graph_filter(
    type: str | None = type_query("Only ties of this type."),
    since: str | None = Query(None, pattern=DATE_PATTERN, description="Ties last seen on or after this date."),
    until: str | None = Query(None, pattern=DATE_PATTERN, description="Ties first seen on or before this date."),
    min_sources: int | None = Query(None, ge=1, le=10000, description="At least this many independent sources."),
    polarity: str | None = Query(None, pattern=POLARITY_PATTERN, description="Ties with a claim of this polarity."),
    actor: int | None = Query(None, ge=1, le=2**31 - 1, description="Only the ties of this actor (ego network)."),
) -> GraphFilter:
    return GraphFilter(known_type(type), since, until, min_sources, polarity, actor)


def _form_filter(request: Request) -> GraphFilter:
    """The page's filter form sends empty strings for 'any'; blanks and malformed values are dropped."""
    params = {k: v.strip() for k, v in request.query_params.items() if v.strip()}
    dates = {k: params[k] for k in ("since", "until") if re.match(DATE_PATTERN, params.get(k, "")) and params[k]}
    sources = params.get("min_sources", "")
    polarity = params.get("polarity")
    return GraphFilter(
        type=known_type(params.get("type")), since=dates.get("since"), until=dates.get("until"),
        min_sources=int(sources) if sources.isdigit() and 0 < int(sources) <= 10000 else None,
        polarity=polarity if polarity in ("asserted", "denied", "hedged") else None,
    )


@router.get("/graph", include_in_schema=False)
def graph_page(request: Request, user: User = Reader):
    f = _form_filter(request)
    query = urlencode({k: v for k, v in vars(f).items() if v is not None})
    return render(request, "graph.html", {"filter": f, "api_url": "/api/graph?" + query, "max_ties": MAX_TIES})


@router.get("/api/graph", tags=["graph"])
def graph_api(request: Request, f: GraphFilter = Depends(graph_filter), user: User = Reader) -> dict:
    """The filtered tie graph as Cytoscape.js elements (nodes sized by degree centrality)."""
    return elements(get_store(request), f)


@router.get("/channels", include_in_schema=False)
def channels_page(request: Request, user: User = Reader):
    return render(request, "channels.html", {})


@router.get("/api/channels", tags=["graph"])
def channels_api(request: Request, user: User = Reader) -> dict:
    """Channel structure (forwards, replies, links, @mentions between Telegram channels) as
    Cytoscape.js elements; kept apart from claimed ties."""
    return channel_elements(get_store(request))
