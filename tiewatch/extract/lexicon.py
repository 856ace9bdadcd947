"""The engine's word knowledge, read lazily from data files: cue words per tie type (from the
tie vocabulary in tiewatch/model/ties.yaml), the lexicon (data/lexicon.yaml), the stoplist of
names that are never actors (data/stoplist.txt) and the names of states and their capitals
(data/states.txt, data/capitals.txt) and nationality adjectives (data/demonyms.txt)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from types import MappingProxyType
from typing import Mapping
from importlib.resources import files
from typing import Any

import yaml

from tiewatch.model import vocabulary


def _data(name: str) -> str:
    return files("tiewatch.extract").joinpath("data", name).read_text(encoding="utf-8")


def _lines(name: str) -> frozenset[str]:
    return frozenset(
        line.strip().lower() for line in _data(name).splitlines() if line.strip() and not line.startswith("#")
    )


@dataclass(frozen=True)
class Lexicon:
    raw: dict[str, Any]
    verb_types: dict[str, tuple[str, ...]]  # verb lemma -> tie types, in priority order
    noun_types: dict[str, tuple[str, ...]]  # noun lemma -> tie types, in priority order
    stoplist: frozenset[str]
    states: frozenset[str]
    demonyms: frozenset[str]

    def words(self, key: str) -> frozenset[str]:
        return _word_set(self, key)

    def mapping(self, key: str) -> Mapping[str, Any]:
        """A read-only view (no copy: the rules ask for these once per token)."""
        return MappingProxyType(self.raw.get(key) or {})

    def priority(self, type_name: str) -> int:
        order = self.raw["type_priority"]
        return order.index(type_name) if type_name in order else len(order)

    @cached_property
    def _theme_cues(self) -> tuple[tuple[str, frozenset[str]], ...]:
        out = []
        for name in self.raw["theme_types"]:
            cues = {c.lower() for c in vocabulary()[name].noun_cues}
            cues |= {c[:-1] for c in cues if c.endswith("s") and len(c) > 4}
            out.append((name, frozenset(cues)))
        return tuple(out)

    def theme_types(self, lemmas: set[str]) -> list[str]:
        """Types that a thing given (weapons, money, training) stands for, best first."""
        return [name for name, cues in self._theme_cues if cues & lemmas]

    def is_state(self, name: str) -> bool:
        text = name.lower()
        return text in self.states or text.removeprefix("the ") in self.states


_WORD_SETS: dict[tuple[int, str], frozenset[str]] = {}


def _word_set(lex: Lexicon, key: str) -> frozenset[str]:
    cache_key = (id(lex), key)
    if cache_key not in _WORD_SETS:
        _WORD_SETS[cache_key] = frozenset(str(w).lower() for w in lex.raw.get(key) or ())
    return _WORD_SETS[cache_key]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = yaml.safe_load(_data("lexicon.yaml"))
    order = raw["type_priority"]
    verbs: dict[str, list[str]] = {}
    nouns: dict[str, list[str]] = {}
    for name in sorted(vocabulary(), key=lambda n: order.index(n) if n in order else len(order)):
        spec = vocabulary()[name]
        for cue in spec.verb_cues:
            verbs.setdefault(cue.lower(), []).append(name)
        for cue in spec.noun_cues:
            nouns.setdefault(cue.lower(), []).append(name)
    return Lexicon(
        raw=raw,
        verb_types={k: tuple(v) for k, v in verbs.items()},
        noun_types={k: tuple(v) for k, v in nouns.items()},
        stoplist=_lines("stoplist.txt"),
        states=_lines("states.txt") | _lines("capitals.txt"),
        demonyms=_lines("demonyms.txt"),
    )
