"""The graph explorer page and the Cytoscape JSON behind it."""

from __future__ import annotations


from fastapi import APIRouter, Depends, Query, Request

from tiewatch.model import TieFilter
from tiewatch.model.records import ACTOR_KINDS
from tiewatch.store import User
from tiewatch.web.auth import Reader, get_store
from tiewatch.web.network import MAX_TIES, channel_elements, elements
from tiewatch.web.render import render
from tiewatch.web.routes.ties import DATE_PATTERN, POLARITY_PATTERN, form_filter, known_type, table_query, type_query

router = APIRouter()


def graph_filter(
    type: str | None = type_query("Only ties of this type."),
    since: str | None = Query(None, pattern=DATE_PATTERN, description="Ties a source dates on or after this date (last seen)."),
    until: str | None = Query(None, pattern=DATE_PATTERN, description="Ties a source dates on or before this date (first seen)."),
    min_sources: int | None = Query(None, ge=1, le=10000, description="At least this many independent sources."),
    polarity: str | None = Query(None, pattern=POLARITY_PATTERN, description="Ties with a claim of this polarity."),
    actor: int | None = Query(None, ge=1, le=2**31 - 1, description="Only the ties of this actor (ego network)."),
) -> TieFilter:
    return TieFilter(actor_id=actor, type=known_type(type), seen_from=since, seen_until=until,
                     min_sources=min_sources, polarity=polarity)


@router.get("/graph", include_in_schema=False)
def graph_page(request: Request, user: User = Reader):
    f = form_filter(request).but(other_id=None, order="newest", descending=True)
    focus = get_store(request).get_actor(f.actor_id) if f.actor_id else None
    return render(request, "graph.html", {"filter": f, "focus": focus, "api_url": "/api/graph?" + table_query(f),
                                          "max_ties": MAX_TIES, "kinds": ACTOR_KINDS,
                                          "table_url": "/ties?" + table_query(f)})


@router.get("/api/graph", tags=["graph"])
def graph_api(request: Request, f: TieFilter = Depends(graph_filter), user: User = Reader) -> dict:
    """The filtered tie graph as Cytoscape.js elements: one edge per pair of actors listing the
    ties between them, nodes sized by degree centrality; the newest 2,000 ties at most."""
    return elements(get_store(request), f)


@router.get("/channels", include_in_schema=False)
def channels_page(request: Request, user: User = Reader):
    return render(request, "channels.html", {})


@router.get("/api/channels", tags=["graph"])
def channels_api(request: Request, user: User = Reader) -> dict:
    """Channel structure (forwards, replies, links, @mentions between Telegram channels) as
    Cytoscape.js elements; kept apart from claimed ties."""
    return channel_elements(get_store(request))
