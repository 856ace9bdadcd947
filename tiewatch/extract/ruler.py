"""The entity ruler's knowledge: the watchlist of designated armed groups (data/watchlist.json,
read lazily; absent is fine) and the domain's name shapes (data/patterns.yaml)."""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml

from tiewatch.extract.lexicon import _data


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
    index: dict[str, str] = {}
    for entry in watchlist():
        for name in [entry["name"], *(entry.get("aliases") or ())]:
            if isinstance(name, str):
                index.setdefault(name.lower(), entry["name"])
    return index

@lru_cache(maxsize=1)
def _spec() -> dict[str, Any]:
    return yaml.safe_load(_data("patterns.yaml"))


def _expand(token: Any, spec: dict[str, Any]) -> list[dict[str, Any]]:
    if token == "NAME":
        return [{"TEXT": {"REGEX": spec["name_start"]}}, {"TEXT": {"REGEX": spec["name_piece"]}, "OP": "*"}]
    if token == "TAIL":
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
