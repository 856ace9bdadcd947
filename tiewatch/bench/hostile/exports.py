"""Telegram Desktop exports of the wrong shape (ids, dates and texts of every JSON type, NaN and
Infinity, 5,000-digit numbers), fields longer than the store's columns in every format that names a
source or a date, and nesting deep enough to exhaust a recursive parser."""

from __future__ import annotations

import json
from typing import Any, Callable

from tiewatch.bench.hostile import formats
from tiewatch.bench.hostile.corpus import ANY, Maker, kind
from tiewatch.bench.hostile.prose import HOSTILE_TAG, paragraphs


def _words(m: Maker) -> str:
    return " ".join(paragraphs(m.rng, HOSTILE_TAG, 1))


def _export(m: Maker, messages: list[Any], **chat: Any) -> bytes:
    fields = {"name": "Channel", "chat_id": m.rng.randrange(10**6), **chat}
    return formats.json_bytes(formats.telegram_export(fields.pop("name"), messages, fields.pop("chat_id"), **fields))


ODD_VALUES: tuple[Any, ...] = (None, True, -1, 10**30, 1.5, "abc", [], {}, [[1]], {"a": {"b": None}}, "", "\u202e")


TELEGRAM_VARIANTS: tuple[Callable[[Maker, int], bytes], ...] = (
    lambda m, n: formats.json_bytes({"name": "c", "messages": {"0": formats.telegram_message(1, _words(m))}}),
    lambda m, n: _export(m, [formats.telegram_message(1, ODD_VALUES[n % len(ODD_VALUES)]),
                             formats.telegram_message(2, _words(m))]),
    lambda m, n: _export(m, [formats.telegram_message(ODD_VALUES[n % len(ODD_VALUES)], _words(m))]),
    lambda m, n: _export(m, [formats.telegram_message(1, _words(m), date=ODD_VALUES[n % len(ODD_VALUES)])]),
    lambda m, n: _export(m, [formats.telegram_message(7, _words(m)), formats.telegram_message(7, _words(m))]),
    lambda m, n: _export(m, [formats.telegram_message(1, [{"type": "text_link", "text": _words(m), "href": "file:///etc/passwd"},
                                                          {"type": "nonesuch"}, {"text": None}, 5, None,
                                                          {"type": "mention", "text": ODD_VALUES[n % len(ODD_VALUES)]}])]),
    lambda m, n: formats.json_bytes({"chats": {"list": [None, 1, "x", {"messages": "no"},
                                                        formats.telegram_export("ok", [formats.telegram_message(1, _words(m))])]},
                                     "left_chats": ["not", "a", "dict"]}),
    lambda m, n: _export(m, [formats.telegram_message(1, _words(m), author=ODD_VALUES[n % len(ODD_VALUES)],
                                                      sender=ODD_VALUES[(n + 3) % len(ODD_VALUES)])]),
    lambda m, n: _export(m, [formats.telegram_message(1, _words(m), forwarded_from={"deep": [[[[{"x": [1]}]]]]},
                                                      reply_to_message_id=1)], name=ODD_VALUES[n % len(ODD_VALUES)]),
    lambda m, n: b'{"name": "d", "name": "e", "messages": []}' + b"\n" + _export(m, [formats.telegram_message(1, _words(m))]),
    lambda m, n: _export(m, [formats.telegram_message(1, _words(m))], username="../../etc/passwd?x=/"),
    lambda m, n: ('{"name": "big", "id": 1, "messages": [{"id": ' + "9" * m.size(5000, 4400) + ', "type": "message", '
                  '"text": ' + json.dumps(_words(m)) + "}]}").encode(),
    lambda m, n: _export(m, [formats.telegram_message(1, _words(m), text_entities="not a list", photo="../../../etc/passwd")]),
)


