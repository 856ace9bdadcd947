"""Small files that cost a reader a lot: huge single lines, emoji floods, deep and wide HTML, 100k-cell
tables, 20,000-item feeds, 200,000-message exports, 20,000-page PDFs, deflate bombs in PDF and DOCX.

Sizes are those of issue 13 at scale 1 and shrink with the scale; each is its own kind, so a run
can leave out those that a machine without resource budgets cannot survive (`--skip KIND`).
"""

from __future__ import annotations

import io
import zipfile
import zlib

from tiewatch.bench.hostile import formats
from tiewatch.bench.hostile.corpus import ANY, SKIP, Maker, kind
from tiewatch.bench.hostile.prose import HOSTILE_TAG, paragraph, paragraphs, sentence


@kind("huge-line", files=2, about="a 4 MB single line of words, and one of a single 4 MB word")
def huge_line(m: Maker) -> None:
    size = m.size(4_000_000, 1000)
    words = paragraph(m.rng, 20) + " "
    m.file("words.txt", (words * (size // len(words) + 1))[:size], ANY)
    m.file("one-word.md", "Al" + "a" * size, ANY)


@kind("emoji-flood", files=2, about="1.6 MB of emoji with a digit every 50 (text, but no language to detect), as text and a message")
def emoji_flood(m: Maker) -> None:
    count = m.size(400_000, 250)
    flood = "".join(chr(0x1F600 + m.rng.randrange(80)) + (f" {n % 10} " if n % 50 == 49 else "") for n in range(count))
    m.file("flood.txt", flood, ANY)
    export = formats.telegram_export("Emoji", [formats.telegram_message(1, flood)], chat_id=1)
    m.file("flood.json", formats.json_bytes(export), ANY)


@kind("html-deep", files=1, about="a page nested 100,000 elements deep")
def html_deep(m: Maker) -> None:
    depth = m.size(100_000, 100)
    m.file("deep.html", "<!DOCTYPE html><html><body>" + "<div><span>" * depth + paragraph(m.rng, 5)
           + "</span></div>" * depth + "</body></html>", ANY)


@kind("html-attributes", files=1, about="one element with 200,000 attributes")
def html_attributes(m: Maker) -> None:
    attrs = " ".join(f'a{i}="{i}"' for i in range(m.size(200_000, 100)))
    m.file("attributes.html", formats.html_page("Attributes", paragraphs(m.rng, HOSTILE_TAG, 3)).replace(
        "<article>", f"<article {attrs}>", 1), ANY)


@kind("html-table", files=1, about="a page holding a 100,000-cell table")
def html_table(m: Maker) -> None:
    rows, cols = m.size(10_000, 10), 10
    cell = "".join(f"<td>{w}</td>" for w in sentence(m.rng).split()[:cols])
    table = "<table>" + f"<tr>{cell}</tr>" * rows + "</table>"
    m.file("table.html", formats.html_page("Table", paragraphs(m.rng, HOSTILE_TAG, 3)).replace("</article>", table + "</article>"), ANY)


@kind("html-entities", files=1, about="a page of a million character and entity references")
def html_entities(m: Maker) -> None:
    refs = "&amp;&#x1F600;&lt;&#8212;&nbsp;" * m.size(200_000, 100)
    m.file("entities.html", formats.html_page("Entities", [paragraph(m.rng, 5)]).replace("</article>", f"<p>{refs}</p></article>"), ANY)


@kind("feed-many", files=1, about="an RSS feed of 20,000 items (large but legitimate)")
def feed_many(m: Maker) -> None:
    items = ({"title": f"Item {n}", "link": f"https://many.example/{n}", "guid": f"urn:many:{n}",
              "description": f"{sentence(m.rng)} Item number {n}."} for n in range(m.size(20_000, 20)))
    m.file("many.xml", formats.rss_feed("Many items", items), ANY)


@kind("telegram-big", files=1, about="a Telegram export of 200,000 messages (large but legitimate)")
def telegram_big(m: Maker) -> None:
    messages = [formats.telegram_message(n, f"{sentence(m.rng)} Message {n}.") for n in range(1, m.size(200_000, 20) + 1)]
    m.file("result.json", formats.json_bytes(formats.telegram_export("Big channel", messages, chat_id=7)), ANY)


@kind("pdf-pages", files=1, about="a 20,000-page PDF (large but legitimate)")
def pdf_pages(m: Maker) -> None:
    m.file("pages.pdf", formats.pdf_shared_pages(m.size(20_000, 20), [sentence(m.rng), sentence(m.rng)]), ANY)


def _deflated_stream(unpacked: int) -> bytes:
    """A FlateDecode content stream of text operators that inflates to `unpacked` bytes."""
    chunk = b"BT /F1 9 Tf (bomb) Tj ET\n" * 40_000
    packer, parts = zlib.compressobj(9), []
    for _ in range(max(1, unpacked // len(chunk))):
        parts.append(packer.compress(chunk))
    body = b"".join(parts) + packer.flush()
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"


@kind("pdf-bomb", files=1, about="a PDF whose one content stream inflates to 256 MB")
def pdf_bomb(m: Maker) -> None:
    tree = b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>"
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    stream = _deflated_stream(m.size(256_000_000, 1_000_000))
    m.file("bomb.pdf", formats.pdf_file([b"<< /Type /Catalog /Pages 2 0 R >>", tree, font, page, stream]), ANY)


def _bomb_docx(unpacked: int, m: Maker) -> bytes:
    """A Word file whose document.xml is `unpacked` bytes of repeated paragraphs, deflated as it is written."""
    para = f"<w:p><w:r><w:t>{sentence(m.rng)}</w:t></w:r></w:p>".encode() * 2000
    head, tail = formats.word_xml([]).split(b"</w:body>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("[Content_Types].xml", formats.CONTENT_TYPES), ("_rels/.rels", formats.PACKAGE_RELS),
                           ("docProps/core.xml", formats.core_xml("Bomb"))):
            archive.writestr(zipfile.ZipInfo(name, formats.ZIP_DATE), data, zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo("word/document.xml", formats.ZIP_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            member.write(head)
            for _ in range(max(1, unpacked // len(para))):
                member.write(para)
            member.write(b"</w:body>" + tail)
    return out.getvalue()


@kind("docx-bomb", files=2, about="a 1 MB DOCX that unpacks to 450 MB, and one past the 500 MB unpacking cap")
def docx_bomb(m: Maker) -> None:
    m.file("bomb.docx", _bomb_docx(m.size(450_000_000, 1_000_000), m), ANY)
    if m.corpus.scale >= 1:
        m.file("over-cap.docx", _bomb_docx(600_000_000, m), SKIP)


@kind("docx-table", files=1, about="a Word file holding a 100,000-cell table")
def docx_table(m: Maker) -> None:
    words = sentence(m.rng).split()
    rows = [[words[c % len(words)] for c in range(10)] for _ in range(m.size(10_000, 10))]
    m.file("table.docx", formats.docx_file(formats.word_xml([paragraph(m.rng, 3), rows])), ANY)


@kind("text-big", files=1, about="a 40 MB text file, under the 50 MB read cap")
def text_big(m: Maker) -> None:
    size = m.size(40_000_000, 10_000)
    block = "\n\n".join(paragraph(m.rng, 4) for _ in range(50)) + "\n\n"
    m.file("big.txt", (block * (size // len(block) + 1))[:size], ANY)
