"""Documents: metadata and text, each evidence span highlighted and linked to its claim."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Request

from tiewatch.store import User
from tiewatch.web.auth import Reader, get_store
from tiewatch.web.highlight import segments
from tiewatch.web.render import render
from tiewatch.web.serialize import Page, claim_json, document_json, hit_json, offset_query, paginated

router = APIRouter()
DocumentId = Path(..., ge=1, le=2**31 - 1, description="The document's id.")
LIST_LIMIT = 50


def _metadata_rows(metadata: dict) -> list[tuple[str, str]]:
    """Metadata as (key, text) pairs for display; nested values shown as compact text."""
    rows = []
    for key, value in sorted(metadata.items()):
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        rows.append((str(key), "" if value is None else str(value)))
    return rows


@router.get("/documents", include_in_schema=False)
def documents_page(request: Request, offset: int = offset_query(), user: User = Reader):
    docs = get_store(request).list_documents(limit=LIST_LIMIT + 1, offset=offset)
    return render(request, "documents.html", {
        "documents": docs[:LIST_LIMIT], "offset": offset, "more": len(docs) > LIST_LIMIT, "limit": LIST_LIMIT,
    })


@router.get("/documents/{document_id}", include_in_schema=False)
def document_page(request: Request, document_id: int = DocumentId, user: User = Reader):
    store = get_store(request)
    doc = store.get_document(document_id)
    claims = store.claims_for_document(document_id)
    return render(request, "document.html", {
        "doc": doc, "claims": claims, "segments": segments(doc.text, claims),
        "metadata": _metadata_rows(doc.metadata),
    })


@router.get("/api/documents", tags=["documents"])
def list_documents_api(request: Request, page: Page = Depends(), user: User = Reader) -> dict:
    """Documents, newest stored first, with a snippet of their text."""
    rows = get_store(request).list_documents(limit=page.limit + 1, offset=page.offset)
    return paginated(request, page, rows, hit_json)


@router.get("/api/documents/{document_id}", tags=["documents"])
def document_api(request: Request, document_id: int = DocumentId, user: User = Reader) -> dict:
    """One document: metadata, full text, and the claims found in it with their offsets."""
    store = get_store(request)
    doc = store.get_document(document_id)
    return {**document_json(doc), "claims": [claim_json(c) for c in store.claims_for_document(document_id)]}
