"""The JSON shapes of the API: plain dicts built from store records, and paginated lists."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Callable, Sequence

from fastapi import Query, Request
from pydantic import BaseModel, ConfigDict

from tiewatch.model import Actor, Document, Tie, shown_origin
from tiewatch.store import ClaimView, ReviewEntry
from tiewatch.store.search import DocumentHit

MAX_LIMIT = 500
MAX_OFFSET = 2**31 - 1


def offset_query(description: str = "How many items to skip.") -> Any:
    """`?offset=`, bounded so no database sees an integer it cannot hold."""
    return Query(0, ge=0, le=MAX_OFFSET, description=description)


class RequestBody(BaseModel):
    """Base of every JSON body the API takes: unknown fields are refused, not ignored."""

    model_config = ConfigDict(extra="forbid")


class Page:
    """`?limit=&offset=` for every list; the API fetches one extra row to know if more follow."""

    def __init__(
        self,
        limit: int = Query(50, ge=1, le=MAX_LIMIT, description="How many items (1-500)."),
        offset: int = offset_query(),
    ):
        self.limit = limit
        self.offset = offset


def paginated(request: Request, page: Page, rows: Sequence[Any], to_json: Callable[[Any], dict]) -> dict:
    """`{"items", "limit", "offset", "next"}`; `rows` may hold one item more than `page.limit`."""
    more = len(rows) > page.limit
    next_url = None
    if more:
        next_url = str(request.url.include_query_params(limit=page.limit, offset=page.offset + page.limit))
    return {"items": [to_json(r) for r in rows[: page.limit]], "limit": page.limit, "offset": page.offset, "next": next_url}


def shows_paths(request: Request) -> bool:
    """Whether the server was started with --show-paths (local file names on pages and in the API)."""
    return bool(getattr(request.app.state, "show_paths", False))


def actor_json(actor: Actor) -> dict:
    return {**asdict(actor), "label": actor.label, "url": f"/actors/{actor.id}"}


def tie_json(tie: Tie) -> dict:
    return {**asdict(tie), "grade": tie.grade, "url": f"/ties/{tie.id}"}


def claim_json(claim: ClaimView, paths: bool = False) -> dict:
    return {**asdict(claim), "document_origin": shown_origin(claim.document_origin, paths), "date": claim.date,
            "document_label": claim.document_label, "url": f"/claims/{claim.id}"}


def document_json(doc: Document, with_text: bool = True, paths: bool = False) -> dict:
    data = {
        "id": doc.id, "title": doc.title, "kind": doc.kind, "origin": shown_origin(doc.origin, paths), "author": doc.author,
        "published": doc.published, "language": doc.language, "ingested_at": doc.ingested_at,
        "source": doc.source.name if doc.source else None, "metadata": doc.metadata, "url": f"/documents/{doc.id}",
    }
    if with_text:
        data["text"] = doc.text
    return data


def hit_json(hit: DocumentHit, paths: bool = False) -> dict:
    return {**asdict(hit), "label": hit.label, "origin": shown_origin(hit.origin, paths), "url": f"/documents/{hit.id}"}


def review_json(entry: ReviewEntry) -> dict:
    return asdict(entry)


def claim_names(store, claims) -> dict[int, str]:
    """The names the actors of `claims` are shown by, so a claim reads "Sinai province smuggles for
    Hamas" and not "them smuggles for Hamas" (the words the sentence used stay in its quote)."""
    ids = {i for c in claims for i in (c.subject_actor_id, c.object_actor_id) if i}
    return store.display_names(ids) if ids else {}
