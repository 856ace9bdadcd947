"""Malformed PDF and Word files, written in raw syntax: page trees and form XObjects that loop,
wrong xref tables, lying stream lengths, fake encryption, non-finite numbers, corrupt deflate data;
Word packages with missing parts, external entities, CRC errors, traversal names and deep tables."""

from __future__ import annotations

from typing import Callable

from tiewatch.bench.hostile import formats
from tiewatch.bench.hostile.corpus import ANY, Maker, kind
from tiewatch.bench.hostile.markup import entity_bomb, external_entity
from tiewatch.bench.hostile.prose import HOSTILE_TAG, lines, paragraphs

CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
RESOURCES = b"/Resources << /Font << /F1 3 0 R >> >>"


def _text_stream(m: Maker) -> bytes:
    return formats.pdf_stream(formats.pdf_content(lines(" ".join(paragraphs(m.rng, HOSTILE_TAG, 2)))))


def _pdf(m: Maker, pages: bytes, page: bytes, extra: tuple[bytes, ...] = (), **kw) -> bytes:
    """Objects 1-5: catalog, page tree, font, a page, its text stream; then `extra`."""
    return formats.pdf_file([CATALOG, pages, FONT, page, _text_stream(m), *extra], **kw)


PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] " + RESOURCES + b" /Contents 5 0 R >>"
TREE = b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>"

PDF_VARIANTS: tuple[Callable[[Maker, int], bytes], ...] = (
    lambda m, n: _pdf(m, TREE, PAGE, xref=False),
    lambda m, n: _pdf(m, b"<< /Type /Pages /Kids [2 0 R 4 0 R] /Count 2 >>", PAGE),
    lambda m, n: _pdf(m, b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>", PAGE, (b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",)),
    lambda m, n: _pdf(m, b"<< /Type /Pages /Kids [4 0 R] /Count 999999999 >>", PAGE),
    lambda m, n: _pdf(m, TREE, PAGE.replace(b"/Contents 5 0 R", b"/Contents 99 0 R")),
    lambda m, n: _pdf(m, TREE, PAGE).replace(b"/Length ", b"/Length 9", 1),
    lambda m, n: _pdf(m, TREE, PAGE, (formats.pdf_stream(m.rng.randbytes(300)).replace(b"<<", b"<< /Filter /FlateDecode", 1),))
                 .replace(b"/Contents 5 0 R", b"/Contents 6 0 R"),
    lambda m, n: _pdf(m, TREE, PAGE).replace(b"trailer\n<< ", b"trailer\n<< /Encrypt << /Filter /Standard /V 9 /R 9 >> ", 1),
    lambda m, n: formats.pdf_file([CATALOG, TREE, FONT, PAGE, formats.pdf_stream(b"q 1 0 0 1 0 0 cm Q")]),
    lambda m, n: _pdf(m, TREE, PAGE, (formats.pdf_stream(b"BT /F1 11 Tf (\\777 unbalanced \\( (x) Tj (\xfe\xff\xd8\x00) Tj ET"),))
                 .replace(b"/Contents 5 0 R", b"/Contents 6 0 R"),
    lambda m, n: _pdf(m, TREE, PAGE, (formats.pdf_stream(b"BT /F1 1e308 Tf 1e308 0 0 -1e308 0 0 Tm NaN TL (x) ' ET"),))
                 .replace(b"/Contents 5 0 R", b"/Contents 6 0 R"),
    lambda m, n: _pdf(m, TREE, PAGE.replace(b"/Contents 5 0 R", b"/Contents 6 0 R").replace(
        b"/Font << /F1 3 0 R >>", b"/Font << /F1 3 0 R >> /XObject << /X1 7 0 R >>"),
        (formats.pdf_stream(b"/X1 Do"), b"<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /X1 7 0 R >> >>"
         b" /Length 6 >>\nstream\n/X1 Do\nendstream")),
    lambda m, n: _pdf(m, TREE, PAGE, (b"[" * m.size(50_000, 100) + b"]" * m.size(50_000, 100),)),
    lambda m, n: _pdf(m, TREE, PAGE, info=6, extra=(b"<< /Title (\\000\\000) /CreationDate (D:99999999999999) /Author <FEFFD800> >>",)),
    lambda m, n: _pdf(m, TREE, PAGE).replace(b"trailer\n<< ", b"trailer\n<< /Prev 0 ", 1),
    lambda m, n: _pdf(m, TREE, PAGE, (formats.pdf_stream(b"q " * m.size(200_000, 100) + b"BT /F1 9 Tf (deep) Tj ET"),))
                 .replace(b"/Contents 5 0 R", b"/Contents 6 0 R"),
)


