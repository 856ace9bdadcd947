"""Malformed web pages and feeds: tag soup, external entities pointing at local files, small entity
amplifications, bodies that are only a local path, dates no parser reads, references to file://."""

from __future__ import annotations

from html import escape
from typing import Callable

from tiewatch.bench.hostile import formats
from tiewatch.bench.hostile.corpus import ANY, Maker, kind
from tiewatch.bench.hostile.prose import HOSTILE_TAG, PLACES, paragraphs


def entity_bomb(levels: int, fan: int, root: str = "html") -> str:
    """A DOCTYPE whose entities each expand to `fan` copies of the previous one (billion laughs)."""
    defs = ['<!ENTITY e0 "lol">'] + [f'<!ENTITY e{i} "{f"&e{i - 1};" * fan}">' for i in range(1, levels + 1)]
    return f"<!DOCTYPE {root} [{''.join(defs)}]>"


def external_entity(target: str, root: str = "html") -> str:
    return f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "{target}">]>'


def _prose(m: Maker) -> list[str]:
    return paragraphs(m.rng, HOSTILE_TAG, 3)


def _page(m: Maker, head: str = "", body_extra: str = "", doctype: str = "<!DOCTYPE html>") -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in _prose(m))
    return f"{doctype}<html><head><title>Page</title>{head}</head><body><article>{body}{body_extra}</article></body></html>"


def _local_targets(m: Maker) -> tuple[str, ...]:
    return (f"file://{m.outside}", "file:///etc/passwd", str(m.outside), "/etc/passwd", "../../outside/secret.txt")


HTML_VARIANTS: tuple[Callable[[Maker, int], str], ...] = (
    lambda m, n: _page(m)[: -len("</article></body></html>")] + "<div><span><p><b>" * 50,
    lambda m, n: "<html><script>" + "var a=1;" * 500 + "</script></html>",
    lambda m, n: _page(m, head=f'<base href="file:///etc/"><link rel="canonical" href="{_local_targets(m)[n % 5]}">'),
    lambda m, n: _page(m, body_extra=f'<iframe src="{_local_targets(m)[n % 5]}"></iframe><img src="/etc/passwd">'),
    lambda m, n: _page(m, body_extra="<p>&xxe;</p>", doctype=external_entity(_local_targets(m)[n % 5])),
    lambda m, n: _page(m, body_extra=f"<p>&e{4};</p>", doctype=entity_bomb(4, 10)),
    lambda m, n: _page(m, head='<meta property="article:published_time" content="'
                       + ("9999-99-99", "Tue, 10 Ju", "0000-00-00T25:61", "yesterday-ish", "-1")[n % 5] + '">'),
    lambda m, n: _page(m, body_extra="<!-- never closed " + "x" * 200),
    lambda m, n: "<html><body>" + "".join(f"<{t}>" for t in ("table", "tr", "td", "form", "select", "option") * 40)
                 + " ".join(_prose(m)),
    lambda m, n: _page(m, head=f"<title>{'T' * m.size(100_000, 10)}</title>"),
    lambda m, n: '<?xml version="1.0" encoding="utf-16"?>' + _page(m),
    lambda m, n: _page(m, body_extra="<svg><script>alert(1)</script><foreignObject><p>" + "</p>" * 30 + "</svg>"),
    lambda m, n: _page(m).replace("<p>", "<p \x01 =\x02 a=\"" + "\"" * (n % 7) + ">"),
    lambda m, n: _page(m, head='<meta http-equiv="refresh" content="0;url=file:///etc/passwd">'),
)


@kind("html-malformed", files=300, about="tag soup, external entities and links to local files, small entity bombs, junk dates")
def html_malformed(m: Maker) -> None:
    for n in range(m.count(300)):
        m.file(f"{n:04d}.html", HTML_VARIANTS[n % len(HTML_VARIANTS)](m, n), ANY)


