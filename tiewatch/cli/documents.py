"""`tiewatch documents`: what is stored."""

from __future__ import annotations

import json
from enum import Enum

import typer
from rich.table import Table

from tiewatch.cli.app import app
from tiewatch.cli.context import DB_OPTION, out_console, store_of


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"


@app.command()
def documents(
    ctx: typer.Context,
    format: Format = typer.Option(Format.table, "--format", help="table for reading, jsonl for tools."),
    db: str = DB_OPTION,
) -> None:
    """List stored documents (id, title, kind, origin, published, language; jsonl adds the text)."""
    store = store_of(ctx, db)
    if format is Format.jsonl:
        for doc in store.iter_documents():
            record = {
                "id": doc.id, "title": doc.title, "kind": doc.kind, "origin": doc.origin,
                "published": doc.published, "language": doc.language, "author": doc.author,
                "source": doc.source.name if doc.source else None, "sha256": doc.sha256,
                "metadata": doc.metadata, "text": doc.text,
            }
            typer.echo(json.dumps(record, ensure_ascii=False))
        return
    table = Table("id", "title", "kind", "origin", "published", "lang")
    for doc in store.iter_documents():
        table.add_row(str(doc.id), (doc.title or "")[:60], doc.kind, doc.origin[:60], doc.published or "", doc.language or "")
    out_console.print(table)
