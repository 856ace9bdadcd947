"""Bytes that are not what they claim: random junk behind real magic numbers, empty and truncated
files, wrong and mixed encodings, byte-order marks, NUL bytes, lone surrogates and control
characters, in every format."""

from __future__ import annotations

import codecs
import json

from tiewatch.bench.hostile.corpus import ANY, SKIP, Maker, kind
from tiewatch.bench.hostile.prose import FORMATS, SUFFIX, paragraph, paragraphs, sample, HOSTILE_TAG

MAGIC = (b"", b"%PDF-1.7\n", b"PK\x03\x04", b"{\"messages\": [", b"<html><body>", b"<?xml version=\"1.0\"?><rss>",
         b"\xef\xbb\xbf", b"\xff\xfe", b"\x1f\x8b\x08", b"\x89PNG\r\n\x1a\n", b"\x7fELF")
JUNK_SUFFIXES = (".html", ".pdf", ".docx", ".txt", ".md", ".json", ".xml", ".rss", ".bin", "")


@kind("binary-junk", files=400, about="random bytes, some behind the magic numbers of PDF, ZIP, JSON, HTML, gzip, PNG, ELF")
def binary_junk(m: Maker) -> None:
    for n in range(m.count(400)):
        magic = MAGIC[n % len(MAGIC)]
        body = m.rng.randbytes(m.rng.choice((1, 7, 512, 4096, m.size(65536, 64))))
        if magic.startswith(b"%PDF") and n % 2:
            body += b"\n%%EOF\n"
        expect = SKIP if len(body) >= 512 else ANY  # a few random bytes can happen to decode as a word
        m.file(f"{n:04d}{JUNK_SUFFIXES[n % len(JUNK_SUFFIXES)]}", magic + body, expect)


@kind("empty", files=60, about="empty files and files of only whitespace, byte-order marks or punctuation")
def empty(m: Maker) -> None:
    contents = (b"", b" ", b"\n\n\n", b"\t \r\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff\x00\n", b"...", b"-- -- --",
                b"<html></html>", b"{}", b"[]", b"<rss></rss>", b"\xe2\x80\x8b" * 10, "\u3000\u00a0".encode() * 5)
    for n in range(m.count(60)):
        data = contents[n % len(contents)]
        m.file(f"{n:03d}{SUFFIX[FORMATS[n % len(FORMATS)]]}", data, SKIP)


@kind("truncated", files=400, about="valid files of every format cut at a random byte")
def truncated(m: Maker) -> None:
    for n in range(m.count(400)):
        fmt = FORMATS[n % len(FORMATS)]
        data, _ = sample(fmt, m.rng)
        cut = m.rng.randrange(1, len(data))
        m.file(f"{n:04d}{SUFFIX[fmt]}", data[:cut], ANY)


ENCODINGS = ("latin-1", "cp1252", "cp1256", "iso8859-6", "koi8-r", "shift_jis", "gb18030", "big5", "utf-16-le", "utf-16-be",
             "utf-32", "utf-7", "cp437", "mac_roman", "euc-kr")
BOMS = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
FOREIGN = ("\u0642\u0627\u0644 \u0627\u0644\u0645\u062a\u062d\u062f\u062b \u0625\u0646 \u0627\u0644\u062c\u0645\u0627\u0639\u0629",
           "\u0411\u043e\u0435\u0432\u0438\u043a\u0438 \u0430\u0442\u0430\u043a\u043e\u0432\u0430\u043b\u0438 \u0433\u043e\u0440\u043e\u0434",
           "\u6b66\u88c5\u7ec4\u7ec7\u88ad\u51fb\u4e86\u57ce\u9547", "Les combattants ont attaqu\u00e9 la ville \u00e0 l'aube",
           "\u00c7at\u0131\u015fmalar \u015fehirde ya\u015fand\u0131")


def _text(m: Maker) -> str:
    return paragraph(m.rng, 3) + " " + m.rng.choice(FOREIGN) + ". " + " ".join(paragraphs(m.rng, HOSTILE_TAG, 1))


