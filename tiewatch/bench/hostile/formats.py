"""Minimal writers of every format tiewatch reads, for the hostile corpus: raw PDF syntax, DOCX as a
bare ZIP of WordprocessingML, HTML pages, RSS/Atom feeds and Telegram Desktop exports.

They write bytes directly (no reportlab, no python-docx) so a 20,000-page PDF or a zip bomb takes
milliseconds, and every part of a file can be bent on purpose: a wrong xref, a page tree that
loops, a member that lies about its size.
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from html import escape
from typing import Any, Iterable

ZIP_DATE = (2024, 3, 21, 12, 0, 0)  # fixed, so the same seed gives the same bytes
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def pdf_string(text: str) -> bytes:
    """A PDF literal string: latin-1 text with its delimiters escaped."""
    raw = text.encode("latin-1", "replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf_content(lines: Iterable[str]) -> bytes:
    """A page content stream that shows each line in Helvetica, one under the other."""
    ops = [b"BT /F1 11 Tf 72 760 Td 14 TL"]
    ops += [pdf_string(line) + b" '" for line in lines]
    ops.append(b"ET")
    return b"\n".join(ops)


def pdf_stream(data: bytes, compress: bool = False) -> bytes:
    body = zlib.compress(data, 9) if compress else data
    flate = b" /Filter /FlateDecode" if compress else b""
    return b"<< /Length %d%s >>\nstream\n" % (len(body), flate) + body + b"\nendstream"


def pdf_file(objects: list[bytes], root: int = 1, info: int | None = None, xref: bool = True) -> bytes:
    """A PDF whose object n (1-based) is objects[n-1], with a correct xref table unless `xref` is False."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    start = out.tell()
    if xref:
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
        out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    trailer = b"/Size %d /Root %d 0 R" % (len(objects) + 1, root)
    trailer += b" /Info %d 0 R" % info if info else b""
    out.write(b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % start)
    return out.getvalue()


def pdf_pages(pages: list[list[str]], title: str | None = None, author: str | None = None) -> bytes:
    """A valid PDF with one page per list of lines and an /Info dictionary."""
    count = len(pages)
    kids = b" ".join(b"%d 0 R" % (5 + 2 * i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< " + (b"/Title " + pdf_string(title) if title else b"")
        + (b" /Author " + pdf_string(author) if author else b"") + b" /CreationDate (D:20240321120000Z) >>",
    ]
    for i, lines in enumerate(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>"
                       b" /Contents %d 0 R >>" % (6 + 2 * i))
        objects.append(pdf_stream(pdf_content(lines)))
    return pdf_file(objects, info=4)


def pdf_shared_pages(count: int, lines: list[str]) -> bytes:
    """`count` pages that all show one shared content stream: a huge page count in a small file."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        pdf_stream(pdf_content(lines)),
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    objects += [page] * count
    return pdf_file(objects)


def word_xml(blocks: Iterable[str | list[list[str]]]) -> bytes:
    """word/document.xml: a string is a paragraph, a list of rows is a table."""
    body = []
    for block in blocks:
        if isinstance(block, str):
            body.append(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(block)}</w:t></w:r></w:p>")
            continue
        rows = "".join("<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{escape(cell)}</w:t></w:r></w:p></w:tc>" for cell in row)
                       + "</w:tr>" for row in block)
        body.append(f"<w:tbl>{rows}</w:tbl>")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}"><w:body>'
            + "".join(body) + "</w:body></w:document>").encode("utf-8")


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b'<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    b"</Types>"
)
PACKAGE_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    b'Target="word/document.xml"/>'
    b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    b'Target="docProps/core.xml"/></Relationships>'
)


def core_xml(title: str = "", author: str = "", created: str = "2024-03-21T12:00:00Z") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties '
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{escape(created)}</dcterms:created></cp:coreProperties>'
    ).encode("utf-8")


def zip_file(members: dict[str, bytes]) -> bytes:
    """A deflated ZIP with fixed member dates."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return out.getvalue()


def docx_file(document: bytes, core: bytes | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """A Word package around a given word/document.xml."""
    members = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": PACKAGE_RELS, "word/document.xml": document,
               "docProps/core.xml": core if core is not None else core_xml()}
    members.update(extra or {})
    return zip_file(members)


def html_page(title: str, paragraphs: Iterable[str], head: str = "", site: str | None = None,
              published: str | None = None, author: str | None = None) -> str:
    meta = "".join(
        f'<meta {attr}="{name}" content="{escape(value)}">'
        for attr, name, value in (("property", "og:site_name", site), ("property", "article:published_time", published),
                                  ("name", "author", author))
        if value
    )
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{escape(title)}</title>{meta}{head}"
            f"</head><body><main><article><h1>{escape(title)}</h1>{body}</article></main></body></html>")


def rss_feed(title: str, items: Iterable[dict[str, str]], prologue: str = "") -> str:
    """RSS 2.0; each item dict may hold title, link, guid, pubDate, author and description."""
    parts = []
    for item in items:
        fields = "".join(f"<{key}>{escape(value)}</{key}>" for key, value in item.items())
        parts.append(f"<item>{fields}</item>")
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prologue}<rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>https://feeds.example/</link><description>generated</description>{''.join(parts)}</channel></rss>")


def atom_feed(title: str, entries: Iterable[dict[str, str]]) -> str:
    parts = []
    for entry in entries:
        parts.append(
            f"<entry><title>{escape(entry['title'])}</title><id>{escape(entry['id'])}</id>"
            f"<link href=\"{escape(entry['link'])}\"/><updated>{escape(entry['updated'])}</updated>"
            f"<content type=\"html\">{escape(entry['content'])}</content></entry>"
        )
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{escape(title)}</title>'
            f"<id>urn:feed:{escape(title)}</id><updated>2024-03-21T12:00:00Z</updated>{''.join(parts)}</feed>")


def telegram_message(number: Any, text: Any, date: Any = "2024-03-21T12:00:00", **extra: Any) -> dict[str, Any]:
    return {"id": number, "type": "message", "date": date, "from": extra.pop("sender", "Channel"), "text": text, **extra}


def telegram_export(name: Any, messages: list[Any], chat_id: Any = 1000, username: Any = None, **extra: Any) -> dict[str, Any]:
    chat = {"name": name, "type": "public_channel", "id": chat_id, "messages": messages, **extra}
    if username is not None:
        chat["username"] = username
    return chat


def json_bytes(value: Any) -> bytes:
    """JSON as Telegram Desktop writes it; NaN and Infinity come out bare, as Python's json allows."""
    return json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8", "surrogatepass")