@kind("pdf-malformed", files=250, about="page-tree and XObject loops, broken xref, lying lengths, fake encryption, NaN operands")
def pdf_malformed(m: Maker) -> None:
    for n in range(m.count(250)):
        m.file(f"{n:04d}.pdf", PDF_VARIANTS[n % len(PDF_VARIANTS)](m, n), ANY)


def _word(m: Maker) -> bytes:
    return formats.word_xml(paragraphs(m.rng, HOSTILE_TAG, 3))


def _corrupt(data: bytes, m: Maker) -> bytes:
    """The same ZIP with a few bytes of its compressed data flipped (the CRC no longer matches)."""
    cut = data.find(b"word/document.xml") + 40
    return data[:cut] + bytes(b ^ 0x5A for b in data[cut:cut + 8]) + data[cut + 8:]


def _nested_table(depth: int) -> bytes:
    cell = "<w:p><w:r><w:t>bottom</w:t></w:r></w:p>"
    for _ in range(depth):
        cell = f"<w:tbl><w:tr><w:tc>{cell}</w:tc></w:tr></w:tbl><w:p/>"
    return (f'<?xml version="1.0"?><w:document xmlns:w="{formats.W_NS}"><w:body>{cell}</w:body></w:document>').encode()


def _with_doctype(xml: bytes, doctype: str, body: str) -> bytes:
    text = xml.decode().replace("?>\n", "?>\n" + doctype, 1)
    return text.replace("<w:body>", f"<w:body><w:p><w:r><w:t>{body}</w:t></w:r></w:p>", 1).encode()


DOCX_VARIANTS: tuple[Callable[[Maker, int], bytes], ...] = (
    lambda m, n: formats.zip_file({"[Content_Types].xml": formats.CONTENT_TYPES}),
    lambda m, n: formats.docx_file(_word(m)[: -m.rng.randrange(5, 60)]),
    lambda m, n: formats.docx_file(_with_doctype(_word(m), external_entity(f"file://{m.outside}", "w:document"), "&xxe;")),
    lambda m, n: formats.docx_file(_with_doctype(_word(m), external_entity("file:///etc/passwd", "w:document"), "&xxe;")),
    lambda m, n: formats.docx_file(_with_doctype(_word(m), entity_bomb(6, 10, "w:document"), "&e6;")),
    lambda m, n: _corrupt(formats.docx_file(_word(m)), m),
    lambda m, n: formats.docx_file(_word(m), formats.core_xml("t\u0000", "a" * 300, ("9999-99-99", "-0001-01-01T00:00:00Z",
                                                                               "2024-02-30", "NaN")[n % 4]).replace(b"\x00", b"&#0;")),
    lambda m, n: formats.docx_file(_nested_table(m.size(60, 5))),
    lambda m, n: formats.docx_file(_word(m).replace(b'xmlns:w="', b'xmlns:q="')),
    lambda m, n: formats.zip_file({"_rels/.rels": formats.PACKAGE_RELS, "word/document.xml": _word(m)}),
    lambda m, n: formats.docx_file(_word(m), extra={"_rels/.rels": formats.PACKAGE_RELS.replace(
        b'Target="word/document.xml"', b'Target="../../../../etc/passwd"')}),
    lambda m, n: formats.docx_file(_word(m), extra={"../../evil.xml": b"<x/>", "/abs/evil.xml": b"<x/>"}),
    lambda m, n: formats.docx_file(_word(m), extra={f"junk/{i}.bin": b"" for i in range(m.size(10_000, 10))}),
    lambda m, n: formats.docx_file(_word(m)).replace(b"PK\x03\x04\x14\x00\x00\x00", b"PK\x03\x04\x14\x00\x01\x00", 1),
)


@kind("docx-malformed", files=250, about="Word packages with missing parts, external entities, CRC errors, traversal names, deep tables")
def docx_malformed(m: Maker) -> None:
    for n in range(m.count(250)):
        m.file(f"{n:04d}.docx", DOCX_VARIANTS[n % len(DOCX_VARIANTS)](m, n), ANY)

