"""The watchlist of designated armed groups (data/watchlist.json), read lazily; absent is fine."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any


@lru_cache(maxsize=1)
def watchlist() -> list[dict[str, Any]]:
    """Entries as in docs/internals.md, or an empty list when the file is not there."""
    path = files("tiewatch.extract").joinpath("data", "watchlist.json")
    if not path.is_file():
        return []
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [e for e in entries if isinstance(e, dict) and e.get("name")]


def watchlist_names() -> list[str]:
    """Every name and alias of a group on the watchlist."""
    names = []
    for entry in watchlist():
        if entry.get("kind", "group") != "group":
            continue
        names.append(entry["name"])
        names.extend(a for a in entry.get("aliases") or () if isinstance(a, str))
    return names


@lru_cache(maxsize=1)
def watchlist_index() -> dict[str, str]:
    """Lower-cased name or alias -> the entry's name."""
    index = {}
    for entry in watchlist():
        for name in [entry["name"], *(entry.get("aliases") or ())]:
            if isinstance(name, str):
                index.setdefault(name.lower(), entry["name"])
    return index
