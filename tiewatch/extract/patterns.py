"""Entity-ruler patterns: the domain's name shapes (data/patterns.yaml) and the watchlist."""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

import yaml

from tiewatch.extract.lexicon import _data
from tiewatch.extract.watchlist import watchlist_names


@lru_cache(maxsize=1)
def _spec() -> dict[str, Any]:
    return yaml.safe_load(_data("patterns.yaml"))


def _expand(token: Any, spec: dict[str, Any]) -> list[dict[str, Any]]:
    if token == "NAME":
        return [{"TEXT": {"REGEX": spec["name_piece"]}, "OP": "+"}]
    if token == "FRANCHISE":
        return [{"TEXT": {"IN": list(spec["franchise_parents"])}}]
    return [copy.deepcopy(token)]


def domain_patterns() -> list[dict[str, Any]]:
    """Token patterns for "Abu X al-Y", "X Province", "Wilayat X", "X Brigades", "X Front", ..."""
    spec = _spec()
    out = []
    for entry in spec["patterns"]:
        tokens: list[dict[str, Any]] = []
        for token in entry["pattern"]:
            tokens.extend(_expand(token, spec))
        out.append({"label": entry["label"], "id": entry["id"], "pattern": tokens})
    return out


def watchlist_patterns(is_stop: Any) -> list[dict[str, Any]]:
    """Phrase patterns for every watchlist name and alias (and its capitalised variant)."""
    out = []
    seen: set[str] = set()
    for name in watchlist_names():
        if len(name) < 3 or is_stop(name.lower()):
            continue
        for variant in {name, name[:1].upper() + name[1:]}:
            if variant not in seen:
                seen.add(variant)
                out.append({"label": "ORG", "id": "watchlist", "pattern": variant})
    return out
