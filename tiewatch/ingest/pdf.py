"""PDF reports: the text of every page (pypdf) and the title, author and date the file declares;
at most the budget's `max_pages` pages."""

from __future__ import annotations

import io
import logging
from typing import Iterator

from tiewatch.ingest.dates import from_moment
from tiewatch.ingest.reader import Blob, readers
from tiewatch.model import Document, IngestError

TAIL_BYTES = 2048
SENTENCE_ENDS = (".", "!", "?", ":", '"', "\u201d")
WRAPPED = 0.75  # a line at least this share of the page's longest line was wrapped by the layout


def unwrap(page: str) -> str:
    """Join the lines the page layout broke, so names and sentences are whole again.

    A line continues on the next when it is nearly as long as the page's longest line (the layout
    ran out of width) or when the next line starts in lower case. Short lines (headings, the last
    line of a paragraph) keep their line break, and so does a full stop before a capital, so a
    heading never glues onto the paragraph before or after it.
    """
    lines = [line.rstrip() for line in page.splitlines()]
    longest = max((len(line) for line in lines), default=0)
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        ends_sentence = previous.endswith(SENTENCE_ENDS) and (line[:1].isupper() or line[:1].isdigit())
        continues = previous and line and not ends_sentence and (len(previous) >= WRAPPED * longest or line[0].islower())
        if continues:
            out[-1] = previous + " " + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


def _declared(info, key: str) -> str | None:
    value = info.get(key) if info else None
    return str(value).strip() or None if value else None


@readers.register("pdf")
class PdfReader:
    name = "pdf"

    def sniff(self, blob: Blob) -> int:
        if b"%PDF-" in blob.data[:1024]:
            return 100
        return 0

    def read(self, blob: Blob) -> Iterator[Document]:
        from pypdf import PdfReader as Parser
        from pypdf.errors import PdfReadError

        if b"%%EOF" not in blob.data[-TAIL_BYTES:]:
            raise IngestError(f"{blob.origin}: truncated PDF (no end-of-file marker); download it again")
        logging.getLogger("pypdf").setLevel(logging.ERROR)
        try:
            parser = Parser(io.BytesIO(blob.data))
            if parser.is_encrypted:
                raise IngestError(f"{blob.origin}: encrypted PDF; save a copy without a password first")
            blob.budget.check(blob.origin, "max_pages", len(parser.pages))
            pages = [unwrap(page.extract_text() or "") for page in parser.pages]
            info = parser.metadata
            created = info.creation_date if info else None
        except IngestError:
            raise
        except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
            raise IngestError(f"{blob.origin}: damaged PDF ({str(exc).splitlines()[0] or type(exc).__name__})") from None
        text = "\n\n".join(page.strip() for page in pages if page.strip())
        if not text:
            raise IngestError(f"{blob.origin}: PDF without a text layer (scanned?); run OCR on it first")
        when = from_moment(created.date() if created else None)
        yield Document(
            text=text,
            kind="pdf",
            origin=blob.origin,
            title=_declared(info, "/Title"),
            author=_declared(info, "/Author"),
            published=when.value,
            metadata={"pages": len(pages), **when.metadata()},
        )
