"""`tiewatch documents`: what is stored."""

from __future__ import annotations


import typer
from rich.table import Table

from tiewatch.cli.app import app
from tiewatch.cli.output import Format, format_option, print_records
from tiewatch.cli.context import DB_OPTION, out_console, store_of


@app.command()
def documents(
    ctx: typer.Context,
    format: Format = format_option(),
    db: str = DB_OPTION,
) -> None:
    """List stored documents (id, title, kind, origin, published, language; jsonl and csv add the text)."""
    store = store_of(ctx, db)
    if print_records(format, ({
        "id": doc.id, "title": doc.title, "kind": doc.kind, "origin": doc.origin,
        "published": doc.published, "language": doc.language, "author": doc.author,
        "source": doc.source.name if doc.source else None, "sha256": doc.sha256,
        "metadata": doc.metadata, "text": doc.text,
    } for doc in store.iter_documents())):
        return
    table = Table("id", "title", "kind", "origin", "published", "lang")
    for doc in store.iter_documents():
        table.add_row(str(doc.id), (doc.title or "")[:60], doc.kind, doc.origin[:60], doc.published or "", doc.language or "")
    out_console.print(table)