@kind("telegram-malformed", files=300, about="exports whose ids, dates, texts, authors and chats take every JSON type")
def telegram_malformed(m: Maker) -> None:
    for n in range(m.count(300)):
        m.file(f"{n:04d}.json", TELEGRAM_VARIANTS[n % len(TELEGRAM_VARIANTS)](m, n), ANY)


NON_FINITE = ("NaN", "Infinity", "-Infinity")
PLACEHOLDER = "@@non-finite@@"


@kind("telegram-nonfinite", files=40, about="NaN, Infinity and -Infinity as chat ids, message ids, sender ids and dates")
def telegram_nonfinite(m: Maker) -> None:
    for n in range(m.count(40)):
        field = ("id", "chat", "from_id", "date", "reply_to_message_id")[n % 5]
        message = {"id": 1, "type": "message", "date": "2024-03-21T12:00:00", "from_id": "user1", "text": _words(m)}
        if field != "chat":
            message[field] = PLACEHOLDER
        export = formats.telegram_export("Channel", [message], chat_id=PLACEHOLDER if field == "chat" else n)
        text = json.dumps(export).replace(json.dumps(PLACEHOLDER), NON_FINITE[n % 3])
        m.file(f"{n:03d}-{field}.json", text.encode(), ANY)


LONG = 2000  # past every String(n) column of the store (source names 300, dates 32)


@kind("overlong-fields", files=60, about="source names, dates and authors longer than the store's columns, in every format")
def overlong_fields(m: Maker) -> None:
    name, date = "N" * LONG, "2024-03-21T12:00:00" + "9" * LONG
    for n in range(m.count(10)):
        m.file(f"{n:02d}-channel-name.json", _export(m, [formats.telegram_message(1, _words(m))], name=name), ANY)
        m.file(f"{n:02d}-telegram-date.json", _export(m, [formats.telegram_message(1, _words(m), date=date)]), ANY)
        m.file(f"{n:02d}-feed-title.xml", formats.rss_feed(name, [{"title": "t", "link": f"https://x.example/{n}",
                                                                    "description": _words(m)}]).encode(), ANY)
        m.file(f"{n:02d}-feed-date.xml", formats.rss_feed("Dates", [{"title": "t", "link": f"https://y.example/{n}",
                                                                      "pubDate": "Tue, " + "9" * LONG,
                                                                      "description": _words(m)}]).encode(), ANY)
        m.file(f"{n:02d}-site-name.html", formats.html_page("Long site", paragraphs(m.rng, HOSTILE_TAG, 3), site=name,
                                                            author="A" * LONG * 50).encode(), ANY)
        m.file(f"{n:02d}-docx-title.docx", formats.docx_file(formats.word_xml(paragraphs(m.rng, HOSTILE_TAG, 2)),
                                                             formats.core_xml("T" * LONG * 50, "A" * LONG * 50)), ANY)


@kind("deep-nesting", files=30, about="JSON, HTML, feed and Word XML nested thousands of levels deep")
def deep_nesting(m: Maker) -> None:
    depth = m.size(50_000, 200)
    for n in range(m.count(6)):
        m.file(f"{n:02d}-arrays.json", ('{"name": "d", "messages": [' + "[" * depth + "]" * depth + "]}").encode(), ANY)
        m.file(f"{n:02d}-divs.html", ("<html><body>" + "<div>" * (depth // 10) + _words(m) + "</div>" * (depth // 10)
                                      + "</body></html>").encode(), ANY)
        m.file(f"{n:02d}-items.rss", formats.rss_feed("Deep", [{"title": "t", "link": "https://z.example/",
                                                                "description": "<b>" * (depth // 10) + _words(m)}]).encode(), ANY)
        m.file(f"{n:02d}-spans.docx", formats.docx_file(formats.word_xml([_words(m)]).replace(
            b"<w:r>", b"<w:sdt><w:sdtContent>" * (depth // 50) + b"<w:r>", 1).replace(
            b"</w:r>", b"</w:r>" + b"</w:sdtContent></w:sdt>" * (depth // 50), 1)), ANY)
