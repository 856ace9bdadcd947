"""HTML fragments (feed items, summaries) to plain text: scripts and styles dropped, one paragraph
per block element, entities decoded."""

from __future__ import annotations

import re

BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "table", "tr", "section", "article", "header", "footer", "figure", "figcaption", "hr",
}
_LINE_SPACE = re.compile(r"[ \t\u00a0]+")
_MANY_BREAKS = re.compile(r"\n\s*\n+")


def looks_like_markup(text: str) -> bool:
    return bool(re.search(r"<[a-zA-Z][^>]*>|&[a-z]+;|&#\d+;", text))


def fragment_text(fragment: str) -> str:
    """Readable text of an HTML fragment; plain text passes through unchanged apart from spacing."""
    if not fragment or not looks_like_markup(fragment):
        return (fragment or "").strip()
    import lxml.html
    from lxml.etree import ParserError
    from lxml_html_clean import Cleaner

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return fragment.strip()
    root = Cleaner(scripts=True, javascript=True, style=True, comments=True, forms=True).clean_html(root)
    pieces: list[str] = []

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        block = tag.lower() in BLOCK_TAGS
        if block:
            pieces.append("\n\n")
        if element.text:
            pieces.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
        if block:
            pieces.append("\n\n")

    walk(root)
    lines = (_LINE_SPACE.sub(" ", line).strip() for line in "".join(pieces).split("\n"))
    return _MANY_BREAKS.sub("\n\n", "\n".join(lines)).strip()
