"""Invented news prose and well-formed files of every format made from it.

`sample(fmt, rng, marker)` gives the bytes of a valid file: the GOOD files of the corpus call it
with a marker source (each document gets one marker word, so the store can be asked how often it
holds each), the hostile kinds call it without one and then break the result.
"""

from __future__ import annotations

import random
from typing import Callable

from tiewatch.bench.hostile import formats

GROUPS = ("the Wadi Front", "Harakat al-Tilal", "the Northern Sentinels", "Jamaat Ras al-Ain", "the Dune Brigades",
          "the Kessa Valley Movement", "Liwa al-Fajr", "the Marsa Defence Committee")
PEOPLE = ("Idris Ag Khamed", "Salma Bint Youssef", "Colonel Amadou Sarr", "Yahya Ould Beddi", "Nour al-Huda Kassem")
PLACES = ("Tessit", "Ber", "Kidira", "Wadi Souf", "Tamesna", "the Azawagh plain", "Oued Tin")
VERBS = ("clashed with", "received weapons from", "pledged allegiance to", "denied any contact with", "trained fighters of",
         "sheltered members of", "accused", "met envoys of", "broke away from", "financed")
CLAIMANTS = ("officials said", "a spokesman said", "residents told reporters", "according to a local monitor",
             "the ministry said in a statement", "two witnesses said")
DAYS = ("on Monday", "on Tuesday", "last week", "in March", "overnight", "on Friday")

FORMATS = ("txt", "md", "html", "pdf", "docx", "rss", "atom", "telegram")
SUFFIX = {"txt": ".txt", "md": ".md", "html": ".html", "pdf": ".pdf", "docx": ".docx", "rss": ".xml", "atom": ".atom",
          "telegram": ".json"}
ITEMS = {"rss": 3, "atom": 2, "telegram": 3}  # documents in one good file of the format; one otherwise
HOSTILE_TAG = "Hostile sample"  # stands where a good document's marker sentence would


def sentence(rng: random.Random) -> str:
    actor = rng.choice(GROUPS + PEOPLE)
    return (f"{actor[0].upper()}{actor[1:]} {rng.choice(VERBS)} {rng.choice(GROUPS)} "
            f"near {rng.choice(PLACES)} {rng.choice(DAYS)}, {rng.choice(CLAIMANTS)}.")


def paragraph(rng: random.Random, sentences: int = 3) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def paragraphs(rng: random.Random, tag: str, count: int = 3) -> list[str]:
    """A few paragraphs of prose, the last naming `tag` (a marker or the hostile tag), with a serial
    number so no two documents are the same text."""
    body = [paragraph(rng, rng.randint(2, 4)) for _ in range(count)]
    body.append(f"File reference {tag}, serial {rng.randrange(10**9)}.")
    return body


def lines(text: str, width: int = 80) -> list[str]:
    """Text cut into lines at spaces, for PDF pages."""
    out, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return out + ([line] if line else [])


Marker = Callable[[], str]


def _tags(count: int, marker: Marker | None) -> list[str]:
    return [marker() if marker else HOSTILE_TAG for _ in range(count)]


def sample(fmt: str, rng: random.Random, marker: Marker | None = None) -> tuple[bytes, list[str]]:
    """A valid file of format `fmt` and the markers of its documents (empty without `marker`)."""
    tags = _tags(ITEMS.get(fmt, 1), marker)
    data = WRITERS[fmt](rng, tags)
    return data, tags if marker else []


def _text(rng: random.Random, tags: list[str]) -> bytes:
    return "\n\n".join(paragraphs(rng, tags[0])).encode("utf-8")


def _markdown(rng: random.Random, tags: list[str]) -> bytes:
    body = paragraphs(rng, tags[0])
    return (f"# {rng.choice(GROUPS).title()} near {rng.choice(PLACES)}\n\n" + "\n\n".join(f"**{p}**" if i == 1 else p
                                                                                        for i, p in enumerate(body))).encode("utf-8")


def _html(rng: random.Random, tags: list[str]) -> bytes:
    body = paragraphs(rng, tags[0], 4)
    return formats.html_page(f"Fighting near {rng.choice(PLACES)}", body, site="Desert Courier",
                             published="2024-03-21", author="Staff reporter").encode("utf-8")


def _pdf(rng: random.Random, tags: list[str]) -> bytes:
    pages = [lines(p) for p in paragraphs(rng, tags[0])]
    return formats.pdf_pages(pages, title=f"Panel note on {rng.choice(PLACES)}", author="Panel of monitors")


def _docx(rng: random.Random, tags: list[str]) -> bytes:
    body: list = paragraphs(rng, tags[0])
    body.insert(1, [["Date", "Place"], ["21 March", rng.choice(PLACES)]])
    return formats.docx_file(formats.word_xml(body), formats.core_xml("Briefing", "Monitoring desk"))


def _rss(rng: random.Random, tags: list[str]) -> bytes:
    serial = rng.randrange(10**9)
    items = [{"title": f"Report {n} from {rng.choice(PLACES)}", "link": f"https://feeds.example/{serial}/{n}",
              "guid": f"urn:item:{serial}:{n}", "pubDate": "Thu, 21 Mar 2024 12:00:00 +0000",
              "description": " ".join(paragraphs(rng, tag, 1))} for n, tag in enumerate(tags)]
    return formats.rss_feed(f"Wire {serial}", items).encode("utf-8")


def _atom(rng: random.Random, tags: list[str]) -> bytes:
    serial = rng.randrange(10**9)
    entries = [{"title": f"Dispatch {n}", "id": f"urn:entry:{serial}:{n}", "link": f"https://atom.example/{serial}/{n}",
                "updated": "2024-03-21T12:00:00Z", "content": "<p>" + "</p><p>".join(paragraphs(rng, tag, 1)) + "</p>"}
               for n, tag in enumerate(tags)]
    return formats.atom_feed(f"Dispatches {serial}", entries).encode("utf-8")


def _telegram(rng: random.Random, tags: list[str]) -> bytes:
    chat = rng.randrange(10**6, 10**9)
    messages = [formats.telegram_message(n + 1, " ".join(paragraphs(rng, tag, 1))) for n, tag in enumerate(tags)]
    messages.insert(1, {"id": 99, "type": "service", "date": "2024-03-21T12:00:00", "action": "pin_message"})
    return formats.json_bytes(formats.telegram_export(f"Channel {chat}", messages, chat_id=chat, username=f"chan{chat}"))


WRITERS: dict[str, Callable[[random.Random, list[str]], bytes]] = {
    "txt": _text, "md": _markdown, "html": _html, "pdf": _pdf, "docx": _docx, "rss": _rss, "atom": _atom,
    "telegram": _telegram,
}
