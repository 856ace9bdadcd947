"""Markdown as HTML a page can show: documents stored from Markdown files, and briefs.

The text is hostile until shown otherwise. Raw HTML is never parsed (it comes out as text), a link
is a link only when it goes to http(s) or mailto (no javascript:, data: or relative address), and
an image is never loaded: it becomes a link to where it lives. Everything else is escaped by
markdown-it itself, so the result is safe to put on a page as it is.

`marks` pin anchors (an id and a link) to the block of the text holding an offset: a claim's
evidence keeps an address on the rendered page, and the reader a way to its highlighted sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Sequence
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

LINK_SCHEMES = ("http", "https", "mailto")
LINK_REL = "nofollow noopener noreferrer"
MARKDOWN_FORMAT = "markdown"  # a document's metadata["format"] when it was read from a Markdown file


@dataclass(frozen=True)
class Mark:
    """An anchor for the block holding `offset` of the text: `<a id=anchor href=href>label</a>`."""

    offset: int
    anchor: str
    href: str
    label: str


def is_markdown(metadata: dict[str, Any]) -> bool:
    """Whether a document was read from Markdown (see tiewatch.ingest.text)."""
    return metadata.get("format") == MARKDOWN_FORMAT


def allowed_link(url: str) -> bool:
    """Only http(s) addresses with a host, and mailto: addresses; nothing relative."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    if parts.scheme == "mailto":
        return bool(parts.path)
    return parts.scheme in LINK_SCHEMES and bool(parts.netloc)


class _SafeMarkdown(MarkdownIt):
    def validateLink(self, url: str) -> bool:  # noqa: N802 (markdown-it's name)
        return allowed_link(url)


def _link_open(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    tokens[idx].attrSet("rel", LINK_REL)
    return renderer.renderToken(tokens, idx, options, env)


def _image(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    """An image as a link to it, named by its alt text: no request leaves the reader's browser."""
    token = tokens[idx]
    alt = renderer.renderInlineAsText(token.children or [], options, env) or "image"
    return f'<a class="image-link" href="{escape(token.attrGet("src") or "")}" rel="{LINK_REL}">[image: {escape(alt)}]</a>'


def _mark(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    mark: Mark = tokens[idx].meta["mark"]
    return f'<a class="claim-mark" id="{escape(mark.anchor)}" href="{escape(mark.href)}">{escape(mark.label)}</a>'


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = _SafeMarkdown("js-default", {"html": False, "linkify": False, "typographer": False})
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("image", _image)
    md.add_render_rule("claim_mark", _mark)
    return md


def _block_for(tokens: list[Token], line: int) -> int | None:
    """The index of the innermost block token whose source lines hold `line`."""
    found = None
    for i, token in enumerate(tokens):
        shown = token.block and not token.hidden and token.type != "inline" and token.nesting >= 0
        if shown and token.map and token.map[0] <= line < token.map[1]:
            found = i
    return found


def _inline_within(tokens: list[Token], index: int) -> Token | None:
    """The first inline (text) token inside the block opened at `index`, if it has one."""
    level = tokens[index].level
    for token in tokens[index + 1:]:
        if token.type == "inline":
            return token
        if token.level <= level:
            return None
    return None


def _place(tokens: list[Token], text: str, marks: Iterable[Mark]) -> None:
    """Put each mark at the start of the block its offset falls in: inside its first text when it
    has any (a paragraph, a heading, a table row), else just before it (a code block)."""
    placed: dict[int, list[Mark]] = {}
    for mark in sorted(marks, key=lambda m: m.offset):
        index = _block_for(tokens, text.count("\n", 0, max(0, min(mark.offset, len(text)))))
        if index is not None:
            placed.setdefault(index, []).append(mark)
    for index in sorted(placed, reverse=True):
        tokens[index].attrJoin("class", "has-evidence")
        made = [Token("claim_mark", "", 0, meta={"mark": mark}) for mark in placed[index]]
        inline = _inline_within(tokens, index) if tokens[index].nesting == 1 else None
        if inline is not None and inline.children is not None:
            inline.children[:0] = made
        else:
            tokens[index:index] = made


def to_html(text: str, marks: Iterable[Mark] = ()) -> Markup:
    """`text` (Markdown) as safe HTML, with `marks` placed at the blocks of their offsets."""
    md = _parser()
    env: dict[str, Any] = {}
    tokens = md.parse(text or "", env)
    _place(tokens, text or "", marks)
    return Markup(md.renderer.render(tokens, md.options, env))
