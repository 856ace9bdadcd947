"""Generators of hostile inputs, small on disk, each crafted to cost a reader far more than its size."""

from __future__ import annotations

import io
import json
import random
import zipfile
from pathlib import Path

GOOD_TEXT = "The Al-Baraka charity sent money to Hamas in 2019, officials in Gaza said. " * 3


def zip_bomb(path: Path, megabytes: int = 220) -> Path:
    """A Word file of a few hundred KB whose body unpacks to `megabytes` MB of text."""
    import docx

    base = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Cover page.")
    document.save(base)
    run = b"<w:p><w:r><w:t>" + b"A" * 999_970 + b"</w:t></w:r></w:p>"
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != "word/document.xml":
                dst.writestr(info.filename, data)
                continue
            head, tail = data.split(b"<w:body>", 1)
            with dst.open(info.filename, "w", force_zip64=True) as body:
                body.write(head + b"<w:body>")
                for _ in range(megabytes):
                    body.write(run)
                body.write(tail)
    return path


def feed(path: Path, items: int) -> Path:
    entries = "".join(
        f"<item><title>Item {i}</title><link>https://news.example/{i}</link>"
        f"<description>Hamas fighters clashed with ISIS near Rafah in report {i}.</description></item>"
        for i in range(items)
    )
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
                    f"<link>https://news.example</link>{entries}</channel></rss>", encoding="utf-8")
    return path


def page(body: str) -> str:
    return f"<!doctype html><html><head><title>Page</title></head><body>{body}</body></html>"


def nested_entities(path: Path, depth: int = 2_000) -> Path:
    """Entities inside elements nested `depth` deep, with a billion-laughs entity declaration."""
    declared = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    inner = "&amp;&lt;&#x41;&a9;" * 50
    path.write_text(f"<!DOCTYPE html [{declared}]>" + page("<span>" * depth + inner + "</span>" * depth), encoding="utf-8")
    return path


def many_attributes(path: Path, count: int = 20_000) -> Path:
    attributes = " ".join(f'data-a{i}="v"' for i in range(count))
    path.write_text(page(f"<p {attributes}>{GOOD_TEXT}</p>"), encoding="utf-8")
    return path


def big_table(path: Path, rows: int, columns: int = 100) -> Path:
    cells = "".join("<tr>" + "".join(f"<td>cell {r}-{c}</td>" for c in range(columns)) + "</tr>" for r in range(rows))
    path.write_text(page(f"<p>{GOOD_TEXT}</p><table>{cells}</table>"), encoding="utf-8")
    return path


def many_pages(path: Path, pages: int) -> Path:
    """A PDF of `pages` pages that all share one small content stream."""
    stream = b"BT /F1 12 Tf 72 720 Td (Hamas fighters clashed with ISIS near Rafah.) Tj ET"
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (5 + i) for i in range(pages)) + b"] /Count %d >>" % pages,
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        4: b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    }
    for i in range(pages):
        objects[5 + i] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                          b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
    out, offsets = bytearray(b"%PDF-1.4\n"), {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in sorted(objects))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def emoji_flood(path: Path, megabytes: float = 1.6) -> Path:
    """Emoji with a few letters between them, no line break: no language a detector would name."""
    rng = random.Random(7)
    symbols = ["\U0001F600", "\U0001F4A5", "\U0001F525", "ok", "x", " "]
    count = int(megabytes * 1_000_000 / 3.5)
    path.write_text("".join(rng.choice(symbols) for _ in range(count)), encoding="utf-8")
    return path


def single_line(path: Path, megabytes: float = 4) -> Path:
    rng = random.Random(8)
    words = ["Hamas", "ISIS", "fighters", "clashed", "with", "the", "group", "near", "Rafah", "and"]
    text = " ".join(rng.choice(words) for _ in range(int(megabytes * 1_000_000 / 5)))
    path.write_text(text[: int(megabytes * 1_000_000)], encoding="utf-8")
    return path


def telegram(path: Path, messages: int, channel: str = "Front Media", **extra) -> Path:
    """A Telegram Desktop export of `messages` text messages, written as a stream."""
    rng = random.Random(9)
    words = "Hamas ISIS Hezbollah fighters clashed with the group near Gaza and Syria today officials said".split()
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"name": channel, "type": "public_channel", "id": 4242})[:-1] + ', "messages": [')
        for i in range(messages):
            text = f"Post {i}: " + " ".join(rng.choice(words) for _ in range(rng.randint(5, 30)))
            message = {"id": i, "type": "message", "date": "2024-01-02T03:04:05", "from": channel, "text": text,
                       "text_entities": [{"type": "plain", "text": text}], **extra}
            out.write(("," if i else "") + json.dumps(message))
        out.write("]}")
    return path
