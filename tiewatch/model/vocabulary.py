"""The tie vocabulary, read lazily from `ties.yaml` beside this module."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

import yaml


@dataclass(frozen=True)
class TieType:
    name: str
    description: str
    direction: str
    symmetric: bool
    subject_kinds: tuple[str, ...]
    object_kinds: tuple[str, ...]
    plover: str | None
    stix: str
    opencti: str
    misp: str
    verb_cues: tuple[str, ...] = field(default=())
    noun_cues: tuple[str, ...] = field(default=())


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, TieType]:
    """All tie types by name, in the order of the data file."""
    raw = yaml.safe_load(files("tiewatch.model").joinpath("ties.yaml").read_text(encoding="utf-8"))
    types: dict[str, TieType] = {}
    for name, spec in raw.items():
        cues = spec.get("cues") or {}
        types[name] = TieType(
            name=name,
            description=spec["description"],
            direction=spec["direction"],
            symmetric=bool(spec["symmetric"]),
            subject_kinds=tuple(spec["subject_kinds"]),
            object_kinds=tuple(spec["object_kinds"]),
            plover=spec.get("plover"),
            stix=spec["stix"],
            opencti=spec["opencti"],
            misp=spec["misp"],
            verb_cues=tuple(cues.get("verbs", ())),
            noun_cues=tuple(cues.get("nouns", ())),
        )
    return types


def tie_type(name: str) -> TieType:
    types = vocabulary()
    if name not in types:
        raise KeyError(f"unknown tie type {name!r}; known: {', '.join(types)}")
    return types[name]
