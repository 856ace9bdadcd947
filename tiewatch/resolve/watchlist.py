"""The watchlist: designated groups with their aliases, ids and designations.

Read lazily from `tiewatch/extract/data/watchlist.json` (format in docs/internals.md); when the
file is absent or unreadable the watchlist is simply empty and names are matched as they come.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any

from tiewatch.resolve.names import normalise


@dataclass(frozen=True)
class Entry:
    """One watchlist entry: a canonical name and everything known about it."""

    index: int
    name: str
    kind: str
    aliases: tuple[str, ...]
    ids: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    designations: tuple[dict[str, Any], ...] = field(default=(), hash=False, compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Watchlist:
    """Entries indexed by the matching key of each of their names."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self._by_name: dict[str, list[Entry]] = {}
        self._by_alias: dict[str, list[Entry]] = {}
        for entry in entries:
            self._by_name.setdefault(normalise(entry.name), []).append(entry)
            for alias in entry.aliases:
                key = normalise(alias)
                if key and entry not in self._by_alias.get(key, []):
                    self._by_alias.setdefault(key, []).append(entry)

    def __len__(self) -> int:
        return len(self.entries)

    def shared(self, key: str) -> bool:
        """True when two or more entries bear this name: it names none of them for sure."""
        return len({e.index for index in (self._by_name, self._by_alias) for e in index.get(key, [])}) > 1

    def match(self, key: str, kind: str | None) -> Entry | None:
        """The one entry a key names (of that kind, or of any when None); None when none or two do."""
        for index in (self._by_name, self._by_alias):
            found = [e for e in index.get(key, []) if kind is None or e.kind == kind]
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                return None
        return None


def _entry(index: int, raw: dict[str, Any]) -> Entry | None:
    name = str(raw.get("name") or "").strip()
    if not name:
        return None
    aliases = tuple(str(a).strip() for a in raw.get("aliases") or () if str(a).strip() and a != name)
    return Entry(
        index=index, name=name, kind=str(raw.get("kind") or "group"), aliases=aliases,
        ids={str(k): str(v) for k, v in (raw.get("ids") or {}).items() if v},
        designations=tuple(d for d in raw.get("designations") or () if isinstance(d, dict)),
    )


def from_records(records: list[Any]) -> Watchlist:
    """A watchlist from records in the watchlist.json format (skipping malformed ones)."""
    entries = [_entry(i, item) for i, item in enumerate(records) if isinstance(item, dict)]
    return Watchlist([e for e in entries if e])


@lru_cache(maxsize=1)
def watchlist() -> Watchlist:
    """The packaged watchlist, read once per process (empty when the file is missing)."""
    try:
        text = files("tiewatch.extract").joinpath("data/watchlist.json").read_text(encoding="utf-8")
        raw = json.loads(text)
    except (FileNotFoundError, ModuleNotFoundError, json.JSONDecodeError, OSError):
        return Watchlist([])
    return from_records(raw if isinstance(raw, list) else [])
