"""Publication dates as readers store them: ISO 8601 in UTC, as precise as the source says
("2025-06-10T06:00:00Z" for a moment, "2025-06-10" for a day), or nothing.

Machine forms (ISO 8601, Unix time, what feedparser already parsed) are read directly; anything else
goes to dateparser, in the languages the source declares when it declares any. Parsing is strict: a
day, a month and a year are needed, and "yesterday" or "3 hours ago" count only where the reader
allows relative forms (feed items, read just now). A date that cannot be read, or lies before 1900
or more than a year ahead, is dropped and its raw text kept in the document's metadata under
`published_raw`; a date is never stored cut short.
"""

from __future__ import annotations

import calendar
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Iterable

RAW_KEY = "published_raw"
EARLIEST_YEAR = 1900
AHEAD = timedelta(days=366)
LONGEST = 80  # characters: a longer "date" is not one, and is not worth a parse
RAW_KEPT = 200
PARSERS = ("timestamp", "absolute-time")
RELATIVE_PARSERS = PARSERS + ("relative-time",)

_lock = threading.Lock()  # dateparser parsers remember the last locales used: one caller at a time


@dataclass(frozen=True)
class Published:
    value: str | None = None  # ISO 8601, UTC
    raw: str | None = None  # the source's text, when it could not be used

    def metadata(self) -> dict[str, str]:
        return {RAW_KEY: self.raw} if self.raw else {}


def _kept(raw: str) -> str:
    return raw if len(raw) <= RAW_KEPT else raw[:RAW_KEPT] + "…"


def _plausible(day: date) -> bool:
    return day.year >= EARLIEST_YEAR and day <= (datetime.now(timezone.utc) + AHEAD).date()


def from_moment(moment: datetime | date | None, *, with_time: bool = True, raw: str | None = None) -> Published:
    """A datetime (naive means UTC) or a date as stored; one out of range is dropped, `raw` kept."""
    if moment is None:
        return Published()
    if not isinstance(moment, datetime):
        text = moment.isoformat()
        return Published(value=text) if _plausible(moment) else Published(raw=_kept(raw or text))
    try:
        utc = (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    except (OverflowError, ValueError):
        return Published(raw=_kept(raw or moment.isoformat()))
    if not _plausible(utc.date()):
        return Published(raw=_kept(raw or moment.isoformat()))
    return Published(value=utc.strftime("%Y-%m-%dT%H:%M:%SZ") if with_time else utc.date().isoformat())


def from_unix(seconds: object, *, raw: str | None = None) -> Published:
    """Unix time (an int or a string of digits, as Telegram exports write it)."""
    try:
        moment = datetime.fromtimestamp(int(str(seconds)), timezone.utc)
    except (OverflowError, ValueError, OSError):
        return Published(raw=_kept(raw or str(seconds)))
    return from_moment(moment, raw=raw)


def from_struct(parsed: time.struct_time | None, *, raw: str | None = None) -> Published:
    """A UTC struct_time, as feedparser gives `published_parsed`."""
    if parsed is None:
        return from_text(raw)
    try:
        return from_unix(calendar.timegm(parsed), raw=raw)
    except (OverflowError, ValueError, TypeError):
        return from_text(raw)


def from_text(text: object, *, languages: Iterable[str] = (), relative: bool = False) -> Published:
    """A date as a source writes it: ISO 8601 directly, anything else through dateparser."""
    raw = " ".join(str(text).split()) if text is not None else ""
    if not raw:
        return Published()
    found = _iso(raw) or (None if len(raw) > LONGEST else _natural(raw, _primary(languages), relative))
    if found is None:
        return Published(raw=_kept(raw))
    moment, with_time = found
    return from_moment(moment, with_time=with_time, raw=raw)


def _iso(raw: str) -> tuple[datetime | date, bool] | None:
    for kind, with_time in ((date, False), (datetime, True)):
        try:
            return kind.fromisoformat(raw), with_time
        except ValueError:
            continue
    return None


def _primary(languages: Iterable[str]) -> tuple[str, ...]:
    """'fr_FR', 'de-AT' -> ('fr', 'de', 'en'): the languages dateparser knows, English added (the
    language of most machine-written dates); () when none is declared or known."""
    from dateparser.data import language_order

    codes = [str(code).replace("_", "-").split("-", 1)[0].strip().lower() for code in languages if code]
    codes = [code for code in codes if code in language_order]
    return tuple(dict.fromkeys(codes + ["en"])) if codes else ()


def _natural(raw: str, languages: tuple[str, ...], relative: bool) -> tuple[datetime, bool] | None:
    if relative:
        return _parse(raw, languages, relative)
    return _parse_absolute(raw, languages)


@lru_cache(maxsize=4096)
def _parse_absolute(raw: str, languages: tuple[str, ...]) -> tuple[datetime, bool] | None:
    return _parse(raw, languages, relative=False)


def _parse(raw: str, languages: tuple[str, ...], relative: bool) -> tuple[datetime, bool] | None:
    with _lock:
        try:
            found = _parser(languages, relative).get_date_data(raw)
        except (ValueError, OverflowError, TypeError, KeyError, IndexError):
            return None
    if found.date_obj is None or found.period not in ("time", "day"):
        return None
    return found.date_obj, found.period == "time"


@lru_cache(maxsize=64)
def _parser(languages: tuple[str, ...], relative: bool):
    from dateparser.date import DateDataParser

    settings = {
        "STRICT_PARSING": True, "RETURN_TIME_AS_PERIOD": True, "PREFER_DATES_FROM": "past",
        "TIMEZONE": "UTC", "TO_TIMEZONE": "UTC", "RETURN_AS_TIMEZONE_AWARE": True,
        "PARSERS": list(RELATIVE_PARSERS if relative else PARSERS),
    }
    return DateDataParser(languages=list(languages) or None, try_previous_locales=True, settings=settings)
