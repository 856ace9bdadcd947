"""What a document's own words say about it, for formats that declare little (text and Markdown
always; PDF and DOCX files whose properties are empty): its headline, its date and its web address.

- **Headline**: the first line near the top that reads like one. Navigation and menu lines saved
  with a page ("Browse By", "Home | News | About", "Skip to content"), dates, addresses and prose
  are passed over; nothing is taken from below the first paragraph of prose.
- **Date**: a full date (day, month, year) written in the letterhead (the first lines: "Statement
  No. 14, 15 March 2024"), else in the sign-off (the last lines: "Fait à Bamsa, le 16 mars 2024."),
  else the first date of the lead, the opening paragraphs' own account of the event ("On February
  24, 2016, a letter … was posted"). Dates inside quotation marks are what someone else said, not
  when this was written, and are left out. How the date was found is kept in the metadata
  (`dated_by`), so an analyst can tell a stated date from an inferred one.
- **Address**: a web address alone on a letterhead or sign-off line, or after "Source:" there.

Nothing here overrides what the file itself declares, and flags or a sidecar override all of it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

from tiewatch.ingest.dates import from_text
from tiewatch.model import Document

DESCRIBED_KINDS = ("text", "pdf", "docx")
DATED_BY = "dated_by"  # metadata key: letterhead | sign-off | lead (| file, flag, sidecar elsewhere)
URL_KEY = "canonical_url"
HEAD_LINES = 6  # non-empty lines that make the letterhead
FOOT_LINES = 4  # ... and the sign-off
LEAD_PARAGRAPHS = 2  # paragraphs of prose that make the lead
DATES_READ = 200  # dates read in the whole text to check a lead date against
HEADLINE_WORDS = (3, 30)
HEADLINE_CHARS = 200
MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december")
NAVIGATION_WORDS = frozenset(
    "home menu browse search skip subscribe login logout register share print email cookies cookie "
    "advertisement toggle navigation archives tags categories newsletter sitemap".split()
)
NAVIGATION_PHRASES = (
    "skip to content", "skip to main content", "main navigation", "sign in", "sign up", "log in", "follow us",
    "contact us", "about us", "privacy policy", "terms of use", "read more", "back to top", "related posts",
    "browse by", "accept all",
)
_SEPARATORS = re.compile(r"\s[|»›•·>]\s|\s/\s")
_URL = re.compile(r"^(?:(?:source|url|link|retrieved from|available at)\s*:?\s*)?<?(https?://[^\s<>\"]+?)>?[.,;]?$", re.I)
_LISTED = re.compile(r"^(?:[-*•+]\s|\d{1,3}[.)]\s|.*\]\()")  # a list item or a Markdown link
_BIRTH = re.compile(r"\b(?:dob|d\.o\.b|born(?:\s+on)?|birth|b\.)\W*$", re.I)  # "DOB 07 Dec 1962": a person's, not the text's
_QUOTED = re.compile(r"\u201c[^\u201d]{0,2000}\u201d|\u00ab[^\u00bb]{0,2000}\u00bb|\"[^\"\n]{0,2000}\"")


def describe(doc: Document) -> Document:
    """`doc` with the headline, date and address its text gives, where the reader found none."""
    if doc.kind not in DESCRIBED_KINDS or not doc.text:
        return doc
    lines = [line.strip() for line in doc.text.splitlines() if line.strip()]
    if doc.title is None:
        doc.title = headline(lines)
    if doc.published is None:
        found = text_date(doc.text, lines, doc.language)
        if found:
            doc.published, doc.metadata[DATED_BY] = found
    if URL_KEY not in doc.metadata:
        address = stated_address(lines)
        if address:
            doc.metadata[URL_KEY] = address
    return doc


def headline(lines: list[str]) -> str | None:
    """The first line that reads like a headline, before the first paragraph of prose."""
    for line in lines[: HEAD_LINES * 2]:
        if _is_prose(line):
            return None
        if _is_headline(line):
            return line.lstrip("#").strip()
    return None


def _is_prose(line: str) -> bool:
    words = line.split()
    return len(words) > HEADLINE_WORDS[1] or (len(words) > 12 and line.endswith((".", "!", "?", ":")))


def _is_headline(line: str) -> bool:
    words = line.lstrip("#").split()
    if not HEADLINE_WORDS[0] <= len(words) <= HEADLINE_WORDS[1] or len(line) > HEADLINE_CHARS:
        return False
    if _URL.match(line) or _SEPARATORS.search(line) or _only_date(line):
        return False
    return len(_without_navigation(line)) >= HEADLINE_WORDS[0]


def _without_navigation(line: str) -> list[str]:
    """The words of a line once menu phrases ("Skip to content") and menu words ("Subscribe") are out."""
    text = " " + " ".join(re.sub(r"[^\w\s]", " ", line.lower()).split()) + " "
    for phrase in NAVIGATION_PHRASES:
        text = text.replace(f" {phrase} ", " ")
    return [w for w in text.split() if w not in NAVIGATION_WORDS]


def _only_date(line: str) -> bool:
    found = _date_pattern(("en",)).search(line)
    return found is not None and len(found.group(0)) >= len(line.strip(" .,")) - 6


def stated_address(lines: list[str]) -> str | None:
    for line in _letterhead(lines) + _sign_off(lines):
        found = _URL.match(line)
        if found:
            return found.group(1)
    return None


def text_date(text: str, lines: list[str], language: str | None) -> tuple[str, str] | None:
    """(ISO date, how it was found) from the letterhead, the sign-off or the lead; None if none."""
    languages = tuple(dict.fromkeys(["en", *([language] if language else [])]))
    zones = (("letterhead", _letterhead(lines)), ("sign-off", _sign_off(lines)), ("lead", _lead(lines)))
    for name, zone in zones:
        for line in zone:
            found = _first_date(line, languages)
            if found and (name != "lead" or found >= _latest_date(lines, languages)):
                return found, name
            if found:
                return None  # the lead recalls an older event than others the text tells of: no date
    return None


def _latest_date(lines: list[str], languages: tuple[str, ...]) -> str:
    """The newest date the text mentions (quotations and birth dates left out)."""
    found = [d for line in lines for d in _dates(line, languages)][:DATES_READ]
    return max(found, default="")


def _letterhead(lines: list[str]) -> list[str]:
    """The short lines above the first paragraph of prose (list items and links left out)."""
    head: list[str] = []
    for line in lines[:HEAD_LINES]:
        if _is_prose(line):
            break
        head.append(line)
    return [line for line in head if not _LISTED.match(line)]


def _sign_off(lines: list[str]) -> list[str]:
    """The short lines below the last paragraph of prose (a place and date, a name, a title); a
    list of related links at the end ("- [Treasury action of 1 November 2007](…)") is no sign-off."""
    foot: list[str] = []
    for line in reversed(lines[-FOOT_LINES:]):
        if _is_prose(line):
            break
        foot.append(line)
    return [line for line in foot[::-1] if not _LISTED.match(line)]


def _lead(lines: list[str]) -> list[str]:
    return [line for line in lines if _is_prose(line)][:LEAD_PARAGRAPHS]


def _first_date(line: str, languages: tuple[str, ...]) -> str | None:
    return next(_dates(line, languages), None)


def _dates(line: str, languages: tuple[str, ...]) -> Iterator[str]:
    """The full dates a line gives in its own voice, in order: not inside quotation marks, not a birth date."""
    quoted = [m.span() for m in _QUOTED.finditer(line)]
    for match in _date_pattern(languages).finditer(line):
        if any(start <= match.start() < end for start, end in quoted):
            continue
        if _BIRTH.search(line[max(0, match.start() - 25):match.start()]):
            continue
        value = from_text(match.group(0), languages=languages).value
        if value:
            yield value[:10]


@lru_cache(maxsize=32)
def _date_pattern(languages: tuple[str, ...]) -> re.Pattern[str]:
    """A full date as prose writes it: "24 February 2016", "February 24, 2016", "le 16 mars 2024",
    "2016-02-24"; month names from dateparser's data for each language."""
    months = "|".join(sorted({re.escape(name) for name in _month_names(languages)}, key=len, reverse=True))
    day = r"\d{1,2}(?:st|nd|rd|th|er)?"
    return re.compile(
        rf"\b(?:{day}\.?\s+(?:de\s+)?(?:{months})\.?,?\s+(?:de\s+)?\d{{4}}"
        rf"|(?:{months})\.?\s+{day},?\s+\d{{4}}"
        r"|\d{4}-\d{2}-\d{2})\b",
        re.I,
    )


def _month_names(languages: Iterable[str]) -> set[str]:
    from dateparser.languages.loader import default_loader

    names: set[str] = set()
    for code in languages:
        try:
            info = default_loader.get_locale(code).info
        except (KeyError, ValueError):
            continue
        names.update(str(n) for key in MONTH_KEYS for n in info.get(key, []) if len(str(n)) >= 3)
    return names