def _rss_items(m: Maker, count: int = 2, **fields: str) -> list[dict[str, str]]:
    return [{"title": f"Item {i} from {m.rng.choice(PLACES)}", "link": f"https://feeds.example/x/{m.rng.randrange(10**9)}",
             "description": " ".join(paragraphs(m.rng, HOSTILE_TAG, 1)), **fields} for i in range(count)]


FEED_VARIANTS: tuple[Callable[[Maker, int], str | bytes], ...] = (
    lambda m, n: _local_targets(m)[n % 5],
    lambda m, n: formats.rss_feed("Xxe", _rss_items(m), prologue=external_entity(_local_targets(m)[n % 5], "rss"))
                 .replace("<description>", "<description>&xxe; ", 1),
    lambda m, n: formats.rss_feed("Laughs", _rss_items(m), prologue=entity_bomb(5, 10, "rss"))
                 .replace("<description>", "<description>&e5; ", 1),
    lambda m, n: formats.rss_feed("Dates", _rss_items(m, pubDate=("Tue, 10 Ju", "0000-00-00", "9999-12-31T99:99:99Z",
                                                                   "Mon, 32 Foo 2024 25:00:00 +9999", "")[n % 5])),
    lambda m, n: formats.rss_feed("Links", _rss_items(m, link=("file:///etc/passwd", "javascript:alert(1)", "", "//x",
                                                                "http://[::1]:0/")[n % 5])),
    lambda m, n: formats.rss_feed("Empty", [{"title": ""}, {"guid": "x"}, {}]),
    lambda m, n: formats.rss_feed("Unclosed", _rss_items(m))[: -len("</channel></rss>")] + "<item><title>open",
    lambda m, n: formats.rss_feed("Tags", _rss_items(m)).replace(
        "</item>", "".join(f"<category>c{i}</category>" for i in range(m.size(3000, 5))) + "</item>", 1),
    lambda m, n: formats.atom_feed("Atom", [{"title": "t", "id": "i", "link": "file:///etc/passwd", "updated": "never",
                                             "content": "<div>" * 200 + " ".join(_prose(m))}]),
    lambda m, n: formats.rss_feed("Wrong encoding", _rss_items(m)).replace('encoding="UTF-8"', 'encoding="ebcdic-cp-us"'),
    lambda m, n: formats.rss_feed("Cdata", _rss_items(m)).replace("<description>", "<description><![CDATA[<p>", 1),
    lambda m, n: '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><item><title>'
                 + " ".join(_prose(m)) + "</title></item>",
)


@kind("feed-malformed", files=300, about="feeds with external entities, small entity bombs, local-path bodies, junk dates and links")
def feed_malformed(m: Maker) -> None:
    for n in range(m.count(300)):
        m.file(f"{n:04d}{('.xml', '.rss', '.atom')[n % 3]}", FEED_VARIANTS[n % len(FEED_VARIANTS)](m, n), ANY)


@kind("xml-bombs", files=12, about="billion-laughs and quadratic-blowup entities in pages, feeds and Word documents")
def xml_bombs(m: Maker) -> None:
    for n in range(m.count(4)):
        big = "&e9;"
        m.file(f"{n:02d}-laughs.html", _page(m, body_extra=f"<p>{big}</p>", doctype=entity_bomb(9, 10)), ANY)
        m.file(f"{n:02d}-laughs.rss", formats.rss_feed("Laughs", _rss_items(m), prologue=entity_bomb(9, 10, "rss"))
               .replace("<description>", f"<description>{big} ", 1), ANY)
        blow = "x" * m.size(100_000, 100)
        quadratic = f'<!DOCTYPE w:document [<!ENTITY a "{blow}">]>'
        xml = formats.word_xml(["&a;" * m.size(2_000, 10)]).decode().replace("?>\n", "?>\n" + quadratic, 1)
        m.file(f"{n:02d}-quadratic.docx", formats.docx_file(xml.replace("&amp;a;", "&a;").encode()), ANY)