@kind("encodings", files=300, about="text and pages in legacy, wrong, mixed and declared-but-false encodings, with BOMs")
def encodings(m: Maker) -> None:
    for n in range(m.count(300)):
        text, suffix = _text(m), (".txt", ".md", ".html", ".json")[n % 4]
        variant = n % 5
        if variant == 0:
            data = text.encode(ENCODINGS[n % len(ENCODINGS)], "replace")
        elif variant == 1:
            codec = ("utf-8", "utf-16-le", "utf-16-be")[n % 3]
            data = BOMS[codec] + text.encode(codec)
        elif variant == 2:
            half = len(text) // 2
            data = text[:half].encode("utf-8") + text[half:].encode(ENCODINGS[n % len(ENCODINGS)], "replace")
        elif variant == 3:
            data = codecs.BOM_UTF8 + text.encode("utf-16-le")  # the mark says one thing, the bytes another
        else:
            data = f'<html><head><meta charset="{ENCODINGS[n % len(ENCODINGS)]}"></head><body><p>{text}</p></body></html>'.encode()
            suffix = ".html"
        if suffix == ".json" and variant != 4:
            data = b'{"name": "c", "messages": [{"id": 1, "type": "message", "text": "' + data + b'"}]}'
        m.file(f"{n:04d}{suffix}", data, ANY)


@kind("nul-bytes", files=150, about="NUL bytes inside text, pages, feeds, JSON strings and keys")
def nul_bytes(m: Maker) -> None:
    for n in range(m.count(150)):
        fmt = ("txt", "html", "rss", "telegram", "md")[n % 5]
        data, _ = sample(fmt, m.rng)
        spots = sorted(m.rng.sample(range(len(data)), min(len(data), 1 + n % 20)))
        for spot in reversed(spots):
            data = data[:spot] + (b"\x00" if n % 3 else b"\\u0000" if fmt == "telegram" else b"\x00\x00") + data[spot:]
        m.file(f"{n:04d}{SUFFIX[fmt]}", data, ANY)


def _surrogate_json(m: Maker, n: int) -> bytes:
    text = _text(m)
    escaped = json.dumps(text)[1:-1]
    lone = ("\\ud800", "\\udfff", "\\ud83d", "\\udc00\\ud800")[n % 4]
    message = f'{{"id": {n}, "type": "message", "date": "2024-03-21T12:00:00", "from": "x{lone}", "text": "{escaped}{lone}"}}'
    return f'{{"name": "chan{lone}", "type": "public_channel", "id": {n}, "messages": [{message}]}}'.encode()


@kind("surrogates", files=150, about="lone surrogates: escaped in JSON, as CESU/WTF-8 bytes in text, in feed titles")
def surrogates(m: Maker) -> None:
    for n in range(m.count(150)):
        variant = n % 3
        if variant == 0:
            m.file(f"{n:04d}.json", _surrogate_json(m, n), ANY)
        elif variant == 1:
            m.file(f"{n:04d}.txt", _text(m).encode() + b" \xed\xa0\x80 \xed\xbf\xbf " + _text(m).encode(), ANY)
        else:
            title = "Wire \\ud800 \ud83d".encode("utf-8", "surrogatepass")
            data, _ = sample("rss", m.rng)
            m.file(f"{n:04d}.xml", data.replace(b"<title>Wire", b"<title>" + title, 1), ANY)


CONTROLS = ("\u202e", "\u202d", "\u2066", "\u200b", "\u200d", "\ufeff", "\x85", "\x9b", "\x1b[31m", "\x0c", "\x0b", "\x7f",
            "\u2028", "\u2029", "\ufffe", "\U000e0001", "\u0301" * 50)


@kind("controls", files=120, about="bidi overrides, zero-width and C1 controls, ANSI escapes, combining-mark pile-ups")
def controls(m: Maker) -> None:
    for n in range(m.count(120)):
        fmt = ("txt", "html", "telegram", "md")[n % 4]
        junk = "".join(m.rng.choice(CONTROLS) for _ in range(1 + n % 30))
        words = _text(m).split(" ")
        text = " ".join(w + (junk if i % 4 == 0 else "") for i, w in enumerate(words))
        if fmt == "telegram":
            data = json.dumps({"name": junk + "chan", "id": n, "type": "public_channel",
                               "messages": [{"id": 1, "type": "message", "date": "2024-03-21T12:00:00", "text": text}]}).encode()
        elif fmt == "html":
            data = f"<!DOCTYPE html><html><head><title>{junk}t</title></head><body><article><p>{text}</p></article></body></html>".encode()
        else:
            data = text.encode("utf-8")
        m.file(f"{n:04d}{SUFFIX[fmt]}", data, ANY)
