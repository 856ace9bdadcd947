"""Word documents (python-docx): paragraphs and tables in order, title/author/date from the core
properties. The archive is measured first: what it unpacks to (all members, and the ratio of each
large member) and the elements of its body, so a zip bomb is refused before it is unpacked."""

from __future__ import annotations

import io
import zipfile
from typing import Iterator

from tiewatch.ingest.dates import from_moment
from tiewatch.ingest.markup import CHUNK, check_markup
from tiewatch.ingest.reader import Blob, readers
from tiewatch.model import Document, IngestError

DOCUMENT_PART = "word/document.xml"
RATIO_FLOOR = 1000 * 1000  # members smaller than this may compress as well as they like


def check_archive(blob: Blob) -> None:
    """IngestError when the archive unpacks past the budget or its body nests or piles attributes past it."""
    budget = blob.budget
    with zipfile.ZipFile(io.BytesIO(blob.data)) as archive:
        members = archive.infolist()
        budget.check(blob.origin, "max_expanded", sum(info.file_size for info in members))
        for info in members:
            if info.file_size > RATIO_FLOOR:
                budget.check(blob.origin, "max_ratio", info.file_size // max(1, info.compress_size))
        with archive.open(DOCUMENT_PART) as body:
            check_markup(iter(lambda: body.read(CHUNK), b""), budget, blob.origin, xml=True, elements=False)


def _body_text(document) -> str:
    """Paragraphs and table rows in the order they appear in the body."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            blocks.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells = [cell.text.strip() for cell in row.cells]
                blocks.append(" | ".join(dict.fromkeys(c for c in cells if c)))
    return "\n\n".join(block.strip() for block in blocks if block.strip())


@readers.register("docx")
class DocxReader:
    name = "docx"

    def sniff(self, blob: Blob) -> int:
        if DOCUMENT_PART in blob.zip_names:
            return 100
        if blob.data.startswith(b"PK\x03\x04") and blob.suffix == ".docx":
            return 50
        return 0

    def read(self, blob: Blob) -> Iterator[Document]:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        if DOCUMENT_PART not in blob.zip_names:
            raise IngestError(f"{blob.origin}: damaged DOCX (not a readable Word archive)")
        try:
            check_archive(blob)
            document = docx.Document(io.BytesIO(blob.data))
            text = _body_text(document)
            props = document.core_properties
        except (PackageNotFoundError, zipfile.BadZipFile, SyntaxError, KeyError, ValueError) as exc:
            raise IngestError(f"{blob.origin}: damaged DOCX ({str(exc).splitlines()[0]})") from None
        date = props.created or props.modified
        when = from_moment(date.date() if date else None)
        yield Document(
            text=text,
            kind="docx",
            origin=blob.origin,
            title=props.title or None,
            author=props.author or None,
            published=when.value,
            metadata={**({"subject": props.subject} if props.subject else {}), **when.metadata()},
        )
