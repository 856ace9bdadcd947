"""Documents: metadata and text, each evidence span highlighted and linked to its claim."""

from __future__ import annotations

from functools import partial

from fastapi import APIRouter, Body, Depends, Form, Path, Query, Request
from fastapi.responses import RedirectResponse
from markupsafe import Markup
from pydantic import Field

from tiewatch.model import Document, document_label
from tiewatch.store import ClaimView, User
from tiewatch.web import reviewing
from tiewatch.web.auth import Analyst, Reader, check_csrf, get_store
from tiewatch.web.highlight import segments
from tiewatch.web.markdown import Mark, is_markdown, to_html
from tiewatch.web.render import render
from tiewatch.web.serialize import (
    Page, RequestBody, claim_json, claim_names, document_json, hit_json, offset_query, paginated, review_json, shows_paths,
)

router = APIRouter()
DocumentId = Path(..., ge=1, le=2**31 - 1, description="The document's id.")
LIST_LIMIT = 50
DATED_BY = {
    "file": "as the file declares", "letterhead": "from the date in its letterhead",
    "sign-off": "from the date it is signed", "lead": "from the first date of its lead (the event it reports); check it",
    "flag": "as given on ingest", "sidecar": "as its sidecar file gives", "analyst": "as an analyst set it",
}


class DocumentDescription(RequestBody):
    """Fields to set; null clears one, a field left out stays as it is."""

    title: str | None = Field(None, max_length=500)
    publisher: str | None = Field(None, max_length=300)
    published: str | None = Field(None, max_length=80, description="A date, e.g. 2016-02-24.")
    url: str | None = Field(None, max_length=2000, description="http(s) address of the document.")


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


def _rendered(doc: Document, claims: list[ClaimView]) -> Markup:
    """A Markdown document as a page shows it, each claim's block marked and linked to its evidence."""
    marks = [Mark(c.start, f"claim-{c.id}", f"/documents/{doc.id}?view=text#claim-{c.id}", "evidence") for c in claims]
    return to_html(doc.text, marks)


@router.get("/documents/{document_id}", include_in_schema=False)
def document_page(
    request: Request,
    document_id: int = DocumentId,
    view: str | None = Query(None, pattern="^(text|rendered)$", description="text: the evidence view of a Markdown document."),
    user: User = Reader,
):
    store = get_store(request)
    doc = store.get_document(document_id)
    claims = store.claims_for_document(document_id)
    markdown = is_markdown(doc.metadata)
    rendered = _rendered(doc, claims) if markdown and view != "text" else None
    return render(request, "document.html", {
        "doc": doc, "claims": claims, "names": claim_names(store, claims),
        "doc_label": document_label(doc.title, doc.origin, doc.id), "markdown": markdown, "rendered": rendered,
        "segments": segments(doc.text, claims) if rendered is None else [],
        "metadata": _metadata_rows(doc.metadata), "dated_by": DATED_BY.get(doc.metadata.get("dated_by")),
    })


@router.post("/documents/{document_id}/describe", include_in_schema=False)
def describe_form(
    request: Request,
    document_id: int = DocumentId,
    title: str = Form("", max_length=500),
    publisher: str = Form("", max_length=300),
    published: str = Form("", max_length=80),
    url: str = Form("", max_length=2000),
    csrf: str = Form(""),
    user: User = Analyst,
):
    check_csrf(request, csrf)
    changes = {"title": title, "publisher": publisher, "published": published, "url": url}
    entry = reviewing.describe_document(get_store(request), user, document_id, changes)
    request.session["flash"] = f"Document #{document_id}: {', '.join(entry.after)} changed (undo it in the review log)."
    return RedirectResponse(f"/documents/{document_id}", status_code=303)


@router.post("/api/documents/{document_id}/describe", tags=["review"])
def describe_api(request: Request, document_id: int = DocumentId, body: DocumentDescription = Body(...),
                 user: User = Analyst) -> dict:
    """Correct a document's title, publisher, date or web address (analysts); logged, undoable, and
    the graph's dates follow at once."""
    store = get_store(request)
    entry = reviewing.describe_document(store, user, document_id, body.model_dump(exclude_unset=True))
    return {"review": review_json(entry), "document": document_json(store.get_document(document_id), with_text=False,
                                                                    paths=shows_paths(request))}


@router.get("/api/documents", tags=["documents"])
def list_documents_api(request: Request, page: Page = Depends(), user: User = Reader) -> dict:
    """Documents, newest stored first, with a snippet of their text."""
    rows = get_store(request).list_documents(limit=page.limit + 1, offset=page.offset)
    return paginated(request, page, rows, partial(hit_json, paths=shows_paths(request)))


@router.get("/api/documents/{document_id}", tags=["documents"])
def document_api(request: Request, document_id: int = DocumentId, user: User = Reader) -> dict:
    """One document: metadata, full text, and the claims found in it with their offsets."""
    store = get_store(request)
    doc = store.get_document(document_id)
    paths = shows_paths(request)
    return {**document_json(doc, paths=paths),
            "claims": [claim_json(c, paths) for c in store.claims_for_document(document_id)]}
